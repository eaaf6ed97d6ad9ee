package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.SigningKey;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 14: spans exported over real OTLP/HTTP to a receiver decoding the protobuf. The production
 * server (started from variables) calls the registry exchange (a real HTTP stub, S3Proxy behind)
 * and the catalog's GraphQL; the spans arrive with their names, kinds and parents, the incoming
 * trace ids, the child span ids the registry and catalog saw, and no secret anywhere in the bytes.
 * Closing the server flushes them: nothing here waits for the batch delay.
 */
class SpanExportTest {
  private static final String ACCESS_KEY = "ASIASPANTESTUSER0001";
  private static final String SECRET_KEY = "s3proxy-secret-for-the-span-test-0123456789";
  private static final String SESSION_TOKEN = "span-test-session-token";
  private static final String COLLECTOR_SECRET = "collector-api-key-0123456789";
  private static final String TRACE_A = "0af7651916cd43dd8448eb211c80319c";
  private static final String PARENT_A = "b7ad6b7169203331";
  private static final String TRACE_B = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_B = "00f067aa0ba902b7";

  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
  private final HttpClient client = HttpClient.newHttpClient();
  private final List<String> catalogTraces = new CopyOnWriteArrayList<>();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Logger root;
  private CredentialRig rig;
  private OtlpReceiver receiver;
  private ServerAssembly running;
  private String token;

  @BeforeEach
  void start() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.setContext(context);
    logs.start();
    root.addAppender(logs);
    rig =
        new CredentialRig(
            List.of(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN),
            List.of("quilt-span"),
            List.of("data/a.csv"));
    rig.serve(
        "/graphql",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          catalogTraces.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
          CredentialRig.answer(
              exchange,
              "{\"data\":{\"packages\":{\"total\":1,\"page\":[{\"name\":\"team/alpha\"}]}}}");
        });
    receiver = new OtlpReceiver();

    Map<String, String> env = rig.serverEnvironment();
    env.put("MCP_PACKAGE_BACKEND", "graphql");
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.baseUrl());
    env.put("OTEL_SERVICE_NAME", "quilt-mcp-span-test");
    env.put("OTEL_EXPORTER_OTLP_HEADERS", "x-api-key=" + COLLECTOR_SECRET);
    running = Main.start(Main.settings(env, err), err);
    token =
        JwtMinter.create(SigningKey.ofUtf8(null, ServerHarness.SECRET), Clock.systemUTC())
            .enhanced("span-analyst@example.com")
            .buckets(List.of("quilt-span"))
            .permissions(List.of("s3:ListBucket", "s3:GetObject"))
            .mint();
  }

  @AfterEach
  void stop() throws Exception {
    root.detachAppender(logs);
    if (running != null) {
      running.close();
    }
    rig.close();
    receiver.close();
  }

  private HttpResponse<String> post(String body, String session, String traceparent)
      throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.server().port() + "/mcp"))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      r.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18");
    }
    if (traceparent != null) {
      r.header("traceparent", traceparent);
    }
    return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void requestsAndTheirCalls_arriveAsServerAndClientSpans_onTheIncomingTraces() throws Exception {
    String session = session();
    HttpResponse<String> list =
        post(
            Messages.call(5, "bucket_objects_list", "{\"bucket\":\"quilt-span\"}"),
            session,
            "00-" + TRACE_A + "-" + PARENT_A + "-01");
    assertEquals(200, list.statusCode(), list.body());
    assertTrue(list.body().contains("data/a.csv"), list.body());
    // the trace in _meta wins over the header's
    HttpResponse<String> packages =
        post(
            "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"packages_list\",\"arguments\":{\"registry\":\"s3://quilt-span\"},"
                + "\"_meta\":{\"traceparent\":\"00-"
                + TRACE_B
                + "-"
                + PARENT_B
                + "-01\"}}}",
            session,
            "00-" + TRACE_A + "-" + PARENT_A + "-01");
    assertEquals(200, packages.statusCode(), packages.body());
    assertTrue(packages.body().contains("team/alpha"), packages.body());

    running.close(); // graceful stop flushes the queued spans
    running = null;

    Span call = only("tools/call bucket_objects_list");
    assertEquals(Span.SpanKind.SPAN_KIND_SERVER, call.getKind());
    assertEquals(TRACE_A, hex(call.getTraceId().toByteArray()));
    assertEquals(PARENT_A, hex(call.getParentSpanId().toByteArray()));
    assertEquals("tools/call", attribute(call, "mcp.method.name"));
    assertEquals("bucket_objects_list", attribute(call, "gen_ai.tool.name"));
    assertEquals("2025-06-18", attribute(call, "mcp.protocol.version"));
    assertEquals("200", attribute(call, "http.response.status_code"));
    assertEquals("", attribute(call, "error.type"));

    Span exchange = only(com.quiltdata.mcp.auth.internal.credentials.RegistryExchange.SPAN_NAME);
    assertEquals(Span.SpanKind.SPAN_KIND_CLIENT, exchange.getKind());
    assertEquals(TRACE_A, hex(exchange.getTraceId().toByteArray()));
    assertEquals(
        hex(call.getSpanId().toByteArray()), hex(exchange.getParentSpanId().toByteArray()));
    assertEquals(
        List.of("00-" + TRACE_A + "-" + hex(exchange.getSpanId().toByteArray()) + "-01"),
        rig.traceparents(),
        "the registry saw the client span's own traceparent");

    Span pkg = only("tools/call packages_list");
    assertEquals(TRACE_B, hex(pkg.getTraceId().toByteArray()));
    assertEquals(PARENT_B, hex(pkg.getParentSpanId().toByteArray()));
    Span query = only(com.quiltdata.mcp.tools.catalog.CatalogClient.SPAN_NAME);
    assertEquals(Span.SpanKind.SPAN_KIND_CLIENT, query.getKind());
    assertEquals(hex(pkg.getSpanId().toByteArray()), hex(query.getParentSpanId().toByteArray()));
    assertEquals(
        List.of("00-" + TRACE_B + "-" + hex(query.getSpanId().toByteArray()) + "-01"),
        catalogTraces,
        "the catalog saw the client span's own traceparent");

    // no incoming trace: a new one, and the access log names the very trace that was exported
    Span initialize = only("initialize");
    assertTrue(initialize.getParentSpanId().isEmpty(), "a root span");
    String initTrace = hex(initialize.getTraceId().toByteArray());
    assertTrue(accessLogTraceIds().contains(initTrace), accessLogTraceIds() + " vs " + initTrace);
    assertTrue(accessLogTraceIds().contains(TRACE_A));
    assertTrue(accessLogTraceIds().contains(TRACE_B));

    assertEquals(
        "quilt-mcp-span-test",
        receiver.requests().get(0).getResourceSpans(0).getResource().getAttributesList().stream()
            .filter(kv -> kv.getKey().equals("service.name"))
            .findFirst()
            .orElseThrow()
            .getValue()
            .getStringValue());
    assertTrue(
        receiver.headers().stream().anyMatch(h -> h.contains(COLLECTOR_SECRET)),
        "OTEL_EXPORTER_OTLP_HEADERS reach the collector");
    for (Span s : receiver.spans()) {
      for (KeyValue kv : s.getAttributesList()) {
        assertFalse(kv.getKey().startsWith("mcp.session"), s.getName() + " " + kv.getKey());
      }
    }
    String exported = new String(receiver.allBytes(), StandardCharsets.ISO_8859_1);
    for (String secret :
        List.of(
            token,
            ServerHarness.SECRET,
            SECRET_KEY,
            SESSION_TOKEN,
            COLLECTOR_SECRET,
            session,
            "span-analyst",
            "quilt-span")) {
      assertFalse(exported.contains(secret), "exported spans hold " + secret);
    }
    for (ILoggingEvent e : logs.list) {
      assertFalse(e.getFormattedMessage().contains(COLLECTOR_SECRET), e.getFormattedMessage());
    }
  }

  @Test
  void aRefusedCall_isAServerSpanWithAnErrorType() throws Exception {
    String session = session();
    HttpResponse<String> denied =
        post(
            Messages.call(7, "bucket_objects_list", "{\"bucket\":\"quilt-elsewhere\"}"),
            session,
            "00-" + TRACE_A + "-" + PARENT_A + "-01");
    assertEquals(403, denied.statusCode(), denied.body());
    running.close();
    running = null;
    Span call = only("tools/call bucket_objects_list");
    assertEquals(
        io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR,
        call.getStatus().getCode());
    assertEquals("-32003", attribute(call, "error.type"), "the JSON-RPC error code");
    assertEquals("-32003", attribute(call, "rpc.response.status_code"));
    assertEquals("403", attribute(call, "http.response.status_code"));
    assertTrue(rig.traceparents().isEmpty(), "refused before the registry is asked");
    assertFalse(
        new String(receiver.allBytes(), StandardCharsets.ISO_8859_1).contains("quilt-elsewhere"));
  }

  /** Opens a 2025-06-18 session (initialize, initialized) without a trace. */
  private String session() throws Exception {
    HttpResponse<String> init = post(Messages.initialize("2025-06-18"), null, null);
    assertEquals(200, init.statusCode(), init.body());
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    post(Messages.INITIALIZED, session, null);
    return session;
  }

  private Span only(String name) {
    List<Span> named = new ArrayList<>();
    for (Span s : receiver.spans()) {
      if (s.getName().equals(name)) {
        named.add(s);
      }
    }
    assertEquals(1, named.size(), "spans named " + name + " among " + names());
    return named.get(0);
  }

  private List<String> names() {
    List<String> out = new ArrayList<>();
    receiver.spans().forEach(s -> out.add(s.getName()));
    return out;
  }

  private List<String> accessLogTraceIds() {
    List<String> out = new ArrayList<>();
    for (ILoggingEvent e : logs.list) {
      if (AccessLog.LOGGER.equals(e.getLoggerName())) {
        out.add(String.valueOf(e.getMDCPropertyMap().get("trace_id")));
      }
    }
    return out;
  }

  private static String attribute(Span span, String key) {
    for (KeyValue kv : span.getAttributesList()) {
      if (kv.getKey().equals(key)) {
        return kv.getValue().hasIntValue()
            ? Long.toString(kv.getValue().getIntValue())
            : kv.getValue().getStringValue();
      }
    }
    return "";
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}

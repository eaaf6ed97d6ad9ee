package com.quiltdata.mcp.server.http;

import com.quiltdata.mcp.auth.ClientSpans;
import com.quiltdata.mcp.auth.TraceParent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spans exported with the OpenTelemetry SDK over OTLP/HTTP (protobuf): a SERVER span per MCP
 * message, named {@code {mcp.method.name} {target}}, and a CLIENT span per registry exchange and
 * catalog query (installed as the {@link ClientSpans} tracer), whose {@code traceparent} is the one
 * sent. Parent-based sampling, always on for new traces; a bounded queue (the batch processor's
 * 2048 spans; more are dropped). Attributes come from closed sets only: never a token, subject,
 * session id or bucket. Only {@link ServerAssembly} creates it, and only with an endpoint set.
 */
final class OtlpTracing implements RequestTracing, ClientSpans.Tracer {
  private static final Logger LOG = LoggerFactory.getLogger(OtlpTracing.class);
  private static final String SCOPE = "com.quiltdata.mcp.server";
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("mcp.method.name");
  private static final AttributeKey<String> TOOL = AttributeKey.stringKey("gen_ai.tool.name");
  private static final AttributeKey<String> VERSION =
      AttributeKey.stringKey("mcp.protocol.version");
  private static final AttributeKey<String> ERROR = AttributeKey.stringKey("error.type");
  // a string in the conventions (the JSON-RPC error code, e.g. "-32602")
  private static final AttributeKey<String> RPC_STATUS =
      AttributeKey.stringKey("rpc.response.status_code");
  private static final AttributeKey<Long> HTTP_STATUS =
      AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<String> ADDRESS = AttributeKey.stringKey("server.address");
  private static final AttributeKey<Long> PORT = AttributeKey.longKey("server.port");

  private final TraceSettings settings;
  private final SdkTracerProvider provider;
  private final Tracer tracer;
  private final ClientSpans.Installation installation;
  private boolean closed;

  private OtlpTracing(TraceSettings settings, String version) {
    this.settings = settings;
    OtlpHttpSpanExporterBuilder exporter =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(settings.tracesEndpoint().toString())
            .setTimeout(settings.timeout());
    settings.headers().forEach(exporter::addHeader);
    Resource resource =
        Resource.getDefault()
            .merge(
                Resource.create(
                    Attributes.of(
                        AttributeKey.stringKey("service.name"),
                        settings.serviceName(),
                        AttributeKey.stringKey("service.version"),
                        version)));
    this.provider =
        SdkTracerProvider.builder()
            .setResource(resource)
            .setSampler(Sampler.parentBased(Sampler.alwaysOn()))
            .addSpanProcessor(BatchSpanProcessor.builder(exporter.build()).build())
            .build();
    this.tracer = provider.get(SCOPE, version);
    this.installation = ClientSpans.install(this);
  }

  /** Starts exporting to the settings' endpoint; installs the client-span tracer. */
  static OtlpTracing start(TraceSettings settings, String version) {
    if (!settings.enabled()) {
      throw new IllegalArgumentException("tracing needs an endpoint");
    }
    OtlpTracing tracing = new OtlpTracing(settings, version);
    // the endpoint and header names only: header values may be credentials
    LOG.info("exporting spans to {}", settings);
    return tracing;
  }

  @Override
  public ServerSpan start(AccessRecord record) {
    String method = ServerMetrics.tagValue(record.rpcMethod());
    String tool = record.tool() == null ? null : ServerMetrics.tagValue(record.tool());
    SpanBuilder builder =
        tracer
            .spanBuilder(tool == null ? method : method + " " + tool)
            .setSpanKind(SpanKind.SERVER)
            .setStartTimestamp(record.startedNanos(), TimeUnit.NANOSECONDS)
            .setAttribute(METHOD, method);
    if (tool != null) {
      builder.setAttribute(TOOL, tool);
    }
    Optional<TraceParent> parent = TraceParent.current();
    builder.setParent(
        parent.map(p -> Context.root().with(Span.wrap(context(p, true)))).orElse(Context.root()));
    Span span = builder.startSpan();
    traceparent(span.getSpanContext()).enterLoggingContext();
    return (r, status) -> {
      String version = ServerMetrics.version(r.protocolVersion());
      if (!version.isEmpty()) {
        span.setAttribute(VERSION, version);
      }
      if (r.rpcError() != null) {
        span.setAttribute(RPC_STATUS, r.rpcError().toString());
      }
      span.setAttribute(HTTP_STATUS, status);
      fail(span, ServerMetrics.errorType(r, status));
      span.end();
    };
  }

  @Override
  public ClientSpans.Call start(String name, URI target) {
    Optional<TraceParent> parent = TraceParent.current();
    if (parent.isEmpty()) {
      // outside a request (nothing to be a child of): no span, nothing sent
      return new Client(null, null);
    }
    Span span =
        tracer
            .spanBuilder(name)
            .setSpanKind(SpanKind.CLIENT)
            .setParent(Context.root().with(Span.wrap(context(parent.get(), false))))
            .setAttribute(ADDRESS, target.getHost())
            .setAttribute(PORT, (long) port(target))
            .startSpan();
    return new Client(span, traceparent(span.getSpanContext()));
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    installation.close();
    // the batch processor exports what is queued; bounded by the export timeout
    long millis = settings.timeout().toMillis();
    if (!provider.shutdown().join(millis, TimeUnit.MILLISECONDS).isSuccess()) {
      LOG.warn("spans not all exported within {} ms at shutdown", millis);
    }
  }

  private static void fail(Span span, String errorType) {
    if (errorType != null && !errorType.isEmpty()) {
      span.setAttribute(ERROR, errorType);
      span.setStatus(StatusCode.ERROR);
    }
  }

  private static SpanContext context(TraceParent p, boolean remote) {
    String v = p.value();
    String traceId = p.traceId();
    String spanId = v.substring(36, 52);
    TraceFlags flags = TraceFlags.fromHex(v, 53);
    return remote
        ? SpanContext.createFromRemoteParent(traceId, spanId, flags, TraceState.getDefault())
        : SpanContext.create(traceId, spanId, flags, TraceState.getDefault());
  }

  private static TraceParent traceparent(SpanContext c) {
    return new TraceParent(
        "00-" + c.getTraceId() + "-" + c.getSpanId() + "-" + c.getTraceFlags().asHex());
  }

  private static int port(URI target) {
    if (target.getPort() > 0) {
      return target.getPort();
    }
    return "https".equalsIgnoreCase(target.getScheme()) ? 443 : 80;
  }

  /** One outgoing call's span and the traceparent it sends ({@code null}s: none). */
  private static final class Client implements ClientSpans.Call {
    private final Span span;
    private final TraceParent traceparent;
    private boolean ended;

    Client(Span span, TraceParent traceparent) {
      this.span = span;
      this.traceparent = traceparent;
    }

    @Override
    public Optional<TraceParent> traceparent() {
      return Optional.ofNullable(traceparent);
    }

    @Override
    public void status(int httpStatus) {
      if (span != null) {
        span.setAttribute(HTTP_STATUS, httpStatus);
        if (httpStatus >= 400) {
          fail(span, Integer.toString(httpStatus));
        }
      }
    }

    @Override
    public void failed(String errorType) {
      if (span != null) {
        fail(span, errorType);
      }
    }

    @Override
    public synchronized void close() {
      if (span != null && !ended) {
        ended = true;
        span.end();
      }
    }
  }
}

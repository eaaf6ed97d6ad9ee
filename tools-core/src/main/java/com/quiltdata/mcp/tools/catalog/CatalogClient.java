package com.quiltdata.mcp.tools.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.BearerToken;
import com.quiltdata.mcp.auth.ClientSpans;
import com.quiltdata.mcp.auth.CpuSlots;
import com.quiltdata.mcp.auth.TraceParent;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.catalog.internal.BoundedBody;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The catalog's GraphQL with the caller's own token: {@code POST {registry}/graphql} of {@code
 * {query, variables}} with {@code Authorization: Bearer <token>}. Bounded in time (connect timeout,
 * one deadline for the whole exchange) and size (response body limit); redirects are never followed
 * (the token never goes to another host); cancelling the tool call aborts the exchange. Failures
 * are {@link ToolFailure}s with a {@link CatalogReason} whose messages never hold the token.
 * Thread-safe.
 *
 * <pre>{@code
 * JsonNode data = client.query(context, "query($b: String!) { packages(bucket: $b) { total } }",
 *     vars, "list the packages of s3://" + bucket);
 * }</pre>
 */
public final class CatalogClient {
  /** Default time allowed to open a connection. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Default time allowed for one whole exchange (request, headers and body). */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** Default largest accepted response body. */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 16 << 20;

  /** Default largest request body (query and variables as JSON). */
  public static final int DEFAULT_MAX_REQUEST_BYTES = 8 << 20;

  /** The path of the endpoint, relative to the registry URL. */
  public static final String PATH = "/graphql";

  /** The name of a query's client span ({@code {method} {url.template}}). */
  public static final String SPAN_NAME = "POST " + PATH;

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final URI endpoint;
  private final String registry;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final int maxResponseBytes;
  private final int maxRequestBytes;

  private CatalogClient(Builder b) {
    this.endpoint = b.endpoint;
    this.registry = b.registry;
    this.http =
        b.http != null
            ? b.http
            : HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    this.requestTimeout = b.requestTimeout;
    this.maxResponseBytes = b.maxResponseBytes;
    this.maxRequestBytes = b.maxRequestBytes;
  }

  /**
   * Starts a client of the registry at {@code registryUrl} ({@code QUILT_REGISTRY_URL}).
   *
   * @throws IllegalArgumentException if it is not an absolute http(s) URL with a host and without
   *     user info, query or fragment (the message does not echo it)
   */
  public static Builder builder(URI registryUrl) {
    return new Builder(registryUrl);
  }

  /** {@code scheme://host[:port]}: how messages name the registry. */
  public String registry() {
    return registry;
  }

  /** The GraphQL endpoint. */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * One GraphQL answer.
   *
   * @param data the {@code data} object (a missing or null one is an empty object)
   * @param errors the messages of the top-level {@code errors}, empty when there were none
   */
  public record Response(JsonNode data, List<String> errors) {
    public Response {
      errors = List.copyOf(errors);
    }
  }

  /**
   * Sends a query and returns the answer even when it has top-level errors (for a caller that falls
   * back to another field on an older registry).
   *
   * @param variables the variables, or {@code null}
   * @throws ToolFailure {@code CATALOG_NOT_CONFIGURED} (no token), {@code
   *     CATALOG_REQUEST_TOO_LARGE} (nothing sent), {@code CATALOG_ACCESS_DENIED}, {@code
   *     CATALOG_UNAVAILABLE}, {@code CATALOG_BAD_RESPONSE} or {@code CANCELLED}
   */
  public Response send(ToolContext context, String query, ObjectNode variables) {
    Objects.requireNonNull(query, "query");
    BearerToken token =
        context
            .principal()
            .token()
            .orElseThrow(
                () ->
                    new ToolFailure(
                        CatalogReason.CATALOG_NOT_CONFIGURED,
                        "The Quilt catalog needs your bearer token, and this call carries none;"
                            + " call with Authorization: Bearer <token>, or set"
                            + " MCP_PACKAGE_BACKEND=s3"));
    ObjectNode body = JsonSchema.NODES.objectNode().put("query", query);
    if (variables != null) {
      body.set("variables", variables);
    }
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("a GraphQL request could not be serialised", e);
    }
    if (bytes.length > maxRequestBytes) {
      throw new ToolFailure(
          CatalogReason.CATALOG_REQUEST_TOO_LARGE,
          "The request to the Quilt catalog would be "
              + bytes.length
              + " bytes; at most "
              + maxRequestBytes
              + " are sent. Ask for less (fewer entries, smaller metadata)");
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(endpoint)
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .timeout(requestTimeout)
            .header("Authorization", "Bearer " + token.reveal())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json");
    HttpResponse<BoundedBody.Body> response;
    // a client span when tracing is on; the catalog gets its traceparent (else the request's)
    try (ClientSpans.Call call = ClientSpans.start(SPAN_NAME, endpoint)) {
      call.traceparent().ifPresent(t -> builder.header(TraceParent.HEADER, t.value()));
      try {
        response = exchange(context, builder.build());
      } catch (ToolFailure e) {
        call.failed(e.reason().name());
        throw e;
      }
      call.status(response.statusCode());
    }
    if (response.statusCode() != 200) {
      throw CatalogFailures.status(response.statusCode(), registry);
    }
    if (response.body().overflow()) {
      throw new ToolFailure(
          CatalogReason.CATALOG_BAD_RESPONSE,
          "The Quilt catalog at "
              + registry
              + " answered with more than "
              + maxResponseBytes
              + " bytes; ask for less (a narrower path, a lower limit)");
    }
    return parse(response.body().bytes());
  }

  /**
   * Sends a query and returns its {@code data}.
   *
   * @param what what is asked, for messages, e.g. {@code "list the packages of s3://b"}
   * @throws ToolFailure as {@link #send}, and {@code CATALOG_QUERY_FAILED} carrying the messages of
   *     top-level {@code errors}
   */
  public JsonNode query(ToolContext context, String query, ObjectNode variables, String what) {
    Response r = send(context, query, variables);
    if (!r.errors().isEmpty()) {
      throw CatalogFailures.errors(r.errors(), what);
    }
    return r.data();
  }

  private Response parse(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      root = null;
    }
    if (root == null || !root.isObject() || !(root.has("data") || root.path("errors").isArray())) {
      throw new ToolFailure(
          CatalogReason.CATALOG_BAD_RESPONSE,
          "The Quilt registry at "
              + registry
              + " answered /graphql with something that is not a GraphQL response");
    }
    List<String> errors = new ArrayList<>();
    for (JsonNode e : root.path("errors")) {
      errors.add(e.path("message").asText("(no message)"));
    }
    if (root.path("errors").isArray() && errors.isEmpty()) {
      errors.add("(an empty errors list)");
    }
    JsonNode data = root.path("data").isObject() ? root.get("data") : JSON.createObjectNode();
    return new Response(data, errors);
  }

  @SuppressWarnings("try") // the registration is only opened and closed
  private HttpResponse<BoundedBody.Body> exchange(ToolContext context, HttpRequest request) {
    if (context.isCancelled()) {
      throw ToolFailure.cancelled();
    }
    CompletableFuture<HttpResponse<BoundedBody.Body>> future =
        http.sendAsync(request, info -> new BoundedBody(maxResponseBytes));
    try (ToolContext.Registration cancel = context.onCancel(() -> future.cancel(true))) {
      return CpuSlots.get(future, requestTimeout);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw unavailable("did not answer within " + requestTimeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw ToolFailure.cancelled();
    } catch (java.util.concurrent.CancellationException e) {
      throw ToolFailure.cancelled();
    } catch (ExecutionException e) {
      if (context.isCancelled()) {
        throw ToolFailure.cancelled();
      }
      Throwable cause = e.getCause();
      if (cause instanceof HttpConnectTimeoutException) {
        throw unavailable("could not be connected to within the connect timeout");
      }
      if (cause instanceof HttpTimeoutException) {
        throw unavailable("did not answer within " + requestTimeout.toMillis() + " ms");
      }
      if (cause instanceof ConnectException) {
        throw unavailable("refused the connection or is unreachable");
      }
      throw unavailable(
          "could not be talked to ("
              + (cause == null ? "unknown" : cause.getClass().getSimpleName())
              + ")");
    }
  }

  private ToolFailure unavailable(String what) {
    return new ToolFailure(
        CatalogReason.CATALOG_UNAVAILABLE,
        "The Quilt catalog at " + registry + " " + what + "; retry later");
  }

  @Override
  public String toString() {
    return "CatalogClient[" + registry + ", timeout=" + requestTimeout.toMillis() + "ms]";
  }

  /** Builds a client; setters validate eagerly and name the bad field. Not thread-safe. */
  public static final class Builder {
    private final URI endpoint;
    private final String registry;
    private HttpClient http;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;

    private Builder(URI url) {
      Objects.requireNonNull(url, "registryUrl");
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https"))
          || url.isOpaque()
          || url.getHost() == null
          || url.getHost().isEmpty()
          || url.getRawUserInfo() != null
          || url.getRawQuery() != null
          || url.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "registryUrl must be an absolute http or https URL with a host and without user info,"
                + " query or fragment");
      }
      String base = url.toString();
      while (base.endsWith("/")) {
        base = base.substring(0, base.length() - 1);
      }
      this.endpoint = URI.create(base + PATH);
      this.registry =
          scheme + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "");
    }

    /**
     * Uses this client. It must never follow redirects and must have a connect timeout; {@link
     * #connectTimeout} is then unused.
     */
    public Builder httpClient(HttpClient client) {
      Objects.requireNonNull(client, "httpClient");
      if (client.followRedirects() != HttpClient.Redirect.NEVER) {
        throw new IllegalArgumentException(
            "httpClient must not follow redirects: the token must never go to another host");
      }
      if (client.connectTimeout().isEmpty()) {
        throw new IllegalArgumentException("httpClient must have a connect timeout");
      }
      this.http = client;
      return this;
    }

    /** Connect timeout of the default client. Default 5 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** Time allowed for one whole exchange. Default 30 s. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /** Largest accepted response body, 1 KiB to 256 MiB. Default 16 MiB. */
    public Builder maxResponseBytes(int bytes) {
      if (bytes < 1024 || bytes > (256 << 20)) {
        throw new IllegalArgumentException("maxResponseBytes must be between 1024 and 268435456");
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    /** Largest request body, 1 KiB to 256 MiB. Default 8 MiB. */
    public Builder maxRequestBytes(int bytes) {
      if (bytes < 1024 || bytes > (256 << 20)) {
        throw new IllegalArgumentException("maxRequestBytes must be between 1024 and 268435456");
      }
      this.maxRequestBytes = bytes;
      return this;
    }

    /** Builds the client; no network until a query is sent. */
    public CatalogClient build() {
      return new CatalogClient(this);
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return value;
    }
  }
}

package com.quiltdata.mcp.auth.internal.credentials;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.auth.AuthException.Reason;
import com.quiltdata.mcp.auth.BearerToken;
import com.quiltdata.mcp.auth.ClientSpans;
import com.quiltdata.mcp.auth.CpuSlots;
import com.quiltdata.mcp.auth.CredentialSource;
import com.quiltdata.mcp.auth.IssuedCredentials;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.TraceParent;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exchanges a user's bearer token for temporary AWS credentials: {@code GET
 * {registry}/api/auth/get_credentials} with {@code Authorization: Bearer <token>}. One attempt per
 * call, bounded in time (connect timeout on the client, request timeout on the whole exchange) and
 * in size (response body limit); redirects are never followed. Every failure is an {@link
 * AuthException} whose message names the registry host and the cause, never the token or any
 * credential value.
 */
public final class RegistryExchange implements CredentialSource {
  /** The path of the exchange endpoint, relative to the registry URL. */
  public static final String ENDPOINT_PATH = "/api/auth/get_credentials";

  private static final Logger LOG = LoggerFactory.getLogger(RegistryExchange.class);

  /** The name of the exchange's client span ({@code {method} {url.template}}). */
  public static final String SPAN_NAME = "GET " + ENDPOINT_PATH;

  private final URI endpoint;
  private final String registry;
  private final Supplier<HttpClient> client;
  private final Duration requestTimeout;
  private final int maxResponseBytes;
  private final Clock clock;
  private final Duration minimumLifetime;

  /**
   * Creates the exchange. Arguments are validated by the public builder; this constructor checks
   * them again so the object can never exist misconfigured.
   *
   * @param registryUrl absolute http(s) URL with a host, no user info, query or fragment
   * @param client a client that never follows redirects and has a connect timeout
   * @param minimumLifetime issued credentials must outlive now by more than this
   */
  public RegistryExchange(
      URI registryUrl,
      HttpClient client,
      Duration requestTimeout,
      int maxResponseBytes,
      Clock clock,
      Duration minimumLifetime) {
    this(
        registryUrl,
        fixed(checkClient(client)),
        requestTimeout,
        maxResponseBytes,
        clock,
        minimumLifetime);
  }

  /**
   * Creates the exchange with its own client, built on the first exchange rather than now: the
   * JDK's HTTP client and its TLS context cost a few hundred milliseconds of start-up that a server
   * answering its first health check does not need (docs/performance.md). The client never follows
   * redirects and has the given connect timeout.
   */
  public static RegistryExchange withDefaultClient(
      URI registryUrl,
      Duration connectTimeout,
      Duration requestTimeout,
      int maxResponseBytes,
      Clock clock,
      Duration minimumLifetime) {
    positive(connectTimeout, "connectTimeout");
    return new RegistryExchange(
        registryUrl,
        new DefaultClient(connectTimeout),
        requestTimeout,
        maxResponseBytes,
        clock,
        minimumLifetime);
  }

  private RegistryExchange(
      URI registryUrl,
      Supplier<HttpClient> client,
      Duration requestTimeout,
      int maxResponseBytes,
      Clock clock,
      Duration minimumLifetime) {
    this.endpoint = endpointOf(registryUrl);
    this.registry = describe(registryUrl);
    this.client = client;
    this.requestTimeout = positive(requestTimeout, "requestTimeout");
    if (maxResponseBytes < 1024) {
      throw new IllegalArgumentException("maxResponseBytes must be at least 1024");
    }
    this.maxResponseBytes = maxResponseBytes;
    this.clock = Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(minimumLifetime, "refreshMargin");
    if (minimumLifetime.isNegative()) {
      throw new IllegalArgumentException("refreshMargin must not be negative");
    }
    this.minimumLifetime = minimumLifetime;
  }

  /**
   * The exchange endpoint for a registry URL.
   *
   * @throws IllegalArgumentException naming {@code registryUrl} (without echoing it, as it could
   *     carry user info) when it is not an absolute http(s) URL with a host
   */
  public static URI endpointOf(URI registryUrl) {
    Objects.requireNonNull(registryUrl, "registryUrl");
    String scheme = registryUrl.getScheme();
    boolean web =
        scheme != null
            && (scheme.toLowerCase(Locale.ROOT).equals("https")
                || scheme.toLowerCase(Locale.ROOT).equals("http"));
    if (!web
        || registryUrl.isOpaque()
        || registryUrl.getHost() == null
        || registryUrl.getHost().isEmpty()
        || registryUrl.getRawUserInfo() != null
        || registryUrl.getRawQuery() != null
        || registryUrl.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "registryUrl must be an absolute http or https URL with a host and without user info,"
              + " query or fragment (for example https://registry.example.com)");
    }
    String base = registryUrl.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + ENDPOINT_PATH);
  }

  /** {@code scheme://host[:port]}: how messages and logs name the registry. */
  static String describe(URI registryUrl) {
    return registryUrl.getScheme().toLowerCase(Locale.ROOT)
        + "://"
        + registryUrl.getHost()
        + (registryUrl.getPort() >= 0 ? ":" + registryUrl.getPort() : "");
  }

  private static Supplier<HttpClient> fixed(HttpClient client) {
    return () -> client;
  }

  /** The exchange's own client, built once on first use (thread-safe). */
  private static final class DefaultClient implements Supplier<HttpClient> {
    private final Duration connectTimeout;
    private volatile HttpClient client;

    DefaultClient(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    @Override
    public HttpClient get() {
      HttpClient built = client;
      if (built == null) {
        synchronized (this) {
          built = client;
          if (built == null) {
            built =
                HttpClient.newBuilder()
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            client = built;
          }
        }
      }
      return built;
    }
  }

  private static HttpClient checkClient(HttpClient client) {
    Objects.requireNonNull(client, "httpClient");
    if (client.followRedirects() != HttpClient.Redirect.NEVER) {
      throw new IllegalArgumentException(
          "httpClient must not follow redirects (HttpClient.Redirect.NEVER): the token must never"
              + " be sent to another host");
    }
    if (client.connectTimeout().isEmpty()) {
      throw new IllegalArgumentException("httpClient must have a connect timeout");
    }
    return client;
  }

  private static Duration positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return value;
  }

  @Override
  public IssuedCredentials fetch(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    BearerToken token =
        principal
            .token()
            .orElseThrow(
                () ->
                    new AuthException(
                        Reason.CREDENTIALS_NOT_AVAILABLE,
                        "this principal carries no bearer token to exchange at the Quilt registry"));
    String raw = token.reveal();
    // a client span when tracing is on; the registry gets its traceparent (else the request's)
    try (ClientSpans.Call call = ClientSpans.start(SPAN_NAME, endpoint)) {
      try {
        return exchange(token, raw, call);
      } catch (AuthException e) {
        call.failed(e.reason().name());
        throw e;
      } catch (RuntimeException e) {
        call.failed(e.getClass().getSimpleName());
        throw e;
      }
    }
  }

  private IssuedCredentials exchange(BearerToken token, String raw, ClientSpans.Call call) {
    HttpRequest request = request(raw, call);
    HttpResponse<BoundedBodySubscriber.Body> response = send(request);
    int status = response.statusCode();
    call.status(status);
    BoundedBodySubscriber.Body body = response.body();
    if (status >= 200 && status < 300) {
      if (body.overflow()) {
        throw new AuthException(
            Reason.REGISTRY_BAD_RESPONSE,
            "the Quilt registry at "
                + registry
                + " answered with a body larger than "
                + maxResponseBytes
                + " bytes");
      }
      IssuedCredentials issued =
          RegistryResponseParser.credentials(body.bytes(), clock.instant(), minimumLifetime);
      LOG.debug(
          "registry {} issued credentials {} for token sha256:{}",
          registry,
          issued,
          token.fingerprint());
      return issued;
    }
    throw failure(status, body, raw);
  }

  private HttpRequest request(String rawToken, ClientSpans.Call call) {
    for (int i = 0; i < rawToken.length(); i++) {
      char c = rawToken.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        throw new AuthException(
            Reason.CREDENTIALS_NOT_AVAILABLE,
            "the bearer token contains characters that cannot be sent in an HTTP header");
      }
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .GET()
            .timeout(requestTimeout)
            .header("Authorization", "Bearer " + rawToken)
            .header("Accept", "application/json");
    call.traceparent().ifPresent(t -> request.header(TraceParent.HEADER, t.value()));
    return request.build();
  }

  private HttpResponse<BoundedBodySubscriber.Body> send(HttpRequest request) {
    CompletableFuture<HttpResponse<BoundedBodySubscriber.Body>> future =
        client.get().sendAsync(request, info -> new BoundedBodySubscriber(maxResponseBytes));
    try {
      return CpuSlots.get(future, requestTimeout);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw unavailable("did not answer within " + requestTimeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw unavailable("could not be asked: the waiting thread was interrupted");
    } catch (ExecutionException e) {
      throw transportFailure(e.getCause());
    }
  }

  private AuthException transportFailure(Throwable cause) {
    if (cause instanceof HttpConnectTimeoutException) {
      return unavailable("could not be connected to within the connect timeout");
    }
    if (cause instanceof HttpTimeoutException) {
      return unavailable("did not answer within " + requestTimeout.toMillis() + " ms");
    }
    if (cause instanceof ConnectException) {
      return unavailable("refused the connection or is unreachable");
    }
    String kind = cause == null ? "unknown" : cause.getClass().getSimpleName();
    if (cause instanceof IOException) {
      return unavailable("could not be talked to (I/O error: " + kind + ")");
    }
    return unavailable("could not be asked (unexpected " + kind + ")");
  }

  private AuthException failure(int status, BoundedBodySubscriber.Body body, String rawToken) {
    String said =
        body.overflow()
            ? ""
            : RegistryResponseParser.errorMessage(body.bytes(), rawToken)
                .map(text -> "; the registry says: \"" + text + "\"")
                .orElse("");
    if (status == 401) {
      return new AuthException(
          Reason.REGISTRY_INVALID_TOKEN,
          "the Quilt registry at "
              + registry
              + " rejected the token (401): it is invalid or outdated; sign in to the catalog"
              + " again"
              + said);
    }
    if (status == 403) {
      return new AuthException(
          Reason.REGISTRY_FORBIDDEN,
          "the Quilt registry at "
              + registry
              + " refused to issue credentials for this token (403)"
              + said);
    }
    if (status >= 400 && status < 500 && status != 429) {
      // A refusal of this one request (nginx answers 400 to oversized headers): not an outage,
      // so it never counts toward the circuit that pauses everybody's exchanges.
      return new AuthException(
          Reason.REGISTRY_REFUSED,
          "the Quilt registry at "
              + registry
              + " refused this token's request (HTTP "
              + status
              + "); retrying with the same token will not change that"
              + said);
    }
    if (status >= 300 && status < 400) {
      return unavailable(
          "answered with a redirect ("
              + status
              + "), which is never followed; check that QUILT_REGISTRY_URL names the registry"
              + " itself");
    }
    return unavailable("answered HTTP " + status + said);
  }

  private AuthException unavailable(String what) {
    return new AuthException(
        Reason.REGISTRY_UNAVAILABLE,
        "the Quilt registry at " + registry + " " + what + "; retry later");
  }

  @Override
  public String toString() {
    return "RegistryExchange[" + registry + ", timeout=" + requestTimeout.toMillis() + "ms]";
  }
}

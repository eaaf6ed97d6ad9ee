package com.quiltdata.mcp.auth;

import com.quiltdata.mcp.auth.internal.credentials.ProviderCredentialSource;
import com.quiltdata.mcp.auth.internal.credentials.RegistryExchange;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * Where AWS credentials for a principal come from. One call is one attempt (no caching, no
 * retries): {@link RegistryCredentialsBroker} adds caching, refresh, single-flight and back-off on
 * top. Implementations are thread-safe and may block.
 *
 * <ul>
 *   <li>{@link #registry(URI)}: the user's own temporary credentials from the Quilt registry, in
 *       exchange for their bearer token (web mode);
 *   <li>{@link #localChain()}: the local default AWS chain (desktop mode only);
 *   <li>{@link #staticCredentials(AwsCredentials)}: fixed keys (demo).
 * </ul>
 */
public interface CredentialSource {

  /**
   * Issues credentials for one principal.
   *
   * @throws AuthException with a reason saying why not; its message never contains the token or any
   *     credential value
   */
  IssuedCredentials fetch(Principal principal);

  /**
   * Starts a source that exchanges the principal's token at {@code {registryUrl}/api/auth/
   * get_credentials}.
   *
   * @param registryUrl the Quilt registry ({@code QUILT_REGISTRY_URL}), an absolute http(s) URL
   * @throws IllegalArgumentException if the URL is not http(s), has no host, or carries user info,
   *     a query or a fragment
   */
  static RegistryBuilder registry(URI registryUrl) {
    return new RegistryBuilder(registryUrl);
  }

  /**
   * The local default AWS credential chain (environment, profiles, SSO, container, instance
   * metadata), resolved lazily on first fetch. For desktop (stdio) mode only: a web server must
   * never sign a user's request with its own credentials.
   */
  static CredentialSource localChain() {
    return ProviderCredentialSource.localChain();
  }

  /** Always the same credentials, whoever asks (the embedded demo). */
  static CredentialSource staticCredentials(AwsCredentials credentials) {
    return ProviderCredentialSource.fixed(credentials);
  }

  /** Builds the registry exchange. Setters validate eagerly and name the bad field. */
  final class RegistryBuilder {
    /** Default time allowed to open a connection to the registry. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** Default time allowed for the whole exchange (request, headers and body). */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** Default largest accepted response body. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;

    private final URI registryUrl;
    private HttpClient httpClient;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private Clock clock = Clock.systemUTC();
    private Duration refreshMargin = RegistryCredentialsBroker.DEFAULT_REFRESH_MARGIN;

    private RegistryBuilder(URI registryUrl) {
      RegistryExchange.endpointOf(registryUrl);
      this.registryUrl = registryUrl;
    }

    /**
     * Uses this client instead of a default one. It must have a connect timeout and must never
     * follow redirects ({@link HttpClient.Redirect#NEVER}); {@link #connectTimeout} is then unused.
     */
    public RegistryBuilder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /** Connect timeout of the default client. Default 5 s. */
    public RegistryBuilder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /** Time allowed for the whole exchange. Default 10 s. */
    public RegistryBuilder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive(requestTimeout, "requestTimeout");
      return this;
    }

    /** Largest accepted response body, at least 1024. Default 64 KiB. */
    public RegistryBuilder maxResponseBytes(int maxResponseBytes) {
      if (maxResponseBytes < 1024) {
        throw new IllegalArgumentException("maxResponseBytes must be at least 1024");
      }
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    /** Clock for checking the issued expiration. Default system UTC. */
    public RegistryBuilder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Credentials expiring within this margin of now are rejected as {@code CREDENTIALS_EXPIRED}.
     * Use the broker's refresh margin. Default 5 min.
     */
    public RegistryBuilder refreshMargin(Duration refreshMargin) {
      Objects.requireNonNull(refreshMargin, "refreshMargin");
      if (refreshMargin.isNegative()) {
        throw new IllegalArgumentException("refreshMargin must not be negative");
      }
      this.refreshMargin = refreshMargin;
      return this;
    }

    /** Builds the source. */
    public CredentialSource build() {
      if (httpClient == null) {
        return RegistryExchange.withDefaultClient(
            registryUrl, connectTimeout, requestTimeout, maxResponseBytes, clock, refreshMargin);
      }
      return new RegistryExchange(
          registryUrl, httpClient, requestTimeout, maxResponseBytes, clock, refreshMargin);
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

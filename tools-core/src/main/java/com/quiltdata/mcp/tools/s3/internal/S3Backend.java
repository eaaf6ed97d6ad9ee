package com.quiltdata.mcp.tools.s3.internal;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.tools.s3.S3Settings;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 plumbing shared by the tools: one JDK-based HTTP client (connections pooled by the JDK),
 * the per-caller client cache and one presigner that signs with per-request credentials.
 *
 * <p>Every client and the presigner are given an explicit credentials provider: the caller's own
 * (from the engine's {@link com.quiltdata.mcp.auth.CredentialsBroker}) for clients, and one that
 * always refuses for the presigner's default, so the SDK's default chain (the server's ambient
 * credentials) is never consulted.
 */
public final class S3Backend implements AutoCloseable {
  private static final AwsCredentialsProvider NEVER_AMBIENT =
      new AwsCredentialsProvider() {
        @Override
        public AwsCredentials resolveCredentials() {
          throw new AuthException(
              AuthException.Reason.CREDENTIALS_NOT_AVAILABLE,
              "S3 requests are only signed with the caller's own credentials");
        }

        @Override
        public String toString() {
          return "NeverAmbientCredentials";
        }
      };

  private final S3Settings settings;
  private final SdkHttpClient http;
  private final S3Presigner presigner;
  private final UserClients clients;

  /** Builds the shared HTTP client, presigner and (empty) client cache. */
  public S3Backend(S3Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(settings.connectTimeout())
            .socketTimeout(settings.socketTimeout())
            .build();
    S3Presigner.Builder p =
        S3Presigner.builder()
            .region(Region.of(settings.region()))
            .credentialsProvider(NEVER_AMBIENT)
            .serviceConfiguration(
                S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
    settings.endpointOverride().ifPresent(p::endpointOverride);
    this.presigner = p.build();
    this.clients = new UserClients(settings.clientCacheSize(), settings.clientIdleTimeout());
  }

  S3Settings settings() {
    return settings;
  }

  S3Presigner presigner() {
    return presigner;
  }

  UserClients clients() {
    return clients;
  }

  /** A lease on the principal's client, built with {@code provider} when not cached. */
  UserClients.Lease lease(Principal principal, AwsCredentialsProvider provider) {
    return clients.acquire(principal, () -> newClient(provider));
  }

  private S3Client newClient(AwsCredentialsProvider provider) {
    S3ClientBuilder b =
        S3Client.builder()
            .httpClient(http)
            .region(Region.of(settings.region()))
            .credentialsProvider(provider)
            // Only the checksums S3 requires: S3-compatible stores (and older proxies) reject the
            // newer default trailing checksums.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            // Plain signed payloads instead of aws-chunked uploads, for the same reason.
            .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
            .forcePathStyle(settings.pathStyle())
            .overrideConfiguration(
                o ->
                    o.apiCallTimeout(settings.apiCallTimeout())
                        .retryStrategy(r -> r.maxAttempts(settings.maxAttempts())));
    if (settings.endpointOverride().isPresent()) {
      b.endpointOverride(settings.endpointOverride().get());
    } else {
      b.crossRegionAccessEnabled(true);
    }
    return b.build();
  }

  /** Closes every cached client (in-flight calls finish first), the presigner and HTTP client. */
  @Override
  public void close() {
    try {
      clients.close();
    } finally {
      presigner.close();
      http.close();
    }
  }

  @Override
  public String toString() {
    return "S3Backend[" + settings + ", " + clients + "]";
  }
}

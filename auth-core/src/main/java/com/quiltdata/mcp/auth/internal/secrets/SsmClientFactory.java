package com.quiltdata.mcp.auth.internal.secrets;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.SsmClientBuilder;

/**
 * Builds the {@link SsmClient} used to read the signing secret: URL-connection HTTP client, short
 * timeouts (a start-up that cannot reach SSM fails within seconds instead of hanging).
 */
public final class SsmClientFactory {
  /** Time to establish a TCP connection to SSM. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  /** Time to wait for bytes of an answer. */
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

  /** Bound on one whole call, retries included. */
  public static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

  private SsmClientFactory() {}

  /**
   * Creates a client.
   *
   * @param region the parameter's region
   * @param credentials the credentials provider (the default chain in production)
   * @param endpoint an endpoint override (tests, VPC endpoints), or null for the regional endpoint
   */
  public static SsmClient create(Region region, AwsCredentialsProvider credentials, URI endpoint) {
    SsmClientBuilder builder =
        SsmClient.builder()
            .region(Objects.requireNonNull(region, "region"))
            .credentialsProvider(Objects.requireNonNull(credentials, "credentials"))
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .socketTimeout(READ_TIMEOUT)
                    .build())
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .apiCallTimeout(CALL_TIMEOUT)
                    .apiCallAttemptTimeout(READ_TIMEOUT.plus(CONNECT_TIMEOUT))
                    .build());
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
  }
}

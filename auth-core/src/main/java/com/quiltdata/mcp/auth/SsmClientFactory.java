package com.quiltdata.mcp.auth;

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
 * Builds an {@link SsmClient} for reading the signing secret as the server does: URL-connection
 * HTTP client and short timeouts (3 s to connect, 5 s to read, 15 s per call with retries), so a
 * start-up that cannot reach SSM fails within seconds instead of hanging. {@link
 * RotatingVerifierSource} uses it with the default AWS credentials chain; other callers (the
 * diagnostics CLI) choose their own credentials and hand the client to {@link
 * RotatingVerifierSource.Builder#ssmClient}. The caller closes the client.
 */
public final class SsmClientFactory {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

  private SsmClientFactory() {}

  /**
   * Creates a client.
   *
   * @param region the parameter's region
   * @param credentials the credentials provider (the default chain in the server)
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

package com.quiltdata.mcp.cli.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.SsmClientBuilder;

/**
 * The SSM client the CLI hands to auth-core's secret source. Same short timeouts as the server's,
 * so an unreachable SSM fails within seconds. Credentials: {@code AWS_ACCESS_KEY_ID} / {@code
 * AWS_SECRET_ACCESS_KEY} (/ {@code AWS_SESSION_TOKEN}) of the command's environment when set, else
 * the default AWS chain (profiles, SSO, container or instance role).
 */
final class SsmClients {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

  private SsmClients() {}

  /**
   * @param region the parameter's region
   * @param endpoint an endpoint override (VPC endpoint, local test), or null for the regional one
   * @param env the command's environment (for static credentials)
   */
  static SsmClient create(String region, URI endpoint, Map<String, String> env) {
    SsmClientBuilder builder =
        SsmClient.builder()
            .region(Region.of(region))
            .credentialsProvider(credentials(env))
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

  private static AwsCredentialsProvider credentials(Map<String, String> env) {
    String id = nonEmpty(env.get("AWS_ACCESS_KEY_ID"));
    String secret = nonEmpty(env.get("AWS_SECRET_ACCESS_KEY"));
    if (id == null || secret == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    String session = nonEmpty(env.get("AWS_SESSION_TOKEN"));
    return StaticCredentialsProvider.create(
        session == null
            ? AwsBasicCredentials.create(id, secret)
            : AwsSessionCredentials.create(id, secret, session));
  }

  private static String nonEmpty(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}

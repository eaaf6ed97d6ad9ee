package com.quiltdata.mcp.cli.internal;

import com.quiltdata.mcp.auth.EnvironmentReader;
import com.quiltdata.mcp.auth.EnvironmentVariable;
import com.quiltdata.mcp.auth.SsmClientFactory;
import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The SSM client the CLI hands to auth-core's secret source: built by {@link SsmClientFactory}, so
 * it has the server's short timeouts and an unreachable SSM fails within seconds. What differs from
 * the server is where credentials come from: {@code AWS_ACCESS_KEY_ID} / {@code
 * AWS_SECRET_ACCESS_KEY} (/ {@code AWS_SESSION_TOKEN}) of the command's environment when set, else
 * the default AWS chain (profiles, SSO, container or instance role).
 */
final class SsmClients {
  private SsmClients() {}

  /**
   * @param region the parameter's region
   * @param endpoint an endpoint override (VPC endpoint, local test), or null for the regional one
   * @param env the command's environment (for static credentials)
   */
  static final EnvironmentVariable ACCESS_KEY_ID =
      EnvironmentVariable.text("AWS_ACCESS_KEY_ID", null);

  static final EnvironmentVariable SECRET_ACCESS_KEY =
      EnvironmentVariable.text("AWS_SECRET_ACCESS_KEY", null);
  static final EnvironmentVariable SESSION_TOKEN =
      EnvironmentVariable.text("AWS_SESSION_TOKEN", null);

  /** The static AWS credentials the CLI may read for SSM (else the default chain). */
  static final List<EnvironmentVariable> VARIABLES =
      List.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN);

  static SsmClient create(String region, URI endpoint, Map<String, String> env) {
    return SsmClientFactory.create(Region.of(region), credentials(env), endpoint);
  }

  private static AwsCredentialsProvider credentials(Map<String, String> env) {
    EnvironmentReader reader = EnvironmentReader.of(env);
    String id = reader.text(ACCESS_KEY_ID);
    String secret = reader.text(SECRET_ACCESS_KEY);
    if (id == null || secret == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    String session = reader.text(SESSION_TOKEN);
    return StaticCredentialsProvider.create(
        session == null
            ? AwsBasicCredentials.create(id, secret)
            : AwsSessionCredentials.create(id, secret, session));
  }
}

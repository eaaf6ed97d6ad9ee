package com.quiltdata.mcp.tools.aws.internal;

import com.quiltdata.mcp.auth.AuthException;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The default credentials of every long-lived client: always refuses, so a request that somehow
 * lacks the caller's own credentials fails instead of being signed by the server's ambient role.
 */
public final class NeverAmbientCredentials implements AwsCredentialsProvider {
  /** The one instance. */
  public static final NeverAmbientCredentials INSTANCE = new NeverAmbientCredentials();

  private NeverAmbientCredentials() {}

  @Override
  public AwsCredentials resolveCredentials() {
    throw new AuthException(
        AuthException.Reason.CREDENTIALS_NOT_AVAILABLE,
        "AWS requests are only signed with the caller's own credentials");
  }

  @Override
  public String toString() {
    return "NeverAmbientCredentials";
  }
}

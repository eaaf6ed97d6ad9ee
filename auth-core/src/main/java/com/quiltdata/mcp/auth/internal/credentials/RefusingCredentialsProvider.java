package com.quiltdata.mcp.auth.internal.credentials;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.auth.AuthException.Reason;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * A provider that never has credentials: what a principal gets when no source may serve it (web
 * mode without a token). It never falls back to anything.
 */
public final class RefusingCredentialsProvider implements AwsCredentialsProvider {
  private final String message;

  /** Refuses with {@code CREDENTIALS_NOT_AVAILABLE} and this fixed message. */
  public RefusingCredentialsProvider(String message) {
    this.message = Objects.requireNonNull(message, "message");
  }

  @Override
  public AwsCredentials resolveCredentials() {
    throw new AuthException(Reason.CREDENTIALS_NOT_AVAILABLE, message);
  }

  @Override
  public String toString() {
    return "RefusingCredentialsProvider";
  }
}

package com.quiltdata.mcp.tools.engine.internal;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.auth.CredentialsBroker;
import com.quiltdata.mcp.auth.Principal;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** The broker of an engine built without one: every request for credentials fails closed. */
final class RefusingCredentialsBroker implements CredentialsBroker {
  static final RefusingCredentialsBroker INSTANCE = new RefusingCredentialsBroker();

  private RefusingCredentialsBroker() {}

  @Override
  public AwsCredentialsProvider providerFor(Principal principal) {
    return () -> {
      throw new AuthException(
          AuthException.Reason.CREDENTIALS_NOT_AVAILABLE,
          "this server is not configured to obtain AWS credentials");
    };
  }

  @Override
  public Optional<CredentialStatus> status(Principal principal) {
    return Optional.empty();
  }
}

package com.quiltdata.mcp.auth.internal.credentials;

import com.quiltdata.mcp.auth.Principal;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** The SDK's view of one principal's token-bound credentials; every resolve goes to the cache. */
public final class TokenCredentialsProvider implements AwsCredentialsProvider {
  private final TokenCredentialCache cache;
  private final Principal principal;

  /** A provider for {@code principal}, which must carry a token. */
  public TokenCredentialsProvider(TokenCredentialCache cache, Principal principal) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.principal = Objects.requireNonNull(principal, "principal");
  }

  @Override
  public AwsCredentials resolveCredentials() {
    return cache.resolve(principal);
  }

  @Override
  public String toString() {
    return "TokenCredentialsProvider["
        + principal.token().map(t -> "token sha256:" + t.fingerprint()).orElse("no token")
        + "]";
  }
}

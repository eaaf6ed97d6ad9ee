package com.quiltdata.mcp.auth;

import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Hands out AWS credentials for a principal: in web mode the user's own temporary credentials from
 * the Quilt registry (cached per registry-accepted token, refreshed ahead of expiry), never the
 * server's ambient role.
 */
public interface CredentialsBroker {
  /**
   * A provider for this principal's requests. Resolving it may contact the registry; failures
   * surface as {@link AuthException} from {@code resolveCredentials()}.
   */
  AwsCredentialsProvider providerFor(Principal principal);

  /** What is cached for this principal's token, without contacting anything. */
  Optional<CredentialStatus> status(Principal principal);

  /**
   * A safe summary of cached credentials.
   *
   * @param source which source issued them ("registry", "local-chain", "static")
   * @param expiresAt when they expire
   * @param refreshAt when they will be refreshed
   */
  record CredentialStatus(String source, Instant expiresAt, Instant refreshAt) {}
}

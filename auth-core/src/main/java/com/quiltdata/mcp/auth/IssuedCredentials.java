package com.quiltdata.mcp.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * AWS credentials as a {@link CredentialSource} issued them. {@link #toString()} shows at most the
 * last four characters of the access key id, never the secret key or session token.
 *
 * @param credentials the credentials ({@link AwsSessionCredentials} for temporary ones)
 * @param expiration when they stop working; {@code null} for credentials that do not expire (static
 *     keys, some local-chain sources)
 * @param source which source issued them: {@value #SOURCE_REGISTRY}, {@value #SOURCE_LOCAL_CHAIN}
 *     or {@value #SOURCE_STATIC}
 */
public record IssuedCredentials(AwsCredentials credentials, Instant expiration, String source) {
  /** Source name of credentials exchanged at the Quilt registry. */
  public static final String SOURCE_REGISTRY = "registry";

  /** Source name of credentials from the local default AWS chain (desktop mode). */
  public static final String SOURCE_LOCAL_CHAIN = "local-chain";

  /** Source name of fixed credentials (demo). */
  public static final String SOURCE_STATIC = "static";

  /** Validates. */
  public IssuedCredentials {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(source, "source");
  }

  /** The expiration, absent for non-expiring credentials. */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiration);
  }

  /** Whether these are temporary credentials with a session token. */
  public boolean isSession() {
    return credentials instanceof AwsSessionCredentials;
  }

  /** The access key id's last four characters behind {@code ****}: safe to log and show. */
  public String accessKeyHint() {
    String id = credentials.accessKeyId();
    if (id == null || id.length() < 8) {
      return "****";
    }
    return "****" + id.substring(id.length() - 4);
  }

  @Override
  public String toString() {
    return "IssuedCredentials[accessKeyId="
        + accessKeyHint()
        + ", session="
        + isSession()
        + ", expiration="
        + expiration
        + ", source="
        + source
        + "]";
  }
}

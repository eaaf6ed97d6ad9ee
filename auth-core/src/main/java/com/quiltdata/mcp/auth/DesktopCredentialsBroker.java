package com.quiltdata.mcp.auth;

import com.quiltdata.mcp.auth.internal.credentials.RefusingCredentialsProvider;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The desktop (stdio) broker: the local user's own AWS credentials, from the local default chain
 * (or another source such as static demo keys), for {@link Principal.Origin#DESKTOP} principals
 * only. A principal that arrived with a bearer token is handed to the token broker if one is
 * configured, and otherwise refused: the local chain never serves a token-bearing caller.
 *
 * <p>The local source does its own caching and refreshing (the SDK's providers do), so every
 * resolve asks it; {@link #status} reports the last credentials it issued.
 */
public final class DesktopCredentialsBroker implements CredentialsBroker {
  private static final String NOT_DESKTOP =
      "AWS credentials from the local chain are only for the desktop user; a caller with a bearer"
          + " token needs a Quilt registry (QUILT_REGISTRY_URL) to exchange it";

  private final CredentialSource local;
  private final CredentialsBroker tokenBroker;
  private final AtomicReference<IssuedCredentials> last = new AtomicReference<>();

  private DesktopCredentialsBroker(CredentialSource local, CredentialsBroker tokenBroker) {
    this.local = local;
    this.tokenBroker = tokenBroker;
  }

  /** Desktop principals get credentials from the local default AWS chain; others are refused. */
  public static DesktopCredentialsBroker localChain() {
    return new DesktopCredentialsBroker(CredentialSource.localChain(), null);
  }

  /** Desktop principals get credentials from {@code local}; others are refused. */
  public static DesktopCredentialsBroker of(CredentialSource local) {
    return new DesktopCredentialsBroker(Objects.requireNonNull(local, "local"), null);
  }

  /**
   * Desktop principals get credentials from {@code local}; token-bearing principals are served by
   * {@code tokenBroker} (normally a {@link RegistryCredentialsBroker}).
   */
  public static DesktopCredentialsBroker of(CredentialSource local, CredentialsBroker tokenBroker) {
    return new DesktopCredentialsBroker(
        Objects.requireNonNull(local, "local"), Objects.requireNonNull(tokenBroker, "tokenBroker"));
  }

  @Override
  public AwsCredentialsProvider providerFor(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    if (principal.origin() == Principal.Origin.DESKTOP) {
      return new LocalProvider(principal);
    }
    if (tokenBroker != null) {
      return tokenBroker.providerFor(principal);
    }
    return new RefusingCredentialsProvider(NOT_DESKTOP);
  }

  /**
   * For a desktop principal, the last credentials the local source issued ({@code expiresAt} and
   * {@code refreshAt} are {@code null} when they do not expire); for others, the token broker's
   * answer.
   */
  @Override
  public Optional<CredentialStatus> status(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    if (principal.origin() != Principal.Origin.DESKTOP) {
      return tokenBroker == null ? Optional.empty() : tokenBroker.status(principal);
    }
    IssuedCredentials issued = last.get();
    if (issued == null) {
      return Optional.empty();
    }
    return Optional.of(
        new CredentialStatus(issued.source(), issued.expiration(), issued.expiration()));
  }

  @Override
  public String toString() {
    return "DesktopCredentialsBroker[" + local + (tokenBroker == null ? "" : ", tokens") + "]";
  }

  private final class LocalProvider implements AwsCredentialsProvider {
    private final Principal principal;

    LocalProvider(Principal principal) {
      this.principal = principal;
    }

    @Override
    public AwsCredentials resolveCredentials() {
      IssuedCredentials issued = local.fetch(principal);
      last.set(issued);
      return issued.credentials();
    }

    @Override
    public String toString() {
      return "DesktopCredentialsBroker.LocalProvider";
    }
  }
}

package com.quiltdata.mcp.auth.internal.credentials;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.auth.AuthException.Reason;
import com.quiltdata.mcp.auth.CredentialSource;
import com.quiltdata.mcp.auth.IssuedCredentials;
import com.quiltdata.mcp.auth.Principal;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Credentials from an AWS SDK provider, the same for every principal: the local default chain for
 * desktop mode, or fixed keys for the demo. The provider is created on first use, so building a
 * source never touches the environment, files or the network.
 */
public final class ProviderCredentialSource implements CredentialSource {
  private final String name;
  private final Supplier<AwsCredentialsProvider> factory;
  private volatile AwsCredentialsProvider provider;

  /**
   * Wraps a provider.
   *
   * @param name the source name reported in {@link IssuedCredentials#source()}
   * @param factory creates the provider on first use
   */
  public ProviderCredentialSource(String name, Supplier<AwsCredentialsProvider> factory) {
    this.name = Objects.requireNonNull(name, "name");
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /** The SDK's default chain: environment, system properties, profiles, SSO, container, IMDS. */
  public static ProviderCredentialSource localChain() {
    return new ProviderCredentialSource(
        IssuedCredentials.SOURCE_LOCAL_CHAIN, () -> DefaultCredentialsProvider.builder().build());
  }

  /** Always the same credentials. */
  public static ProviderCredentialSource fixed(AwsCredentials credentials) {
    Objects.requireNonNull(credentials, "credentials");
    return new ProviderCredentialSource(
        IssuedCredentials.SOURCE_STATIC, () -> StaticCredentialsProvider.create(credentials));
  }

  @Override
  public IssuedCredentials fetch(Principal principal) {
    AwsCredentials credentials;
    try {
      credentials = provider().resolveCredentials();
    } catch (RuntimeException e) {
      // The SDK's message lists which providers failed and why; it names no secret, but it is
      // also not ours to vouch for, so only its type is kept.
      throw new AuthException(
          Reason.CREDENTIALS_NOT_AVAILABLE,
          "no AWS credentials from the "
              + name
              + " source ("
              + e.getClass().getSimpleName()
              + "); configure environment variables, a profile or SSO (aws sso login)");
    }
    if (credentials == null) {
      throw new AuthException(
          Reason.CREDENTIALS_NOT_AVAILABLE, "the " + name + " source returned no credentials");
    }
    return new IssuedCredentials(credentials, credentials.expirationTime().orElse(null), name);
  }

  private AwsCredentialsProvider provider() {
    AwsCredentialsProvider p = provider;
    if (p == null) {
      synchronized (this) {
        p = provider;
        if (p == null) {
          p = Objects.requireNonNull(factory.get(), "provider");
          provider = p;
        }
      }
    }
    return p;
  }

  @Override
  public String toString() {
    return "ProviderCredentialSource[" + name + "]";
  }
}

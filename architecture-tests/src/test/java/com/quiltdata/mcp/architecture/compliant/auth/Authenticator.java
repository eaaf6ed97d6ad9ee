package com.quiltdata.mcp.architecture.compliant.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.quiltdata.mcp.architecture.compliant.auth.internal.KeyRing;
import com.quiltdata.mcp.architecture.compliant.jwt.TokenClaims;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/** Uses jwt-codec, its own internals, Caffeine and the AWS SDK: all allowed for auth-core. */
public final class Authenticator {
  private final KeyRing keys;
  private final Cache<String, TokenClaims> verified;

  public Authenticator(KeyRing keys, Cache<String, TokenClaims> verified) {
    this.keys = keys;
    this.verified = verified;
  }

  public Optional<TokenClaims> cached(String tokenHash) {
    return Optional.ofNullable(verified.getIfPresent(tokenHash));
  }

  public String accessKeyOf(AwsCredentials credentials) {
    return credentials.accessKeyId();
  }

  /** A lambda and an anonymous class capturing an Optional local are not declared parameters. */
  public int countMatching(List<String> subjects, String tokenHash) {
    Optional<TokenClaims> claims = cached(tokenHash);
    Supplier<Integer> ringSize =
        new Supplier<>() {
          @Override
          public Integer get() {
            return claims.isPresent() ? keys.size() : 0;
          }
        };
    long matches =
        subjects.stream().filter(s -> claims.map(c -> c.subject().equals(s)).orElse(false)).count();
    return (int) matches + ringSize.get();
  }
}

package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.AuthenticationResult.Outcome;
import com.quiltdata.mcp.jwt.JwtVerificationException.Reason;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.QuiltClaims;
import com.quiltdata.mcp.jwt.VerifierConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The verification cache: repeats skip verification, entries never outlive the token, a rotation or
 * a retired key's deadline forces verification again, failures are not kept.
 */
class TokenAuthenticatorCacheTest {
  private final MutableClock clock = new MutableClock();

  /** A verifier over {@code ring} with its own reading counter (one reading per verification). */
  private static final class Counted {
    final CountingClock clock;
    final JwtVerifier verifier;

    Counted(KeyRing ring, MutableClock base, Duration skew) {
      this.clock = new CountingClock(base);
      this.verifier =
          JwtVerifier.create(VerifierConfig.builder(ring).clock(clock).clockSkew(skew).build());
    }

    long verifications() {
      return clock.readings();
    }
  }

  private Counted counted(KeyRing ring) {
    return new Counted(ring, clock, Duration.ZERO);
  }

  private TokenAuthenticator authenticator(VerifierSource source) {
    return TokenAuthenticator.builder(source).clock(clock).build();
  }

  private String mint(com.quiltdata.mcp.jwt.SigningKey key, String subject, Duration ttl) {
    return TestTokens.mint(key, clock, subject, List.of("quilt-demo"), List.of(), ttl);
  }

  private static AuthenticationResult auth(TokenAuthenticator authenticator, String token) {
    return authenticator.authenticate(List.of("Bearer " + token));
  }

  @Test
  void sameTokenTwice_isVerifiedOnce() {
    Counted v = counted(KeyRing.of(TestTokens.KEY_A));
    TokenAuthenticator authenticator = authenticator(new SwitchableVerifierSource(v.verifier));
    String token = mint(TestTokens.KEY_A, "alice", Duration.ofMinutes(30));

    Principal first = auth(authenticator, token).principal().orElseThrow();
    Principal second =
        auth(authenticator, new String(token.toCharArray())).principal().orElseThrow();

    assertEquals(1, v.verifications());
    assertEquals(1, authenticator.cachedVerifications());
    assertEquals("alice", second.subject());
    assertEquals(first.claims().buckets(), second.claims().buckets());
    assertEquals(BearerToken.of(token), second.token().orElseThrow());
  }

  @Test
  void schemeCasingDoesNotSplitTheCache() {
    Counted v = counted(KeyRing.of(TestTokens.KEY_A));
    TokenAuthenticator authenticator = authenticator(new SwitchableVerifierSource(v.verifier));
    String token = mint(TestTokens.KEY_A, "alice", Duration.ofMinutes(30));

    authenticator.authenticate(List.of("Bearer " + token));
    authenticator.authenticate(List.of("bearer " + token));
    authenticator.authenticate(List.of("BEARER " + token));

    assertEquals(1, v.verifications());
  }

  @Test
  void distinctTokensOfOneSubject_areEachVerified() {
    Counted v = counted(KeyRing.of(TestTokens.KEY_A));
    TokenAuthenticator authenticator = authenticator(new SwitchableVerifierSource(v.verifier));
    String first = mint(TestTokens.KEY_A, "alice", Duration.ofMinutes(30));
    clock.advance(Duration.ofSeconds(1));
    String second = mint(TestTokens.KEY_A, "alice", Duration.ofMinutes(30));

    auth(authenticator, first);
    auth(authenticator, second);

    assertEquals(2, v.verifications());
    assertEquals(2, authenticator.cachedVerifications());
  }

  @Test
  void rejectedToken_isNeverCached() {
    Counted v = counted(KeyRing.of(TestTokens.KEY_A));
    TokenAuthenticator authenticator = authenticator(new SwitchableVerifierSource(v.verifier));
    String forged = mint(TestTokens.KEY_B, "mallory", Duration.ofMinutes(30));

    for (int i = 0; i < 5; i++) {
      assertEquals(Outcome.INVALID_TOKEN, auth(authenticator, forged).outcome());
    }

    assertEquals(5, v.verifications());
    assertEquals(0, authenticator.cachedVerifications());
  }

  @Test
  void cachedEntry_expiresWithTheToken() {
    Counted v = counted(KeyRing.of(TestTokens.KEY_A));
    TokenAuthenticator authenticator = authenticator(new SwitchableVerifierSource(v.verifier));
    String token = mint(TestTokens.KEY_A, "alice", Duration.ofMinutes(10));
    auth(authenticator, token);

    clock.advance(Duration.ofMinutes(9).plusSeconds(59));
    assertEquals(Outcome.AUTHENTICATED, auth(authenticator, token).outcome());
    assertEquals(1, v.verifications());

    clock.advance(Duration.ofSeconds(1));
    assertEquals(0, authenticator.cachedVerifications());
    AuthenticationResult expired = auth(authenticator, token);

    assertEquals(Outcome.EXPIRED_TOKEN, expired.outcome());
    assertEquals(2, v.verifications());
  }

  @Test
  void tokenWithinVerifierSkewAfterExp_isVerifiedEveryTimeNotCached() {
    Counted v = new Counted(KeyRing.of(TestTokens.KEY_A), clock, Duration.ofSeconds(60));
    TokenAuthenticator authenticator = authenticator(new SwitchableVerifierSource(v.verifier));
    String token = mint(TestTokens.KEY_A, "alice", Duration.ofMinutes(10));
    auth(authenticator, token);
    clock.advance(Duration.ofMinutes(10).plusSeconds(30));

    assertEquals(Outcome.AUTHENTICATED, auth(authenticator, token).outcome());
    assertEquals(Outcome.AUTHENTICATED, auth(authenticator, token).outcome());

    assertEquals(3, v.verifications());
    assertEquals(0, authenticator.cachedVerifications());
  }

  @Test
  void newVerifierInstance_reverifiesCachedTokens() {
    Counted before = counted(KeyRing.of(TestTokens.KEY_A));
    Counted after = counted(KeyRing.of(TestTokens.KEY_A));
    SwitchableVerifierSource source = new SwitchableVerifierSource(before.verifier);
    TokenAuthenticator authenticator = authenticator(source);
    String token = mint(TestTokens.KEY_A, "alice", Duration.ofMinutes(30));
    auth(authenticator, token);
    auth(authenticator, token);

    source.use(after.verifier);
    assertEquals(Outcome.AUTHENTICATED, auth(authenticator, token).outcome());
    assertEquals(Outcome.AUTHENTICATED, auth(authenticator, token).outcome());

    assertEquals(1, before.verifications());
    assertEquals(1, after.verifications());
  }

  @Test
  void rotationToAnotherKey_rejectsTokensCachedUnderTheOldKey() {
    SwitchableVerifierSource source =
        new SwitchableVerifierSource(counted(KeyRing.of(TestTokens.KEY_A)).verifier);
    TokenAuthenticator authenticator = authenticator(source);
    String oldToken = mint(TestTokens.KEY_A, "alice", Duration.ofMinutes(30));
    String otherToken = mint(TestTokens.KEY_A, "bob", Duration.ofMinutes(30));
    assertEquals(Outcome.AUTHENTICATED, auth(authenticator, oldToken).outcome());
    assertEquals(Outcome.AUTHENTICATED, auth(authenticator, otherToken).outcome());

    source.use(counted(KeyRing.of(TestTokens.KEY_B)).verifier);
    AuthenticationResult result = auth(authenticator, oldToken);

    assertEquals(Outcome.INVALID_TOKEN, result.outcome());
    assertEquals(Optional.of(Reason.BAD_SIGNATURE), result.tokenReason());
    assertEquals(0, authenticator.cachedVerifications());
  }

  @Test
  void retiredKeyDeadlinePassing_makesACachedTokenFail() {
    SwitchableVerifierSource source =
        new SwitchableVerifierSource(counted(KeyRing.of(TestTokens.KEY_A)).verifier);
    TokenAuthenticator authenticator = authenticator(source);
    String oldKeyToken = mint(TestTokens.KEY_A, "alice", Duration.ofHours(1));
    auth(authenticator, oldKeyToken);
    Counted rotated =
        counted(
            KeyRing.of(TestTokens.KEY_B)
                .withPrevious(TestTokens.KEY_A, clock.instant().plus(Duration.ofMinutes(10))));
    source.use(rotated.verifier);

    assertEquals(Outcome.AUTHENTICATED, auth(authenticator, oldKeyToken).outcome());
    clock.advance(Duration.ofMinutes(9));
    assertEquals(Outcome.AUTHENTICATED, auth(authenticator, oldKeyToken).outcome());
    assertEquals(1, rotated.verifications());

    clock.advance(Duration.ofMinutes(1));
    AuthenticationResult result = auth(authenticator, oldKeyToken);

    assertEquals(Outcome.INVALID_TOKEN, result.outcome());
    assertEquals(2, rotated.verifications());
  }

  @Test
  void currentKeyToken_isCachedAgainAfterARetiredDeadlinePasses() {
    Counted rotated =
        counted(
            KeyRing.of(TestTokens.KEY_B)
                .withPrevious(TestTokens.KEY_A, clock.instant().plus(Duration.ofMinutes(10))));
    TokenAuthenticator authenticator =
        authenticator(new SwitchableVerifierSource(rotated.verifier));
    String newKeyToken = mint(TestTokens.KEY_B, "alice", Duration.ofHours(1));
    auth(authenticator, newKeyToken);
    clock.advance(Duration.ofMinutes(11));

    auth(authenticator, newKeyToken);
    auth(authenticator, newKeyToken);

    assertEquals(2, rotated.verifications());
  }

  @Test
  void validUntil_isEarliestPendingRetiredDeadlineOrExp() {
    var now = clock.instant();
    QuiltClaims claims = QuiltClaims.builder("alice", now.plus(Duration.ofHours(1))).build();
    KeyRing ring =
        KeyRing.of(TestTokens.KEY_B)
            .withPrevious(TestTokens.KEY_A, now.minus(Duration.ofMinutes(1)))
            .withPrevious(
                com.quiltdata.mcp.jwt.SigningKey.ofUtf8(null, "x".repeat(40)),
                now.plus(Duration.ofMinutes(20)))
            .withPrevious(
                com.quiltdata.mcp.jwt.SigningKey.ofUtf8(null, "y".repeat(40)),
                now.plus(Duration.ofMinutes(5)));

    assertEquals(now.plus(Duration.ofMinutes(5)), VerifiedTokenCache.validUntil(claims, ring, now));
    assertEquals(
        claims.expiresAt(),
        VerifiedTokenCache.validUntil(claims, KeyRing.of(TestTokens.KEY_A), now));
  }

  @Test
  void cacheSizeZero_verifiesEveryRequest() {
    Counted v = counted(KeyRing.of(TestTokens.KEY_A));
    TokenAuthenticator authenticator =
        TokenAuthenticator.builder(new SwitchableVerifierSource(v.verifier))
            .clock(clock)
            .maximumCacheSize(0)
            .build();
    String token = mint(TestTokens.KEY_A, "alice", Duration.ofMinutes(30));

    for (int i = 0; i < 3; i++) {
      assertEquals(Outcome.AUTHENTICATED, auth(authenticator, token).outcome());
    }

    assertEquals(3, v.verifications());
    assertEquals(0, authenticator.cachedVerifications());
  }

  @Test
  void cache_staysWithinItsBound() {
    Counted v = counted(KeyRing.of(TestTokens.KEY_A));
    TokenAuthenticator authenticator =
        TokenAuthenticator.builder(new SwitchableVerifierSource(v.verifier))
            .clock(clock)
            .maximumCacheSize(3)
            .build();

    for (int i = 0; i < 50; i++) {
      auth(authenticator, mint(TestTokens.KEY_A, "user-" + i, Duration.ofMinutes(30)));
    }

    assertTrue(authenticator.cachedVerifications() <= 3);
  }

  @Test
  void oversizedClaims_weighAsSeveralEntries() {
    List<String> buckets = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      buckets.add("bucket-with-a-fairly-long-name-number-" + i);
    }
    QuiltClaims small =
        QuiltClaims.builder("alice", clock.instant()).buckets(List.of("quilt-demo")).build();
    QuiltClaims large = QuiltClaims.builder("alice", clock.instant()).buckets(buckets).build();

    assertEquals(1, VerifiedTokenCache.weight(small));
    assertTrue(VerifiedTokenCache.weight(large) >= 10);
  }

  @Test
  void concurrentRequestsDuringRotation_neverAcceptAnOldKeyTokenAfterwards() throws Exception {
    SwitchableVerifierSource source =
        new SwitchableVerifierSource(counted(KeyRing.of(TestTokens.KEY_A)).verifier);
    TokenAuthenticator authenticator = authenticator(source);
    String oldToken = mint(TestTokens.KEY_A, "alice", Duration.ofMinutes(30));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        running.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 500; i++) {
                    auth(authenticator, oldToken);
                  }
                }));
      }
      JwtVerifier rotated = counted(KeyRing.of(TestTokens.KEY_B)).verifier;
      source.use(rotated);
      for (Future<?> f : running) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(Outcome.INVALID_TOKEN, auth(authenticator, oldToken).outcome());
  }
}

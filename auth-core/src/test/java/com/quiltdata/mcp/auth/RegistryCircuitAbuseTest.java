package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.AuthException.Reason;
import com.quiltdata.mcp.auth.internal.credentials.Leaks;
import com.quiltdata.mcp.auth.internal.credentials.RegistryStub;
import com.quiltdata.mcp.auth.internal.credentials.RegistryStub.Reply;
import com.quiltdata.mcp.auth.internal.credentials.SteppingClock;
import com.quiltdata.mcp.auth.internal.credentials.TestIdentities;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared-circuit attack from the hardening review, replayed: one user with an oversized but
 * locally valid token, against a registry whose front end refuses headers over 8 KiB with 400
 * (nginx's default), while a victim signs a fresh token per call as the catalog does. With the
 * default circuit threshold the victim must keep every call.
 */
class RegistryCircuitAbuseTest {
  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);
  private static final int HEADER_LIMIT = 8192;

  private final SteppingClock clock = new SteppingClock(T0);
  private final TestIdentities ids = new TestIdentities(clock);
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final List<String> shown = new ArrayList<>();
  private final RegistryStub registry = RegistryStub.start(clock);

  @AfterEach
  void stop() {
    registry.close();
    executor.shutdownNow();
    Leaks.assertNone(shown, ids.minted());
  }

  /** The default broker, as the server builds it: only the clock and executor are the test's. */
  private RegistryCredentialsBroker broker() {
    return RegistryCredentialsBroker.builder(
            CredentialSource.registry(registry.url())
                .clock(clock)
                .requestTimeout(Duration.ofSeconds(2))
                .build())
        .clock(clock)
        .executor(executor)
        .build();
  }

  /** Credentials for normal tokens; {@code large} for headers over the front end's limit. */
  private void frontEndAnswering(Reply large) {
    registry.respond(
        (token, call) ->
            ("Bearer " + token).length() > HEADER_LIMIT
                ? large
                : RegistryStub.credentials(clock.instant().plus(HOUR), call));
  }

  private AuthException refused(RegistryCredentialsBroker broker, Principal who) {
    AuthException e =
        assertThrows(AuthException.class, () -> broker.providerFor(who).resolveCredentials());
    shown.add(e.getMessage());
    return e;
  }

  @Test
  void oversizedTokens_refusedWith400_neverPauseAVictimWhoSignsAFreshTokenPerCall() {
    frontEndAnswering(Reply.of(400, "<html><center>400 Request Header Or Cookie Too Large"));
    RegistryCredentialsBroker broker = broker();
    List<String> attackerTokens = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      attackerTokens.add(ids.mintLarge("mallory", HOUR, 12 * 1024));
    }
    int victimCalls = 0;
    int victimOk = 0;
    for (int round = 0; round < 16; round++) {
      // Each round: a new oversized token, the first one again, then the victim's call.
      String fresh = attackerTokens.get(round);
      AuthException e = refused(broker, ids.principal(fresh));
      assertEquals(Reason.REGISTRY_REFUSED, e.reason(), e.getMessage());
      AuthException again = refused(broker, ids.principal(attackerTokens.get(0)));
      assertEquals(Reason.REGISTRY_REFUSED, again.reason(), "the same verdict, held per token");

      Principal victim = ids.principal("victim", HOUR);
      victimCalls++;
      String key = broker.providerFor(victim).resolveCredentials().accessKeyId();
      assertTrue(key.startsWith(RegistryStub.ACCESS_KEY_PREFIX), key);
      victimOk++;
      clock.advance(Duration.ofMillis(300));
    }
    assertEquals(victimCalls, victimOk, "the victim kept every call");
    // 16 repeats of the first token over 4.5 s reach the registry once per back-off window of
    // that token alone (at 0 s, after 1 s, after 2 s more): 3 calls.
    assertEquals(3, registry.callsFor(attackerTokens.get(0)), "a refused token backs off alone");
    for (String t : attackerTokens.subList(1, attackerTokens.size())) {
      assertEquals(1, registry.callsFor(t));
    }
    assertEquals(16 + 2 + 16, registry.calls(), "attacker tokens, two repeats, victim tokens");
  }

  @Test
  void aTokenNeverAccepted_failingAsTheProbe_doesNotKeepTheCircuitOpenForOthers() {
    RegistryCredentialsBroker broker = broker();
    registry.respond(Reply.of(502, ""));
    for (int i = 0; i < RegistryCredentialsBroker.DEFAULT_CIRCUIT_THRESHOLD; i++) {
      assertEquals(
          Reason.REGISTRY_UNAVAILABLE, refused(broker, ids.principal("user" + i, HOUR)).reason());
    }
    AuthException paused = refused(broker, ids.principal("victim", HOUR));
    assertTrue(paused.getMessage().contains("paused"), paused.getMessage());
    int before = registry.calls();

    // The registry is back, but its front end answers 503 to oversized headers; the attacker,
    // whose token was never accepted, happens to be the first caller after the delay.
    frontEndAnswering(Reply.of(503, "Service Temporarily Unavailable"));
    clock.advance(Duration.ofSeconds(2));
    String attacker = ids.mintLarge("mallory", HOUR, 12 * 1024);
    assertEquals(Reason.REGISTRY_UNAVAILABLE, refused(broker, ids.principal(attacker)).reason());
    assertEquals(before + 1, registry.calls(), "the attacker's call was the probe");

    Principal victim = ids.principal("victim", HOUR);
    String key = broker.providerFor(victim).resolveCredentials().accessKeyId();
    assertEquals(RegistryStub.accessKey(before + 2), key, "the next caller probes at once");
    assertEquals(
        RegistryStub.accessKey(before + 3),
        broker.providerFor(ids.principal("victim", HOUR)).resolveCredentials().accessKeyId(),
        "and the circuit is closed for everyone");
  }
}

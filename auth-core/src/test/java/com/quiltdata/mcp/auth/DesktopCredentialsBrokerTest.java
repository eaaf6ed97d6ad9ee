package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.AuthException.Reason;
import com.quiltdata.mcp.auth.CredentialsBroker.CredentialStatus;
import com.quiltdata.mcp.auth.internal.credentials.RegistryStub;
import com.quiltdata.mcp.auth.internal.credentials.SteppingClock;
import com.quiltdata.mcp.auth.internal.credentials.TestIdentities;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** Desktop mode: the local source for the desktop user only. */
class DesktopCredentialsBrokerTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  private final SteppingClock clock = new SteppingClock(T0);
  private final TestIdentities ids = new TestIdentities(clock);
  private final AtomicInteger localCalls = new AtomicInteger();
  private final CredentialSource local =
      principal -> {
        localCalls.incrementAndGet();
        return CredentialSource.staticCredentials(
                AwsBasicCredentials.create("AKIALOCAL0000001", "CANARY-SECRET-KEY-local"))
            .fetch(principal);
      };

  @Test
  void providerFor_desktopPrincipal_usesLocalSource() {
    DesktopCredentialsBroker broker = DesktopCredentialsBroker.of(local);
    Principal me = ids.desktop("me");
    assertTrue(broker.status(me).isEmpty());

    assertEquals("AKIALOCAL0000001", broker.providerFor(me).resolveCredentials().accessKeyId());

    CredentialStatus status = broker.status(me).orElseThrow();
    assertEquals("static", status.source());
    assertNull(status.expiresAt());
    assertEquals(1, localCalls.get());
  }

  @Test
  void providerFor_tokenPrincipalWithoutTokenBroker_isRefusedWithoutLocalCall() {
    DesktopCredentialsBroker broker = DesktopCredentialsBroker.of(local);
    Principal web = ids.principal("alice", Duration.ofHours(1));

    AuthException e =
        assertThrows(AuthException.class, () -> broker.providerFor(web).resolveCredentials());
    assertEquals(Reason.CREDENTIALS_NOT_AVAILABLE, e.reason());
    assertEquals(0, localCalls.get(), "the local chain never serves a token-bearing caller");
    assertTrue(broker.status(web).isEmpty());
  }

  @Test
  void providerFor_tokenPrincipalWithTokenBroker_isExchangedAtRegistry() {
    try (RegistryStub registry = RegistryStub.start(clock)) {
      RegistryCredentialsBroker tokens =
          RegistryCredentialsBroker.builder(
                  CredentialSource.registry(registry.url()).clock(clock).build())
              .clock(clock)
              .build();
      DesktopCredentialsBroker broker = DesktopCredentialsBroker.of(local, tokens);
      Principal web = ids.principal("alice", Duration.ofHours(4));

      assertEquals(
          RegistryStub.accessKey(1), broker.providerFor(web).resolveCredentials().accessKeyId());
      assertEquals("registry", broker.status(web).orElseThrow().source());
      assertEquals(0, localCalls.get());
      assertEquals(1, registry.calls());
    }
  }

  @Test
  void localChain_construction_touchesNothing() {
    DesktopCredentialsBroker broker = DesktopCredentialsBroker.localChain();
    AwsCredentialsProvider provider = broker.providerFor(ids.desktop("me"));
    assertFalse(provider.toString().isEmpty());
    assertTrue(broker.toString().contains("local-chain"), broker.toString());
  }
}

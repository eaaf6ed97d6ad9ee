package com.quiltdata.mcp.auth.internal.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.auth.AuthException.Reason;
import com.quiltdata.mcp.auth.IssuedCredentials;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

class ProviderCredentialSourceTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private final TestIdentities ids = new TestIdentities(new SteppingClock(T0));

  @Test
  void fetch_providerWithExpiringCredentials_reportsExpiration() {
    AwsSessionCredentials session =
        AwsSessionCredentials.builder()
            .accessKeyId("ASIALOCAL0000001")
            .secretAccessKey("CANARY-SECRET-KEY-l")
            .sessionToken("CANARY-SESSION-TOKEN-l")
            .expirationTime(T0.plusSeconds(900))
            .build();
    ProviderCredentialSource source =
        new ProviderCredentialSource(IssuedCredentials.SOURCE_LOCAL_CHAIN, () -> () -> session);
    IssuedCredentials issued = source.fetch(ids.desktop("me"));
    assertEquals(T0.plusSeconds(900), issued.expiration());
    assertEquals("local-chain", issued.source());
  }

  @Test
  void fetch_providerFailing_isNotAvailableWithoutSdkMessage() {
    AwsCredentialsProvider failing =
        () -> {
          throw SdkClientException.create("Unable to load credentials CANARY-SECRET-KEY-x");
        };
    ProviderCredentialSource source = new ProviderCredentialSource("local-chain", () -> failing);
    AuthException e = assertThrows(AuthException.class, () -> source.fetch(ids.desktop("me")));
    assertEquals(Reason.CREDENTIALS_NOT_AVAILABLE, e.reason());
    assertFalse(e.getMessage().contains("CANARY"), e.getMessage());
  }

  @Test
  void fetch_calledTwice_createsProviderOnce() {
    AtomicInteger created = new AtomicInteger();
    ProviderCredentialSource source =
        new ProviderCredentialSource(
            "static",
            () -> {
              created.incrementAndGet();
              return () -> AwsSessionCredentials.create("ASIAONCE00000001", "s", "t");
            });
    assertEquals(0, created.get(), "lazy");
    source.fetch(ids.desktop("me"));
    source.fetch(ids.desktop("me"));
    assertEquals(1, created.get());
  }
}

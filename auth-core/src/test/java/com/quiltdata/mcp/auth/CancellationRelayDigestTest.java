package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CancellationRelayDigestTest {
  @Test
  void digest_isStableLowerHexSha256_domainSeparated_andHidesTheKey() {
    String key = "session:abc/token:0123\u0000n:7";
    String d = CancellationRelay.digest(key);
    assertEquals(CancellationRelay.DIGEST_LENGTH, d.length());
    assertEquals(d, CancellationRelay.digest(key));
    assertTrue(CancellationRelay.isDigest(d));
    assertFalse(d.contains("abc"));
    assertNotEquals(d, CancellationRelay.digest("session:abc/token:0123\u0000n:8"));
    // SHA-256 of "quilt-mcp-cancel\0" (the empty key): every replica must compute the same
    assertEquals(
        "dcab92f761617e19c644b2569ae38d9a9238aee531ffc1e6d58d1809170e3f65",
        CancellationRelay.digest(""));
  }

  @Test
  void isDigest_refusesEveryOtherShape() {
    String d = CancellationRelay.digest("x");
    assertFalse(CancellationRelay.isDigest(null));
    assertFalse(CancellationRelay.isDigest(""));
    assertFalse(CancellationRelay.isDigest(d.substring(1)));
    assertFalse(CancellationRelay.isDigest(d + "0"));
    assertFalse(CancellationRelay.isDigest(d.toUpperCase(java.util.Locale.ROOT)));
    assertFalse(CancellationRelay.isDigest("g" + d.substring(1)));
  }

  @Test
  void none_isInactive_andTheInMemoryStoreUsesIt() {
    assertFalse(CancellationRelay.NONE.active());
    CancellationRelay.NONE.publish(CancellationRelay.digest("x"));
    CancellationRelay.NONE.subscribe(d -> {}).close();
    assertSame(CancellationRelay.NONE, InMemorySessionStore.builder().build().cancellationRelay());
  }
}

package com.quiltdata.mcp.tools.s3.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.BearerToken;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.jwt.QuiltClaims;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class UserClientsTest {
  private static final Instant EXP = Instant.parse("2100-01-01T00:00:00Z");
  private final AtomicInteger closedClients = new AtomicInteger();

  private static Principal withToken(String subject, String token) {
    return Principal.fromToken(QuiltClaims.builder(subject, EXP).build(), BearerToken.of(token));
  }

  /** A real SDK client; closing it is observed through the cache's counter. */
  private S3Client client() {
    return S3Client.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create("http://127.0.0.1:9"))
        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .build();
  }

  @Test
  void key_isAHashOfTheToken_neverTheTokenOrTheSubjectAlone() {
    String token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJlLXZhbHVl";
    Principal a = withToken("alice", token);
    String key = UserClients.keyOf(a);
    assertFalse(key.contains(token));
    assertFalse(key.contains("alice"));
    assertEquals("token:" + BearerToken.of(token).sha256Hex(), key);
    assertNotEquals(key, UserClients.keyOf(withToken("alice", token + "x")));
    Principal desktop = Principal.desktop(QuiltClaims.builder("alice", EXP).build());
    assertFalse(UserClients.keyOf(desktop).contains("alice"));
  }

  @Test
  void sameToken_reusesTheClient_otherToken_getsItsOwn() {
    try (UserClients clients = new UserClients(10, Duration.ofMinutes(5))) {
      Principal a1 = withToken("alice", "token.one.a");
      Principal a2 = withToken("alice", "token.two.a");
      S3Client first;
      try (UserClients.Lease l = clients.acquire(a1, this::client)) {
        first = l.client();
      }
      try (UserClients.Lease l = clients.acquire(a1, this::client)) {
        assertSame(first, l.client());
      }
      try (UserClients.Lease l = clients.acquire(a2, this::client)) {
        assertNotEquals(first, l.client(), "a new token of the same subject gets a new client");
      }
      assertEquals(2, clients.built());
    }
  }

  @Test
  void sizeBound_evictsAndClosesTheEvictedClients() {
    try (UserClients clients = new UserClients(1, Duration.ofMinutes(5))) {
      for (int i = 0; i < 6; i++) {
        try (UserClients.Lease l =
            clients.acquire(withToken("u" + i, "token.u" + i + ".u"), this::client)) {
          l.client();
        }
      }
      assertEquals(6, clients.built());
      assertTrue(clients.size() <= 1);
      assertEquals(clients.built() - clients.size(), clients.closed());
    }
  }

  @Test
  void retiredClient_isClosedOnlyAfterItsLastCall() {
    UserClients clients = new UserClients(10, Duration.ofMinutes(5));
    UserClients.Lease inUse = clients.acquire(withToken("a", "token.a.a"), this::client);
    try (UserClients.Lease idle = clients.acquire(withToken("b", "token.b.b"), this::client)) {
      idle.client();
    }
    clients.close();
    assertEquals(1, clients.closed(), "only the idle client is closed while a call runs");
    inUse.close();
    assertEquals(2, clients.closed());
    inUse.close();
    assertEquals(2, clients.closed(), "releasing twice closes nothing more");
  }

  @Test
  void close_closesEveryIdleClient() {
    UserClients clients = new UserClients(10, Duration.ofMinutes(5));
    for (int i = 0; i < 3; i++) {
      try (UserClients.Lease l =
          clients.acquire(withToken("u" + i, "token.u" + i + ".u"), this::client)) {
        l.client();
      }
    }
    clients.close();
    assertEquals(3, clients.closed());
    assertEquals(0, clients.size());
  }
}

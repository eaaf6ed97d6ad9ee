package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.AuthException.Reason;
import com.quiltdata.mcp.auth.internal.credentials.Leaks;
import com.quiltdata.mcp.auth.internal.credentials.LogCapture;
import com.quiltdata.mcp.auth.internal.credentials.RegistryStub;
import com.quiltdata.mcp.auth.internal.credentials.RegistryStub.Reply;
import com.quiltdata.mcp.auth.internal.credentials.SteppingClock;
import com.quiltdata.mcp.auth.internal.credentials.TestIdentities;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** The registry exchange against a real HTTP stub with injected faults. */
class RegistryCredentialSourceTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  private final SteppingClock clock = new SteppingClock(NOW);
  private final TestIdentities ids = new TestIdentities(clock);
  private final List<String> shown = new ArrayList<>();
  private RegistryStub registry;
  private LogCapture logs;

  @BeforeEach
  void start() {
    registry = RegistryStub.start(clock);
    logs = LogCapture.start();
  }

  @AfterEach
  void stop() {
    shown.addAll(logs.lines());
    logs.close();
    registry.close();
    Leaks.assertNone(shown, ids.minted());
  }

  private CredentialSource source() {
    return CredentialSource.registry(registry.url())
        .clock(clock)
        .requestTimeout(Duration.ofMillis(500))
        .build();
  }

  private AuthException failure(Reply reply) {
    registry.respond(reply);
    Principal alice = ids.principal("alice", Duration.ofHours(2));
    AuthException e = assertThrows(AuthException.class, () -> source().fetch(alice));
    shown.add(e.getMessage());
    shown.add(e.toString());
    return e;
  }

  private static String body(String expiration) {
    return RegistryStub.credentialsJson(
        "ASIAEXAMPLE1234", "CANARY-SECRET-KEY-x", "CANARY-SESSION-TOKEN-x", expiration);
  }

  @Test
  void fetch_validAnswer_sendsBearerTokenAndReturnsSessionCredentials() {
    String token = ids.mint("alice", Duration.ofHours(2));
    IssuedCredentials issued = source().fetch(ids.principal(token));
    shown.add(issued.toString());

    assertEquals(1, registry.calls());
    assertEquals(1, registry.callsFor(token), "header was exactly 'Bearer <token>'");
    assertEquals(0, registry.malformedHeaders());
    assertEquals(List.of("GET /api/auth/get_credentials"), registry.requestLines());
    AwsSessionCredentials session =
        assertInstanceOf(AwsSessionCredentials.class, issued.credentials());
    assertEquals(RegistryStub.accessKey(1), session.accessKeyId());
    assertTrue(session.secretAccessKey().startsWith(RegistryStub.SECRET_PREFIX));
    assertTrue(session.sessionToken().startsWith(RegistryStub.SESSION_PREFIX));
    assertEquals(NOW.plus(Duration.ofHours(1)), issued.expiration());
    assertEquals(NOW.plus(Duration.ofHours(1)), session.expirationTime().orElseThrow());
    assertEquals(IssuedCredentials.SOURCE_REGISTRY, issued.source());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-23T11:00:00+00:00",
        "2026-11-23T11:00:00Z",
        "2026-11-23T11:00:00.000000+00:00",
        "2026-11-23T11:00:00.000Z",
        "2026-11-23T13:00:00+02:00",
        "2026-11-23T06:00:00-05:00"
      })
  void fetch_expirationInIsoOffsetForms_parsesSameInstant(String expiration) {
    registry.respond(Reply.of(200, body(expiration)));
    IssuedCredentials issued = source().fetch(ids.principal("alice", Duration.ofHours(2)));
    assertEquals(Instant.parse("2026-11-23T11:00:00Z"), issued.expiration());
  }

  @Test
  void fetch_fractionalSeconds_keepsThem() {
    registry.respond(Reply.of(200, body("2026-11-23T11:00:00.123456+00:00")));
    IssuedCredentials issued = source().fetch(ids.principal("alice", Duration.ofHours(2)));
    assertEquals(Instant.parse("2026-11-23T11:00:00.123456Z"), issued.expiration());
  }

  @Test
  void fetch_registrySlowerThanTimeout_isUnavailableWithinTimeout() {
    long started = System.nanoTime();
    AuthException e =
        failure(RegistryStub.credentials(NOW.plusSeconds(3600), 1).after(Duration.ofSeconds(5)));
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertEquals(Reason.REGISTRY_UNAVAILABLE, e.reason());
    assertTrue(e.retryable());
    assertTrue(e.getMessage().contains("did not answer within 500 ms"), e.getMessage());
    assertTrue(millis < 3000, "took " + millis + " ms");
  }

  @Test
  void fetch_401_isInvalidToken() {
    AuthException e = failure(Reply.of(401, "{\"message\":\"Token invalid or outdated\"}"));
    assertEquals(Reason.REGISTRY_INVALID_TOKEN, e.reason());
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("\"Token invalid or outdated\""), e.getMessage());
  }

  @Test
  void fetch_403_isForbidden() {
    AuthException e = failure(Reply.of(403, "{\"error\":\"Forbidden\"}"));
    assertEquals(Reason.REGISTRY_FORBIDDEN, e.reason());
    assertTrue(e.getMessage().contains("\"Forbidden\""), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504, 429})
  void fetch_outageStatus_isUnavailable(int status) {
    AuthException e = failure(Reply.of(status, "oops, not json"));
    assertEquals(Reason.REGISTRY_UNAVAILABLE, e.reason());
    assertTrue(e.getMessage().contains("HTTP " + status), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 404, 405, 413, 431})
  void fetch_other4xx_isARefusalOfThisToken_notAnOutage(int status) {
    AuthException e =
        failure(Reply.of(status, "<html>400 Request Header Or Cookie Too Large</html>"));
    assertEquals(Reason.REGISTRY_REFUSED, e.reason());
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("HTTP " + status), e.getMessage());
  }

  @Test
  void fetch_errorMessageEchoingTheToken_isRedactedCappedAndPrintable() {
    registry.respond(
        (token, call) ->
            Reply.of(
                401,
                "{\"message\":\"bad token "
                    + token
                    + " \\u0007\\u00e9 "
                    + "x".repeat(10)
                    + " and a very long tail "
                    + "word ".repeat(60)
                    + "\"}"));
    Principal alice = ids.principal("alice", Duration.ofHours(2));
    AuthException e = assertThrows(AuthException.class, () -> source().fetch(alice));
    shown.add(e.getMessage());
    String said = e.getMessage().substring(e.getMessage().indexOf("says: \"") + 7);
    said = said.substring(0, said.length() - 1);
    assertTrue(said.startsWith("bad token [redacted] ?"), said);
    assertTrue(said.length() <= 100, said.length() + ": " + said);
    assertTrue(said.chars().allMatch(c -> c >= 0x20 && c < 0x7f), said);
  }

  @Test
  void fetch_hugeErrorBody_isUnavailableWithoutDetail() {
    AuthException e = failure(Reply.of(500, "{\"message\":\"" + "a".repeat(100_000) + "\"}"));
    assertEquals(Reason.REGISTRY_UNAVAILABLE, e.reason());
    assertFalse(e.getMessage().contains("says"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{not json",
        "[]",
        "\"text\"",
        "",
        "{\"AccessKeyId\":\"A\"}",
        "{\"AccessKeyId\":\"ASIA1\",\"SecretAccessKey\":\"CANARY-SECRET-KEY-1\",\"SessionToken\":\"t\"}",
        "{\"AccessKeyId\":1234,\"SecretAccessKey\":\"CANARY-SECRET-KEY-1\",\"SessionToken\":\"t\",\"Expiration\":\"2026-11-23T11:00:00Z\"}",
        "{\"AccessKeyId\":\"ASIA1\",\"SecretAccessKey\":null,\"SessionToken\":\"t\",\"Expiration\":\"2026-11-23T11:00:00Z\"}",
        "{\"AccessKeyId\":\"ASIA1\",\"SecretAccessKey\":\"CANARY-SECRET-KEY-1\",\"SessionToken\":{\"a\":1},\"Expiration\":\"2026-11-23T11:00:00Z\"}",
        "{\"AccessKeyId\":\"ASIA1\",\"SecretAccessKey\":\"CANARY-SECRET-KEY-1\",\"SessionToken\":\"t\",\"Expiration\":1790000000}",
        "{\"AccessKeyId\":\"\",\"SecretAccessKey\":\"CANARY-SECRET-KEY-1\",\"SessionToken\":\"t\",\"Expiration\":\"2026-11-23T11:00:00Z\"}",
        "{\"AccessKeyId\":\"ASIA1\",\"SecretAccessKey\":\"CANARY-SECRET-KEY-1\",\"SessionToken\":\"t\",\"Expiration\":\"tomorrow\"}",
        "{\"AccessKeyId\":\"ASIA1\",\"SecretAccessKey\":\"CANARY-SECRET-KEY-1\",\"SessionToken\":\"t\",\"Expiration\":\"2026-11-23T11:00:00\"}",
        "{\"AccessKeyId\":\"ASIA1\",\"SecretAccessKey\":\"CANARY-SECRET-KEY-1\",\"SessionToken\":\"t\",\"Expiration\":\"2026-11-23\"}",
        "{\"AccessKeyId\":\"ASIA1\",\"AccessKeyId\":\"ASIA2\",\"SecretAccessKey\":\"CANARY-SECRET-KEY-1\",\"SessionToken\":\"t\",\"Expiration\":\"2026-11-23T11:00:00Z\"}",
        "{\"AccessKeyId\":\"ASIA1\",\"SecretAccessKey\":\"CANARY-SECRET-KEY-1\",\"SessionToken\":\"t\",\"Expiration\":\"2026-11-23T11:00:00Z\"} trailing",
        "{\"AccessKeyId\":\"AS IA1\",\"SecretAccessKey\":\"CANARY-SECRET-KEY-1\",\"SessionToken\":\"t\",\"Expiration\":\"2026-11-23T11:00:00Z\"}"
      })
  void fetch_unusable2xxBody_isBadResponse(String badBody) {
    AuthException e = failure(Reply.of(200, badBody));
    assertEquals(Reason.REGISTRY_BAD_RESPONSE, e.reason(), e.getMessage());
  }

  @Test
  void fetch_bodyOverLimit_isBadResponse() {
    String padded =
        "{\"pad\":\"" + "p".repeat(70_000) + "\"," + body("2026-11-23T11:00:00Z").substring(1);
    AuthException e = failure(Reply.of(200, padded));
    assertEquals(Reason.REGISTRY_BAD_RESPONSE, e.reason());
    assertTrue(e.getMessage().contains("65536 bytes"), e.getMessage());
  }

  @Test
  void fetch_expirationInThePast_isCredentialsExpired() {
    AuthException e = failure(Reply.of(200, body("2019-05-28T23:58:07+00:00")));
    assertEquals(Reason.CREDENTIALS_EXPIRED, e.reason());
    assertTrue(e.getMessage().contains("2019-05-28T23:58:07Z"), e.getMessage());
  }

  @Test
  void fetch_expirationWithinRefreshMargin_isCredentialsExpired() {
    AuthException e = failure(Reply.of(200, body("2026-11-23T10:04:59Z")));
    assertEquals(Reason.CREDENTIALS_EXPIRED, e.reason());
  }

  @Test
  void fetch_redirectToAnotherHost_isNotFollowed() {
    try (RegistryStub elsewhere = RegistryStub.start(clock)) {
      AuthException e =
          failure(
              Reply.of(302, "")
                  .withHeader("Location", elsewhere.url() + "/api/auth/get_credentials"));
      assertEquals(Reason.REGISTRY_UNAVAILABLE, e.reason());
      assertTrue(e.getMessage().contains("redirect (302)"), e.getMessage());
      assertEquals(0, elsewhere.calls());
    }
  }

  @Test
  void fetch_connectionRefused_isUnavailable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    CredentialSource closed =
        CredentialSource.registry(URI.create("http://127.0.0.1:" + port)).clock(clock).build();
    Principal alice = ids.principal("alice", Duration.ofHours(2));
    AuthException e = assertThrows(AuthException.class, () -> closed.fetch(alice));
    shown.add(e.getMessage());
    assertEquals(Reason.REGISTRY_UNAVAILABLE, e.reason());
    assertTrue(e.retryable());
  }

  @Test
  void fetch_registryUrlWithPathAndTrailingSlash_appendsEndpointPath() {
    CredentialSource prefixed =
        CredentialSource.registry(URI.create(registry.url() + "/quilt/")).clock(clock).build();
    prefixed.fetch(ids.principal("alice", Duration.ofHours(2)));
    assertEquals(List.of("GET /quilt/api/auth/get_credentials"), registry.requestLines());
  }

  @Test
  void fetch_principalWithoutToken_isNotAvailableAndCallsNothing() {
    AuthException e = assertThrows(AuthException.class, () -> source().fetch(ids.desktop("alice")));
    assertEquals(Reason.CREDENTIALS_NOT_AVAILABLE, e.reason());
    assertEquals(0, registry.calls());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://registry.example.com",
        "registry.example.com",
        "/api",
        "https://user:pass@registry.example.com",
        "https://registry.example.com?x=1",
        "https://registry.example.com#frag",
        "https:///nohost",
        "file:///etc/passwd",
        "mailto:ops@example.com"
      })
  void registry_badUrl_isRejectedWithoutEchoingIt(String url) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> CredentialSource.registry(URI.create(url)));
    assertTrue(e.getMessage().startsWith("registryUrl"), e.getMessage());
    assertFalse(e.getMessage().contains("pass"), e.getMessage());
  }

  @Test
  void registry_clientFollowingRedirects_isRejected() {
    HttpClient following =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    var builder = CredentialSource.registry(registry.url()).httpClient(following);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
    assertTrue(e.getMessage().startsWith("httpClient"), e.getMessage());
  }

  @Test
  void registry_clientWithoutConnectTimeout_isRejected() {
    HttpClient unbounded =
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    var builder = CredentialSource.registry(registry.url()).httpClient(unbounded);
    assertThrows(IllegalArgumentException.class, builder::build);
  }

  @Test
  void registry_injectedClient_isUsed() {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    CredentialSource injected =
        CredentialSource.registry(registry.url()).httpClient(client).clock(clock).build();
    IssuedCredentials issued = injected.fetch(ids.principal("alice", Duration.ofHours(2)));
    assertEquals(RegistryStub.accessKey(1), issued.credentials().accessKeyId());
  }

  @Test
  void registry_badSettings_areRejectedByName() {
    var builder = CredentialSource.registry(registry.url());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> builder.requestTimeout(Duration.ZERO))
            .getMessage()
            .startsWith("requestTimeout"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> builder.connectTimeout(Duration.ofSeconds(-1)))
            .getMessage()
            .startsWith("connectTimeout"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> builder.maxResponseBytes(10))
            .getMessage()
            .startsWith("maxResponseBytes"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> builder.refreshMargin(Duration.ofSeconds(-1)))
            .getMessage()
            .startsWith("refreshMargin"));
  }
}

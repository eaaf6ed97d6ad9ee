package com.quiltdata.mcp.session.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.auth.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code rediss://} on the real redis-server speaking TLS only, its certificate signed by a test
 * CA: with that CA trusted through the CA file, two stores share a session over TLS (the rules
 * themselves are {@link RedisSessionStoreTest}'s, on the same scripts); and every way TLS can be
 * wrong (another CA, the JVM's trust store, a server without TLS) refused at start-up with a clear
 * message, never falling back to plaintext or to memory. The password never reaches a log line, a
 * message or the health text.
 */
class RedisTlsTest {
  private static final String PASSWORD = "tls-test-password-0123456789";
  private static final AtomicInteger PREFIXES = new AtomicInteger();
  private static RedisServerRig tlsRedis;
  private static ListAppender<ILoggingEvent> logged;
  private final List<RedisSessionStore> opened = new ArrayList<>();
  @TempDir Path temp;

  @BeforeAll
  static void startTlsRedis() {
    logged = new ListAppender<>();
    logged.start();
    // every level, Lettuce's DEBUG lines included, reaches the capture (the console stays at INFO)
    root().setLevel(ch.qos.logback.classic.Level.DEBUG);
    root().addAppender(logged);
    tlsRedis = RedisServerRig.startedWithTls(PASSWORD);
  }

  @AfterAll
  static void stopTlsRedis() {
    tlsRedis.close();
    root().detachAppender(logged);
    root().setLevel(ch.qos.logback.classic.Level.INFO);
    // the password check above read Lettuce's own DEBUG lines, not only ours
    org.junit.jupiter.api.Assertions.assertTrue(
        logged.list.stream()
            .anyMatch(
                e ->
                    e.getLevel() == ch.qos.logback.classic.Level.DEBUG
                        && e.getLoggerName().startsWith("io.lettuce")),
        "no Lettuce DEBUG line was captured");
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  @AfterEach
  void closeStores_andNoLogLineHoldsThePassword() {
    opened.forEach(RedisSessionStore::close);
    for (ILoggingEvent e : List.copyOf(logged.list)) {
      String line =
          e.getFormattedMessage()
              + (e.getThrowableProxy() == null
                  ? ""
                  : ThrowableProxyUtil.asString(e.getThrowableProxy()));
      assertFalse(line.contains(PASSWORD), "a log line holds the password: " + line);
    }
  }

  private RedisSessionStore open(RedisStoreSettings settings) {
    RedisSessionStore store = RedisSessionStore.builder(settings).build();
    opened.add(store);
    return store;
  }

  private static RedisStoreSettings trusting(Path caFile) {
    return tlsRedis.settings("tls-" + PREFIXES.incrementAndGet() + ":").withCaFile(caFile);
  }

  private Path resource(String name) throws IOException {
    Path file = temp.resolve(name);
    RedisServerRig.copyResource(name, file);
    return file;
  }

  @Test
  void rightCa_sessionSurvivesAcrossTwoStores_andHealthShowsTlsWithoutThePassword() {
    RedisStoreSettings settings = trusting(tlsRedis.testCaFile());
    assertTrue(settings.tls());
    RedisSessionStore a = open(settings);
    RedisSessionStore b = open(settings);
    a.connectAtStart();
    b.connectAtStart();

    Session s = a.create(null, "2025-06-18");
    assertEquals("2025-06-18", b.lookup(s.id(), null).orElseThrow().protocolVersion());
    assertTrue(b.setLogLevel(s.id(), null, "debug"));
    assertEquals(
        "debug", a.lookup(s.id(), null).orElseThrow().logLevel(), "written on b, read on a");
    assertTrue(b.terminate(s.id(), null));
    assertTrue(a.lookup(s.id(), null).isEmpty(), "ended on b: gone on a");

    String state = a.describeState();
    assertTrue(state.startsWith("rediss://127.0.0.1:" + tlsRedis.port()), state);
    assertTrue(state.endsWith(" up"), state);
    for (String shown : List.of(state, a.toString(), settings.toString())) {
      assertFalse(shown.contains(PASSWORD), shown);
    }
  }

  @Test
  void anotherCa_isRefusedAtStart_andNothingFallsBack() throws IOException {
    assertRefusedAtStart(
        trusting(resource(RedisServerRig.OTHER_CA)), "TLS handshake failed", "SSLHandshake");
  }

  @Test
  void noCaFile_theJvmTrustStoreDoesNotKnowTheTestCa_refusedAtStart() {
    assertRefusedAtStart(trusting(null), "TLS handshake failed", "SSLHandshake");
  }

  @Test
  void plainServer_forRediss_isRefusedAtStart_noPlaintextFallback() {
    try (RedisServerRig plain = RedisServerRig.started(PASSWORD)) {
      RedisStoreSettings settings =
          RedisStoreSettings.parse("rediss://127.0.0.1:" + plain.port(), PASSWORD, "plain:")
              .withCaFile(tlsRedis.testCaFile());
      assertRefusedAtStart(settings, "answers plain Redis, not TLS");
    }
  }

  @Test
  void wrongPassword_overTls_isRefusedAtStart() {
    RedisStoreSettings wrong =
        RedisStoreSettings.parse(tlsRedis.url(), "not-the-password-987", "wrong:")
            .withCaFile(tlsRedis.testCaFile());
    assertRefusedAtStart(wrong, "authentication failed", "WRONGPASS");
  }

  /**
   * Start-up throws naming the cause; afterwards every operation still fails (503 material), and
   * the store never reports itself up: no fallback to plaintext or to a local store.
   */
  private void assertRefusedAtStart(RedisStoreSettings settings, String... expected) {
    RedisSessionStore store = open(settings);
    IllegalStateException e = assertThrows(IllegalStateException.class, store::connectAtStart);
    for (String part : expected) {
      assertTrue(e.getMessage().contains(part), e.getMessage());
    }
    assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
    assertFalse(e.getMessage().contains("not-the-password-987"), e.getMessage());
    AuthException later = assertThrows(AuthException.class, () -> store.create(null, "2025-06-18"));
    assertEquals(AuthException.Reason.SESSION_STORE_UNAVAILABLE, later.reason());
    assertFalse(store.healthy());
    assertTrue(store.describeState().contains(" down"), store.describeState());
    assertFalse(store.describeState().contains(PASSWORD));
  }

  @Test
  void caFile_isRefusedWithoutTls_orWithoutACertificate_namingTheField() throws IOException {
    RedisStoreSettings plain = RedisStoreSettings.parse("redis://127.0.0.1:6379", null, null);
    IllegalArgumentException noTls =
        assertThrows(IllegalArgumentException.class, () -> plain.withCaFile(tlsRedis.testCaFile()));
    assertTrue(noTls.getMessage().startsWith("caFile needs a rediss:// url"), noTls.getMessage());

    RedisStoreSettings tls = RedisStoreSettings.parse("rediss://127.0.0.1:6379", null, null);
    Path notPem = Files.writeString(temp.resolve("not.pem"), "not a certificate\n");
    IllegalArgumentException garbage =
        assertThrows(IllegalArgumentException.class, () -> tls.withCaFile(notPem));
    assertTrue(garbage.getMessage().startsWith("caFile must hold"), garbage.getMessage());
    Path missing = temp.resolve("missing.pem");
    IllegalArgumentException absent =
        assertThrows(IllegalArgumentException.class, () -> tls.withCaFile(missing));
    assertTrue(absent.getMessage().startsWith("caFile must be a readable file"));
  }
}

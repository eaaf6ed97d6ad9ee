package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Hands out recognisable secrets ("canaries") and captures every log event of a test; after each
 * test it fails if any log line (message or exception text) contains any canary issued so far.
 * Tests check exception messages with {@link #assertNoCanary(Throwable)}.
 */
public final class SecretCanaries implements BeforeEachCallback, AfterEachCallback {
  /** Every canary starts with this marker. */
  public static final String MARKER = "CANARY-SECRET-";

  private static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private ListAppender<ILoggingEvent> appender;

  /** A strong random UTF-8 canary secret (about 40 random characters after the marker). */
  public static String strong() {
    StringBuilder tail = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      tail.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return register(MARKER + tail, tail.toString());
  }

  /** A canary long enough (>= 32 bytes) but obviously weak. */
  public static String weak() {
    return register(MARKER + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", MARKER);
  }

  /** A canary of {@code length} bytes of the marker's shape (for too-short secrets). */
  public static String ofLength(int length) {
    String value = (MARKER + "0123456789abcdefghijklmnopqrstuvwxyz").substring(0, length);
    ISSUED.add(value);
    return value;
  }

  /** Strict base64 of 48 random bytes, registered as a canary (encoded form). */
  public static String strongBase64() {
    byte[] raw = new byte[48];
    RANDOM.nextBytes(raw);
    String encoded = Base64.getEncoder().encodeToString(raw);
    ISSUED.add(encoded);
    ISSUED.add(encoded.substring(8, 24));
    return encoded;
  }

  private static String register(String value, String tail) {
    ISSUED.add(value);
    ISSUED.add(tail);
    ISSUED.add(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
    return value;
  }

  /** Fails if the throwable's text, or any cause's, contains a canary. */
  public static void assertNoCanary(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      assertNoCanary(String.valueOf(c.getMessage()));
      assertNoCanary(c.toString());
    }
  }

  /** Fails if {@code text} contains a canary. */
  public static void assertNoCanary(String text) {
    assertFalse(text.contains(MARKER), () -> "canary marker leaked: " + text.length() + " chars");
    for (String canary : ISSUED) {
      assertFalse(text.contains(canary), "a canary secret leaked into text");
    }
  }

  /** Log events captured so far in this test. */
  public List<ILoggingEvent> events() {
    return new ArrayList<>(appender.list);
  }

  /** Formatted messages of captured events at {@code level}. */
  public List<String> messages(Level level) {
    List<String> out = new ArrayList<>();
    for (ILoggingEvent e : events()) {
      if (e.getLevel() == level) {
        out.add(e.getFormattedMessage());
      }
    }
    return out;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    appender = new ListAppender<>();
    appender.start();
    root().addAppender(appender);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    root().detachAppender(appender);
    appender.stop();
    for (ILoggingEvent e : appender.list) {
      assertNoCanary(e.getFormattedMessage());
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        assertNoCanary(String.valueOf(t.getMessage()));
      }
    }
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}

package com.quiltdata.mcp.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.SigningKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Canary secrets and tokens, and the guard that fails a test when one shows up in any captured
 * output. Every {@link CliRun} plants the canaries in its environment and reports its stdout,
 * stderr and inputs here; log events of the test are captured too. After each test, no output and
 * no log line may contain a canary, any secret or token a test registered, or the canary marker.
 */
public final class Canaries implements BeforeEachCallback, AfterEachCallback {
  /** Every canary secret starts with this marker. */
  public static final String MARKER = "CANARY-SECRET-";

  /** Environment variable always holding the canary secret. */
  public static final String SECRET_VARIABLE = "CANARY_JWT_SECRET";

  /** Environment variable always holding the canary token. */
  public static final String TOKEN_VARIABLE = "CANARY_TOKEN";

  private static final Set<String> FORBIDDEN = ConcurrentHashMap.newKeySet();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /** The canary secret of this test JVM (a strong, random 54-character secret). */
  public static final String SECRET = strongSecret();

  /** A valid token signed with {@link #SECRET}, kid "frontend-enhanced", 12 h lifetime. */
  public static final String TOKEN =
      JwtMinter.create(SigningKey.ofUtf8("frontend-enhanced", SECRET), Clock.systemUTC())
          .enhanced("canary-user")
          .buckets(List.of("quilt-canary"))
          .permissions(List.of("s3:GetObject"))
          .ttl(Duration.ofHours(12))
          .mint();

  static {
    forbid(SECRET);
    forbid(TOKEN);
  }

  private final List<String> outputs = new ArrayList<>();
  private ListAppender<ILoggingEvent> appender;

  /** A fresh strong secret carrying the marker; it is forbidden in every output from now on. */
  public static String strongSecret() {
    StringBuilder s = new StringBuilder(MARKER);
    for (int i = 0; i < 40; i++) {
      s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    String secret = s.toString();
    forbid(secret);
    // Partial leaks count too: the random tail and each half of it.
    String tail = secret.substring(MARKER.length());
    FORBIDDEN.add(tail);
    FORBIDDEN.add(tail.substring(0, 20));
    FORBIDDEN.add(tail.substring(20));
    return secret;
  }

  /** A valid enhanced token for "someone" signed with {@code secret} (forbidden in outputs). */
  public static String tokenSignedWith(String secret) {
    String token =
        JwtMinter.create(SigningKey.ofUtf8(null, secret), Clock.systemUTC())
            .enhanced("someone")
            .mint();
    forbid(token);
    return token;
  }

  /**
   * Forbids {@code value} in every output; a token's payload and signature segments are forbidden
   * on their own too (not its header, which many tokens share).
   */
  public static void forbid(String value) {
    if (value == null || value.length() < 16) {
      return;
    }
    FORBIDDEN.add(value);
    String stripped = value.strip();
    if (stripped.length() >= 16) {
      FORBIDDEN.add(stripped);
    }
    String[] segments = stripped.split("\\.");
    // The header segment is shared by every token with the same alg/typ/kid: not a secret.
    for (int i = 1; i < segments.length; i++) {
      if (segments[i].length() >= 16) {
        FORBIDDEN.add(segments[i]);
      }
    }
  }

  /**
   * Checks an output now, against what is forbidden at this moment: a token minted by one command
   * may legitimately be on that command's stdout and be forbidden once a test pipes it onwards. The
   * text is checked again after the test against the canaries of this JVM.
   */
  void captured(String text) {
    assertClean(text);
    synchronized (outputs) {
      outputs.add(text);
    }
  }

  /** Fails if {@code text} carries the marker or any forbidden value. */
  public static void assertClean(String text) {
    assertFalse(text.contains(MARKER), () -> "the canary marker leaked into: " + preview(text));
    for (String f : FORBIDDEN) {
      assertFalse(text.contains(f), () -> "a forbidden secret or token leaked: " + preview(text));
    }
  }

  private static String preview(String text) {
    return text.length() + " characters of output";
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
    List<String> texts = new ArrayList<>();
    for (ILoggingEvent e : appender.list) {
      texts.add(e.getFormattedMessage());
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        texts.add(String.valueOf(t.getMessage()));
      }
    }
    for (String text : texts) {
      assertClean(text);
    }
    List<String> outs;
    synchronized (outputs) {
      outs = new ArrayList<>(outputs);
      outputs.clear();
    }
    for (String text : outs) {
      assertFalse(text.contains(MARKER), "the canary marker leaked into an output");
      assertFalse(text.contains(SECRET), "the canary secret leaked into an output");
      assertFalse(text.contains(TOKEN), "the canary token leaked into an output");
    }
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}

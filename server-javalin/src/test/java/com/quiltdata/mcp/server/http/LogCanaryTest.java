package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event while valid, invalid and misplaced tokens (and the secret) go through
 * the server, and checks that none of them appears in any log line, key-value pair or throwable.
 */
class LogCanaryTest {
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();
  private Logger root;

  @BeforeEach
  void capture() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    events.setContext(context);
    events.start();
    root.addAppender(events);
  }

  @AfterEach
  void release() {
    root.detachAppender(events);
  }

  private List<String> lines() {
    List<String> out = new ArrayList<>();
    for (ILoggingEvent e : events.list) {
      StringBuilder line = new StringBuilder(e.getLoggerName()).append(' ');
      line.append(e.getFormattedMessage());
      if (e.getKeyValuePairs() != null) {
        e.getKeyValuePairs()
            .forEach(kv -> line.append(' ').append(kv.key).append('=').append(kv.value));
      }
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        line.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
      }
      out.add(line.toString());
    }
    return out;
  }

  @Test
  void noLogLine_containsATokenOrTheSecret() {
    List<String> canaries = new ArrayList<>();
    canaries.add(ServerHarness.SECRET);
    try (ServerHarness h = new ServerHarness()) {
      String good = h.token("canary-user@example.com", "canary-bucket");
      canaries.add(good);
      String session = h.session(good);
      HttpResponse<String> call =
          h.send(
              h.post("/mcp", Messages.call(3, "auth_status", "{}"))
                  .header("Authorization", "Bearer " + good)
                  .header("Mcp-Session-Id", session));
      assertEquals(200, call.statusCode());

      String forged = good.substring(0, good.length() - 3) + "AAA";
      canaries.add(forged);
      h.send(h.post("/mcp", Messages.PING).header("Authorization", "Bearer " + forged));

      String inQuery = h.token("canary-user@example.com");
      canaries.add(inQuery);
      h.send(h.post("/mcp?access_token=" + inQuery, Messages.PING));

      String garbage = "not.a.jwt-" + "x".repeat(80);
      canaries.add(garbage);
      h.send(h.post("/mcp", Messages.PING).header("Authorization", "Bearer " + garbage));
      h.send(h.post("/mcp", Messages.PING).header("Authorization", "Basic " + garbage));

      // the token and the secret as method, tool and argument values
      h.send(
          h.post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + good + "\"}")
              .header("Authorization", "Bearer " + good)
              .header("Mcp-Session-Id", session));
      h.send(
          h.post("/mcp", Messages.call(4, ServerHarness.SECRET, "{\"bucket\":\"" + good + "\"}"))
              .header("Authorization", "Bearer " + good)
              .header("Mcp-Session-Id", session));
      h.send(h.request("/" + ServerHarness.SECRET).GET());
    }
    List<String> lines = lines();
    List<String> access =
        lines.stream().filter(l -> l.startsWith(AccessLog.LOGGER)).collect(Collectors.toList());
    assertTrue(access.size() >= 9, "one access line per request: " + access.size());
    assertTrue(access.stream().anyMatch(l -> l.contains("tool=auth_status")));
    assertTrue(
        access.stream().anyMatch(l -> l.contains("principal=") && !l.contains("principal=-")));
    for (String line : lines) {
      for (String canary : canaries) {
        assertFalse(line.contains(canary), "a log line leaks a canary: " + line);
      }
      assertFalse(line.contains("canary-user@example.com"), "subjects are fingerprinted: " + line);
      assertFalse(line.contains("Bearer"), line);
    }
  }
}

package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two layouts MCP_LOG_FORMAT selects (JSON objects per line, or text with key="value"), as
 * {@link LogOutput} sets them up, and its queued access log: nothing lost when logback stops.
 */
class LogLayoutTest {
  /** Sets up the process's logback as LogOutput does, logs, stops it, then restores the test's. */
  private static String logWith(WebEnvironment.LogFormat format) throws Exception {
    return logWith(format, 1);
  }

  private static String logWith(WebEnvironment.LogFormat format, int accessLines) throws Exception {
    return withServerLogging(
        format,
        (context, captured) -> {
          Logger log = LoggerFactory.getLogger(AccessLog.LOGGER);
          for (int i = 0; i < accessLines; i++) {
            log.atInfo().addKeyValue("status", 200).addKeyValue("rpc", "tools/list").log("request");
          }
          LoggerFactory.getLogger("org.eclipse.jetty.server.Server")
              .info("jetty chatter is filtered");
          LogOutput.flush(context);
        });
  }

  /** Something logged with LogOutput's set-up, standard output captured. */
  private interface Logging {
    void run(LoggerContext context, ByteArrayOutputStream captured) throws Exception;
  }

  /**
   * Runs {@code body} with the process's logback set up as LogOutput does and standard output
   * captured, then restores the test's logging; returns what was written.
   */
  private static String withServerLogging(WebEnvironment.LogFormat format, Logging body)
      throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      context.reset();
      LogOutput.install(context, format);
      body.run(context, captured);
    } finally {
      System.setOut(original);
      configure(context, "logback-test.xml");
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  private static void configure(LoggerContext context, String resource) throws Exception {
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(LogLayoutTest.class.getClassLoader().getResource(resource));
  }

  @Test
  void json_isOneObjectPerLine_withKeyValuePairs() throws Exception {
    String out = logWith(WebEnvironment.LogFormat.JSON);
    assertEquals(1, out.lines().count(), out);
    JsonNode line = ServerHarness.JSON.readTree(out.lines().findFirst().orElseThrow());
    assertEquals("INFO", line.path("level").asText());
    assertEquals(AccessLog.LOGGER, line.path("loggerName").asText());
    assertEquals("request", line.path("formattedMessage").asText());
    assertTrue(line.path("kvpList").toString().contains("tools/list"), line.toString());
  }

  @Test
  void text_appendsKeyValuePairs() throws Exception {
    String out = logWith(WebEnvironment.LogFormat.TEXT);
    assertEquals(1, out.lines().count(), out);
    assertTrue(out.contains("request status=\"200\" rpc=\"tools/list\""), out);
  }

  @Test
  void queuedAccessLines_areAllWrittenWhenLogbackStops() throws Exception {
    int lines = LogOutput.ACCESS_QUEUE_LINES + 17;
    String out = logWith(WebEnvironment.LogFormat.TEXT, lines);
    assertEquals(lines, out.lines().filter(l -> l.contains("request status=")).count());
  }

  @Test
  void accessLines_areWrittenByOneWriterThread_otherLinesByTheCaller() throws Exception {
    withServerLogging(
        WebEnvironment.LogFormat.TEXT,
        (context, captured) -> {
          assertTrue(
              context.getLogger(AccessLog.LOGGER).getAppender(LogOutput.ACCESS)
                  instanceof ch.qos.logback.classic.AsyncAppender);
          assertEquals(
              null,
              context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(LogOutput.ACCESS));
          LoggerFactory.getLogger("com.quiltdata.mcp.startup").error("cannot bind");
          // written before error() returned: no stop, no wait
          assertTrue(captured.toString(StandardCharsets.UTF_8).contains("cannot bind"));
          LogOutput.flush(context);
        });
  }

  @Test
  void aLogbackTestFileOnTheClassPath_winsOverTheServersOwnSetUp() {
    LoggerContext fresh = new LoggerContext();
    LogOutput output = new LogOutput();
    output.setContext(fresh);
    // this test class path carries logback-test.xml, so logback must go on to read it
    assertEquals(
        ch.qos.logback.classic.spi.Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY,
        output.configure(fresh));
    assertFalse(
        fresh.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext());
  }
}

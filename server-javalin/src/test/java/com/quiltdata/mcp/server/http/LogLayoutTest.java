package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** The two layouts MCP_LOG_FORMAT selects: JSON objects per line, or text with key="value". */
class LogLayoutTest {
  /** Reconfigures the process's logback with {@code resource} (as Main does), then restores it. */
  private static String logWith(String resource) throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      configure(context, resource);
      Logger log = LoggerFactory.getLogger(AccessLog.LOGGER);
      log.atInfo().addKeyValue("status", 200).addKeyValue("rpc", "tools/list").log("request");
      LoggerFactory.getLogger("org.eclipse.jetty.server.Server").info("jetty chatter is filtered");
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
    String out = logWith(WebEnvironment.LogFormat.JSON.resource());
    assertEquals(1, out.lines().count(), out);
    JsonNode line = ServerHarness.JSON.readTree(out.lines().findFirst().orElseThrow());
    assertEquals("INFO", line.path("level").asText());
    assertEquals(AccessLog.LOGGER, line.path("loggerName").asText());
    assertEquals("request", line.path("formattedMessage").asText());
    assertTrue(line.path("kvpList").toString().contains("tools/list"), line.toString());
  }

  @Test
  void text_appendsKeyValuePairs() throws Exception {
    String out = logWith(WebEnvironment.LogFormat.TEXT.resource());
    assertEquals(1, out.lines().count(), out);
    assertTrue(out.contains("request status=\"200\" rpc=\"tools/list\""), out);
  }
}

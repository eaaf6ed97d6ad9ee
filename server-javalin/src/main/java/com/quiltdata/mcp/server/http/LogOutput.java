package com.quiltdata.mcp.server.http;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The web server's log output, set up in code when logback starts (found through {@code
 * META-INF/services}; no XML is parsed, which keeps about 900 classes out of start-up).
 *
 * <p>Every line goes to standard output in the layout {@code MCP_LOG_FORMAT} names ({@link
 * #FORMAT_PROPERTY}, set by {@code Main} before the first logger): text with {@code key="value"}
 * fields, or one JSON object per line. Jetty logs at WARN and above. The access log ({@link
 * AccessLog#LOGGER}, one line per request) is handed to a single writer thread through a bounded
 * queue, so request threads never wait for the output's lock or a slow pipe; when the queue is full
 * the request thread waits (no line is dropped), and {@link #flush()} at shutdown writes what is
 * queued. Every other line is written synchronously, so start-up errors are never lost.
 *
 * <p>An explicit {@code -Dlogback.configurationFile} or a {@code logback-test.xml} on the class
 * path wins: logback then reads that file instead.
 */
public final class LogOutput extends ContextAwareBase implements Configurator {
  /** System property holding the layout: {@code text} (default) or {@code json}. */
  static final String FORMAT_PROPERTY = "quilt.mcp.logFormat";

  /** The access log's queue, by appender name. */
  static final String ACCESS = "ACCESS";

  /** Access-log lines that may wait for the writer thread. */
  static final int ACCESS_QUEUE_LINES = 8192;

  /** How long {@link #flush()} waits for queued access-log lines, in milliseconds. */
  static final int FLUSH_MILLIS = 2000;

  static final String TEXT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} -"
          + " %msg%replace( %kvp){'^ $', ''}%replace( trace_id=%X{trace_id}){'^ trace_id=$', ''}%n";

  /** For the service loader. */
  public LogOutput() {}

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty(ContextInitializer.CONFIG_FILE_PROPERTY) != null
        || LogOutput.class.getClassLoader().getResource(ContextInitializer.TEST_AUTOCONFIG_FILE)
            != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    install(context, WebEnvironment.LogFormat.of(System.getProperty(FORMAT_PROPERTY)));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Sets up {@code context} (expected fresh or reset) for {@code format}. */
  static void install(LoggerContext context, WebEnvironment.LogFormat format) {
    ConsoleAppender<ILoggingEvent> out = new ConsoleAppender<>();
    out.setContext(context);
    out.setName("STDOUT");
    out.setEncoder(encoder(context, format));
    out.start();

    AsyncAppender access = new AsyncAppender();
    access.setContext(context);
    access.setName(ACCESS);
    access.setQueueSize(ACCESS_QUEUE_LINES);
    access.setDiscardingThreshold(0);
    access.setNeverBlock(false);
    access.setIncludeCallerData(false);
    access.setMaxFlushTime(FLUSH_MILLIS);
    access.addAppender(out);
    access.start();

    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(out);
    context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
    context.getLogger("io.javalin").setLevel(Level.INFO);
    Logger accessLogger = context.getLogger(AccessLog.LOGGER);
    accessLogger.setAdditive(false);
    accessLogger.addAppender(access);
  }

  /**
   * Writes the queued access-log lines and stops logback's appenders (at process exit, after the
   * server stopped). Does nothing when logback is not the logging backend.
   */
  static void flush() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      flush(context);
    }
  }

  /**
   * Stops {@code context}, the access log's queue first: stopping the context alone would stop the
   * output before the queue has drained into it, and lose the queued lines.
   */
  static void flush(LoggerContext context) {
    Appender<ILoggingEvent> access = context.getLogger(AccessLog.LOGGER).getAppender(ACCESS);
    if (access != null) {
      access.stop();
    }
    context.stop();
  }

  private static Encoder<ILoggingEvent> encoder(
      LoggerContext context, WebEnvironment.LogFormat format) {
    if (format == WebEnvironment.LogFormat.JSON) {
      JsonEncoder json = new JsonEncoder();
      json.setContext(context);
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      json.setWithContext(false);
      json.setWithArguments(false);
      json.setWithMessage(false);
      json.setWithFormattedMessage(true);
      json.start();
      return json;
    }
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern(TEXT_PATTERN);
    text.start();
    return text;
  }
}

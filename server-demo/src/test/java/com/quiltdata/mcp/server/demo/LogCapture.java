package com.quiltdata.mcp.server.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Captures everything logged in the process (DEBUG and up) while open. */
final class LogCapture implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final Level previous = root.getLevel();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture() {
    root.setLevel(Level.DEBUG);
    appender.start();
    root.addAppender(appender);
  }

  /** Every captured event: logger, formatted message, key-value pairs, throwable messages. */
  String text() {
    synchronized (appender.list) {
      return appender.list.stream().map(LogCapture::line).collect(Collectors.joining("\n"));
    }
  }

  private static String line(ILoggingEvent event) {
    StringBuilder line =
        new StringBuilder(event.getLoggerName() + " " + event.getFormattedMessage());
    List<?> pairs = event.getKeyValuePairs();
    if (pairs != null) {
      pairs.forEach(p -> line.append(' ').append(p));
    }
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
    }
    return line.toString();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
    root.setLevel(previous);
  }
}

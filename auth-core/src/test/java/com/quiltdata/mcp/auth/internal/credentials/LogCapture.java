package com.quiltdata.mcp.auth.internal.credentials;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures everything auth-core logs (DEBUG and up) while open. */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final Level previous;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture() {
    logger = (Logger) LoggerFactory.getLogger("com.quiltdata.mcp.auth");
    previous = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    appender.start();
    logger.addAppender(appender);
  }

  public static LogCapture start() {
    return new LogCapture();
  }

  /** Every captured line: formatted message plus the messages of any attached throwables. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    synchronized (appender.list) {
      for (ILoggingEvent event : appender.list) {
        StringBuilder line =
            new StringBuilder(event.getLevel() + " " + event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
          line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        out.add(line.toString());
      }
    }
    return out;
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
    logger.setLevel(previous);
  }
}

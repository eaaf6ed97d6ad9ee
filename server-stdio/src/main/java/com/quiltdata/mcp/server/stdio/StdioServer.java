package com.quiltdata.mcp.server.stdio;

import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.tools.LogLevel;
import com.quiltdata.mcp.tools.engine.CallContext;
import com.quiltdata.mcp.tools.engine.EngineResponse;
import com.quiltdata.mcp.tools.engine.InboundMessage;
import com.quiltdata.mcp.tools.engine.McpEngine;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MCP over stdio: newline-delimited JSON-RPC, UTF-8, one message per line in and out. Only protocol
 * messages are written to the output; logs go to stderr (see {@code logback.xml}). The principal is
 * fixed for the process. {@link #run()} returns when the input ends.
 *
 * <p>Tool calls run on a small worker pool so that {@code notifications/cancelled} can be read
 * while they run; everything else is answered in order on the reading thread. A call's
 * notifications ({@code notifications/progress}, {@code notifications/message} at or above the
 * level set with {@code logging/setLevel}, default {@code info}) are written as lines before its
 * response. At end of input running calls get a bounded grace period to finish and answer.
 */
public final class StdioServer {
  private static final Logger LOG = LoggerFactory.getLogger(StdioServer.class);
  private static final String CANCELLATION_SCOPE = "stdio";

  private final McpEngine engine;
  private final Principal principal;
  private final InputStream input;
  private final OutputStream output;
  private final int workers;
  private final Duration shutdownGrace;
  private final Object writeLock = new Object();
  private volatile String negotiatedVersion;
  private volatile LogLevel logLevel;
  private volatile boolean outputBroken;

  private StdioServer(Builder b) {
    this.engine = b.engine;
    this.principal = b.principal;
    this.input = b.input;
    this.output = new BufferedOutputStream(b.output, 64 * 1024);
    this.workers = b.workers;
    this.shutdownGrace = b.shutdownGrace;
  }

  /**
   * Starts a builder.
   *
   * @param engine the protocol engine
   * @param principal the desktop principal every message runs as
   */
  public static Builder builder(McpEngine engine, Principal principal) {
    return new Builder(engine, principal);
  }

  /**
   * Serves until the input ends (or the output breaks).
   *
   * @throws IOException if reading the input fails
   */
  public void run() throws IOException {
    ExecutorService pool = newPool();
    Semaphore slots = new Semaphore(workers * 4);
    LineReader reader = new LineReader(input, engine.limits().maxBodyBytes());
    LOG.info("stdio server ready (principal {})", principal);
    try {
      LineReader.Line line;
      while (!outputBroken && (line = reader.next()) != null) {
        if (line.oversized()) {
          write(
              "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":"
                  + "\"Request too large: a message line exceeds "
                  + engine.limits().maxBodyBytes()
                  + " bytes\"}}");
          continue;
        }
        if (isBlank(line.bytes())) {
          continue;
        }
        dispatch(engine.parse(line.bytes()), pool, slots);
      }
    } finally {
      pool.shutdown();
      try {
        if (!pool.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn("tool calls still running at end of input; abandoning them");
          pool.shutdownNow();
        }
      } catch (InterruptedException e) {
        pool.shutdownNow();
        Thread.currentThread().interrupt();
      }
      flushQuietly();
      LOG.info("stdio input ended; server stopping");
    }
  }

  private void dispatch(InboundMessage message, ExecutorService pool, Semaphore slots) {
    boolean slow =
        message.kind() == InboundMessage.Kind.BATCH
            || (message.kind() == InboundMessage.Kind.REQUEST
                && "tools/call".equals(message.method().orElse(null)));
    if (!slow) {
      answer(message);
      return;
    }
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try {
      pool.execute(
          () -> {
            try {
              answer(message);
            } finally {
              slots.release();
            }
          });
    } catch (RejectedExecutionException e) {
      slots.release();
      answer(message);
    }
  }

  private void answer(InboundMessage message) {
    CallContext context =
        CallContext.stdio()
            .principal(principal)
            .negotiatedVersion(negotiatedVersion)
            .cancellationScope(CANCELLATION_SCOPE)
            .logLevel(logLevel)
            .notifications(this::write)
            .build();
    EngineResponse response = engine.handle(message, context);
    if (response.createsSession()) {
      negotiatedVersion = response.newSessionVersion().orElseThrow();
    }
    response.newLogLevel().ifPresent(level -> logLevel = level);
    response.body().ifPresent(this::write);
  }

  private void write(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    synchronized (writeLock) {
      if (outputBroken) {
        return;
      }
      try {
        output.write(bytes);
        output.write('\n');
        output.flush();
      } catch (IOException e) {
        outputBroken = true;
        LOG.warn("stdout is closed; stopping");
      }
    }
  }

  private void flushQuietly() {
    synchronized (writeLock) {
      try {
        output.flush();
      } catch (IOException e) {
        outputBroken = true;
      }
    }
  }

  private ExecutorService newPool() {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        workers,
        workers,
        30,
        TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(),
        r -> {
          Thread t = new Thread(r, "mcp-stdio-tool-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private final McpEngine engine;
    private final Principal principal;
    private InputStream input = System.in;
    private OutputStream output;
    private int workers = 4;
    private Duration shutdownGrace = Duration.ofSeconds(10);

    private Builder(McpEngine engine, Principal principal) {
      this.engine = Objects.requireNonNull(engine, "engine");
      this.principal = Objects.requireNonNull(principal, "principal");
    }

    /** The input to read messages from (default {@code System.in}). */
    public Builder input(InputStream input) {
      this.input = Objects.requireNonNull(input, "input");
      return this;
    }

    /** The output protocol messages are written to (required: pass the real stdout). */
    public Builder output(OutputStream output) {
      this.output = Objects.requireNonNull(output, "output");
      return this;
    }

    /** Threads running tool calls concurrently: 1 .. 64 (default 4). */
    public Builder workers(int workers) {
      if (workers < 1 || workers > 64) {
        throw new IllegalArgumentException("workers must be between 1 and 64");
      }
      this.workers = workers;
      return this;
    }

    /** How long running tool calls may finish after end of input: 0 .. 5 min (default 10 s). */
    public Builder shutdownGrace(Duration grace) {
      Objects.requireNonNull(grace, "shutdownGrace");
      if (grace.isNegative() || grace.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("shutdownGrace must be between 0 and 5 minutes");
      }
      this.shutdownGrace = grace;
      return this;
    }

    /** Builds the server. */
    public StdioServer build() {
      if (output == null) {
        throw new IllegalStateException("output is required");
      }
      return new StdioServer(this);
    }
  }
}

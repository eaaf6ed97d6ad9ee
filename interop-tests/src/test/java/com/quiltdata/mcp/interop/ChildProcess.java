package com.quiltdata.mcp.interop;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts child processes for the interop tests with a predictable environment and bounded waits.
 * Output goes to files under {@link InteropEnvironment#logDir()} (no pipes to fill up), and only
 * bounded tails are read back.
 */
final class ChildProcess {
  /** How much of an output file is read back. */
  static final int TAIL_CHARS = 64 * 1024;

  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  private ChildProcess() {}

  /**
   * What a finished (or timed-out and killed) process left behind.
   *
   * @param exitCode the exit status, or -1 after a timeout
   * @param timedOut whether the process was killed for exceeding its time
   * @param stdout the tail of standard output
   * @param stderr the tail of standard error
   * @param elapsed wall time until the process ended or was killed
   */
  record Outcome(int exitCode, boolean timedOut, String stdout, String stderr, Duration elapsed) {
    /** A multi-line account for assertion messages. */
    String describe() {
      return (timedOut ? "timed out after " + elapsed.toSeconds() + " s" : "exit " + exitCode)
          + "\n--- stdout (tail) ---\n"
          + tail(stdout, 6_000)
          + "\n--- stderr (tail) ---\n"
          + tail(stderr, 6_000);
    }

    /** The last non-blank line of standard output. */
    String lastStdoutLine() {
      String[] lines = stdout.strip().split("\\R");
      return lines[lines.length - 1];
    }
  }

  /**
   * Runs a process to completion, killing it (and its descendants) after {@code timeout}.
   *
   * @param env variables to set; inherited {@code MCP_*} and {@code QUILT_*} variables are removed
   *     first so a developer's shell cannot change what the test sees
   * @param logName base name of the output files
   */
  static Outcome run(
      ProcessBuilder builder, Map<String, String> env, Duration timeout, String logName)
      throws IOException {
    long started = System.nanoTime();
    Process process = start(builder, env, logName);
    boolean finished;
    try {
      finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finished = false;
    } finally {
      stop(process, Duration.ZERO);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    return new Outcome(
        finished ? process.exitValue() : -1,
        !finished,
        readTail(outFile(logName)),
        readTail(errFile(logName)),
        elapsed);
  }

  /** Starts a long-running process; pair with {@link #stop}. */
  static Process start(ProcessBuilder builder, Map<String, String> env, String logName)
      throws IOException {
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(k -> k.startsWith("MCP_") || k.startsWith("QUILT_"));
    environment.putAll(env);
    builder.redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.redirectOutput(outFile(logName).toFile());
    builder.redirectError(errFile(logName).toFile());
    Process process = builder.start();
    process.getOutputStream().close(); // no input: stdin at end of file
    return process;
  }

  /**
   * Stops a process and its descendants: a polite termination, {@code grace} to exit, then a forced
   * kill. Waits a bounded time; never throws.
   */
  static void stop(Process process, Duration grace) {
    if (process == null) {
      return;
    }
    try {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      if (!grace.isZero() && process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** Standard output file of a process started with {@code logName}. */
  static Path outFile(String logName) {
    return InteropEnvironment.logDir().resolve(logName + ".out.log");
  }

  /** Standard error file of a process started with {@code logName}. */
  static Path errFile(String logName) {
    return InteropEnvironment.logDir().resolve(logName + ".err.log");
  }

  /** The last {@link #TAIL_CHARS} bytes of a file as UTF-8 text ("" when missing). */
  static String readTail(Path file) {
    if (!Files.isRegularFile(file)) {
      return "";
    }
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long length = f.length();
      int n = (int) Math.min(length, TAIL_CHARS);
      byte[] bytes = new byte[n];
      f.seek(length - n);
      f.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(could not read " + file + ": " + e.getMessage() + ")";
    }
  }

  private static String tail(String text, int max) {
    return text.length() <= max ? text : "..." + text.substring(text.length() - max);
  }
}

package com.quiltdata.mcp.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs {@code quilt-mcp-diag} in-process through the real picocli command line with captured
 * streams. The canaries are always in the environment; outputs go to the {@link Canaries} guard.
 */
public final class CliRun {
  /** What one run produced. */
  public record Result(int exit, String out, String err) {
    /** stdout and stderr together, for "never shown anywhere" assertions. */
    public String all() {
      return out + "\n" + err;
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private final Canaries guard;
  private final Map<String, String> env = new HashMap<>();
  private InputStream stdin = InputStream.nullInputStream();
  private Clock clock = Clock.systemUTC();
  private Function<String, char[]> prompt;

  private CliRun(Canaries guard) {
    this.guard = guard;
    env.put(Canaries.SECRET_VARIABLE, Canaries.SECRET);
    env.put(Canaries.TOKEN_VARIABLE, Canaries.TOKEN);
  }

  /** A run reporting to {@code guard}. */
  public static CliRun with(Canaries guard) {
    return new CliRun(guard);
  }

  /** Adds environment variables. */
  public CliRun env(Map<String, String> vars) {
    env.putAll(vars);
    return this;
  }

  /** Adds one environment variable. */
  public CliRun env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Sets stdin (forbidden in the output when it is token-sized). */
  public CliRun stdin(String text) {
    Canaries.forbid(text);
    this.stdin = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Sets stdin to a stream (for failing inputs). */
  public CliRun stdin(InputStream stream) {
    this.stdin = stream;
    return this;
  }

  /** Sets the clock. */
  public CliRun clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** Makes stdin an interactive terminal answering the hidden prompt with {@code typed}. */
  public CliRun terminal(String typed) {
    Canaries.forbid(typed);
    this.prompt = p -> typed.toCharArray();
    return this;
  }

  /** Runs the command line. */
  public Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext.Builder b =
        CliContext.builder()
            .env(env)
            .stdin(stdin)
            .clock(clock)
            .out(new PrintStream(out, true, StandardCharsets.UTF_8))
            .err(new PrintStream(err, true, StandardCharsets.UTF_8));
    if (prompt != null) {
      b.hiddenPrompt(prompt);
    }
    int exit = Main.run(args, b.build());
    Result r =
        new Result(
            exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    guard.captured(r.out());
    guard.captured(r.err());
    return r;
  }

  /** Runs with the arguments of a list. */
  public Result run(List<String> args) {
    return run(args.toArray(new String[0]));
  }
}

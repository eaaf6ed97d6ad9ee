package com.quiltdata.mcp.cli;

import java.io.ByteArrayInputStream;
import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything a command reads from or writes to its surroundings: environment, standard streams,
 * terminal and clock. {@link #system()} is the real process; tests build one with captured streams,
 * a map as environment and a fixed clock. Immutable.
 */
public final class CliContext {
  private final Map<String, String> env;
  private final InputStream stdin;
  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;
  private final Function<String, char[]> hiddenPrompt;

  private CliContext(Builder b) {
    this.env = Map.copyOf(b.env);
    this.stdin = b.stdin;
    this.out = b.out;
    this.err = b.err;
    this.clock = b.clock;
    this.hiddenPrompt = b.hiddenPrompt;
  }

  /** The real process: {@code System.getenv()}, {@code System.in/out/err}, the UTC clock. */
  public static CliContext system() {
    Console console = System.console();
    Builder b =
        builder()
            .env(System.getenv())
            .stdin(System.in)
            .out(System.out)
            .err(System.err)
            .clock(Clock.systemUTC());
    if (console != null && isTerminal(console)) {
      b.hiddenPrompt(prompt -> console.readPassword("%s", prompt));
    }
    return b.build();
  }

  /**
   * Up to JDK 21 a console exists only for a terminal; from JDK 22 one may exist for redirected
   * streams too, and {@code Console.isTerminal()} (looked up reflectively, as this code targets 17)
   * tells them apart.
   */
  private static boolean isTerminal(Console console) {
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return true;
    }
  }

  /** Starts a context with an empty environment, empty stdin, no terminal and the UTC clock. */
  public static Builder builder() {
    return new Builder();
  }

  /** The environment variables (immutable). */
  public Map<String, String> env() {
    return env;
  }

  /** Standard input. */
  public InputStream stdin() {
    return stdin;
  }

  /** Standard output: results (and, for {@code mint}, the token). */
  public PrintStream out() {
    return out;
  }

  /** Standard error: warnings, errors, hints. */
  public PrintStream err() {
    return err;
  }

  /** The source of "now". */
  public Clock clock() {
    return clock;
  }

  /** Whether stdin is an interactive terminal on which input can be read without echo. */
  public boolean interactive() {
    return hiddenPrompt != null;
  }

  /**
   * Reads one line from the terminal without echoing it.
   *
   * @throws IllegalStateException when not {@linkplain #interactive() interactive}
   */
  public char[] readHidden(String prompt) {
    if (hiddenPrompt == null) {
      throw new IllegalStateException("stdin is not an interactive terminal");
    }
    return hiddenPrompt.apply(prompt);
  }

  @Override
  public String toString() {
    return "CliContext[env=" + env.size() + " variables, interactive=" + interactive() + "]";
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private Map<String, String> env = Map.of();
    private InputStream stdin = new ByteArrayInputStream(new byte[0]);
    private PrintStream out = System.out;
    private PrintStream err = System.err;
    private Clock clock = Clock.systemUTC();
    private Function<String, char[]> hiddenPrompt;

    private Builder() {}

    /** Sets the environment (copied; null values are not allowed). */
    public Builder env(Map<String, String> env) {
      this.env = Objects.requireNonNull(env, "env");
      return this;
    }

    /** Sets standard input. */
    public Builder stdin(InputStream stdin) {
      this.stdin = Objects.requireNonNull(stdin, "stdin");
      return this;
    }

    /** Sets standard input to the UTF-8 bytes of {@code text}. */
    public Builder stdin(String text) {
      return stdin(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sets standard output. */
    public Builder out(PrintStream out) {
      this.out = Objects.requireNonNull(out, "out");
      return this;
    }

    /** Sets standard error. */
    public Builder err(PrintStream err) {
      this.err = Objects.requireNonNull(err, "err");
      return this;
    }

    /** Sets the clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Makes stdin an interactive terminal read through {@code prompt} (without echo). */
    public Builder hiddenPrompt(Function<String, char[]> prompt) {
      this.hiddenPrompt = Objects.requireNonNull(prompt, "prompt");
      return this;
    }

    /** Builds the context. */
    public CliContext build() {
      return new CliContext(this);
    }
  }
}

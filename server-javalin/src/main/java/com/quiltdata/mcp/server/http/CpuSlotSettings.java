package com.quiltdata.mcp.server.http;

import com.quiltdata.mcp.auth.CpuSlots;
import com.quiltdata.mcp.auth.EnvironmentReader;
import com.quiltdata.mcp.auth.EnvironmentVariable;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How many request threads may do CPU-bound work at once ({@link CpuSlots}): verification, the
 * session step, the engine and the tools' own computing, but not their waits on S3, the registry,
 * the catalog, Redis, Athena or a slow client, which give the slot back.
 *
 * <p>{@code auto} (the default) bounds platform request threads (Java 17-20, or virtual threads
 * turned off) at the number of processors the JVM sees, at least 2, and bounds nothing when
 * requests run on virtual threads (Java 21+): their scheduler already runs only as many at once as
 * there are processors, and a virtual thread blocked on I/O gives its carrier back, which is what
 * the slots do for platform threads (measured: slots on virtual threads only slowed the first
 * seconds of load, docs/performance.md).
 *
 * @param slots 1 .. {@value CpuSlots#MAX_SLOTS}, or 0 for no bound ({@code MCP_CPU_SLOTS}: {@code
 *     auto}, {@code off} or a number)
 * @param maxWait the longest a request waits for a slot before it runs without one ({@code
 *     MCP_CPU_SLOT_WAIT_MS}, 1 ms .. 10 s, default 500 ms)
 */
record CpuSlotSettings(int slots, Duration maxWait) {
  /** {@code MCP_CPU_SLOTS}. */
  static final EnvironmentVariable SLOTS = EnvironmentVariable.text("MCP_CPU_SLOTS", "auto");

  /** {@code MCP_CPU_SLOT_WAIT_MS}. */
  static final EnvironmentVariable WAIT_MS =
      EnvironmentVariable.integer("MCP_CPU_SLOT_WAIT_MS", 1, CpuSlots.MAX_WAIT.toMillis(), 500);

  /** Every variable {@link #fromEnvironment} reads. */
  static final List<EnvironmentVariable> VARIABLES = List.of(SLOTS, WAIT_MS);

  /** Validates both fields and names the bad one. */
  CpuSlotSettings {
    if (slots < 0 || slots > CpuSlots.MAX_SLOTS) {
      throw new IllegalArgumentException("slots must be between 0 and " + CpuSlots.MAX_SLOTS);
    }
    Objects.requireNonNull(maxWait, "maxWait");
    if (maxWait.toMillis() < WAIT_MS.min() || maxWait.toMillis() > WAIT_MS.max()) {
      throw new IllegalArgumentException("maxWait must be between 1 ms and 10 s");
    }
  }

  /**
   * Reads {@link #VARIABLES}.
   *
   * @param processors the processors the JVM sees
   * @param virtualThreads whether requests run on virtual threads
   * @throws IllegalArgumentException naming the variable (never its value)
   */
  static CpuSlotSettings fromEnvironment(
      Map<String, String> env, int processors, boolean virtualThreads) {
    EnvironmentReader reader = EnvironmentReader.of(env);
    String raw = reader.text(SLOTS);
    String value = raw == null ? SLOTS.defaultValue() : raw.trim().toLowerCase(Locale.ROOT);
    int slots;
    if (value.equals("auto")) {
      slots = virtualThreads ? 0 : Math.max(2, Math.min(processors, CpuSlots.MAX_SLOTS));
    } else if (value.equals("off")) {
      slots = 0;
    } else {
      try {
        slots = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        slots = -1;
      }
      if (slots < 1 || slots > CpuSlots.MAX_SLOTS) {
        throw new IllegalArgumentException(
            SLOTS.name() + " must be auto, off or an integer between 1 and " + CpuSlots.MAX_SLOTS);
      }
    }
    return new CpuSlotSettings(slots, Duration.ofMillis(reader.integer(WAIT_MS)));
  }

  /** The slots these settings describe ({@link CpuSlots#OFF} for 0). */
  CpuSlots create() {
    return slots == 0 ? CpuSlots.OFF : CpuSlots.of(slots, maxWait);
  }
}

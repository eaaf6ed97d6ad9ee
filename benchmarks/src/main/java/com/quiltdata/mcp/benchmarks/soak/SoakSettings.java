package com.quiltdata.mcp.benchmarks.soak;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The soak's settings, from environment variables (all optional). Every bound is checked and a bad
 * value names its variable.
 *
 * @param jar the server jar ({@code SOAK_SERVER_JAR})
 * @param soakMinutes how long the soak runs at the fixed rate ({@code SOAK_MINUTES}, 0 skips it)
 * @param rate requests per second of the soak and the faults; 0 means half the measured peak
 *     ({@code SOAK_RATE})
 * @param peakSeconds how long the closed loop measures the peak ({@code SOAK_PEAK_SECONDS})
 * @param peakConcurrency requests in flight while measuring the peak ({@code
 *     SOAK_PEAK_CONCURRENCY})
 * @param warmupSeconds closed loop before the peak is measured ({@code SOAK_WARMUP_SECONDS})
 * @param sampleSeconds seconds between samples ({@code SOAK_SAMPLE_SECONDS})
 * @param faults whether the fault pass runs ({@code SOAK_FAULTS}, {@code 1} or {@code 0})
 * @param faultSeconds how long each fault lasts ({@code SOAK_FAULT_SECONDS}); Redis is stopped for
 *     10 s, the SSM outage lasts at least one refresh interval and 5 s
 * @param recoverySeconds the bound for recovery after healing ({@code SOAK_RECOVERY_SECONDS})
 * @param refreshSeconds the replicas' secret refresh interval ({@code SOAK_REFRESH_SECONDS}, 30 is
 *     the server's minimum)
 * @param users users whose tokens are minted ({@code SOAK_USERS})
 * @param sessions legacy sessions kept open ({@code SOAK_SESSIONS})
 * @param tokenSeconds seconds between fresh tokens ({@code SOAK_TOKEN_SECONDS})
 * @param heap each replica's {@code -Xmx} ({@code SOAK_HEAP})
 * @param faultOnly the faults to run by name, comma-separated ({@code SOAK_FAULT_ONLY}); empty: all
 */
record SoakSettings(
    Path jar,
    int soakMinutes,
    double rate,
    int peakSeconds,
    int peakConcurrency,
    int warmupSeconds,
    int sampleSeconds,
    boolean faults,
    int faultSeconds,
    int recoverySeconds,
    int refreshSeconds,
    int users,
    int sessions,
    int tokenSeconds,
    String heap,
    Set<String> faultOnly) {

  SoakSettings {
    check("SOAK_MINUTES", soakMinutes, 0, 240);
    if (!(rate >= 0 && rate <= 5_000)) {
      throw new IllegalArgumentException("SOAK_RATE must be between 0 and 5000");
    }
    check("SOAK_PEAK_SECONDS", peakSeconds, 5, 300);
    check("SOAK_PEAK_CONCURRENCY", peakConcurrency, 1, 256);
    check("SOAK_WARMUP_SECONDS", warmupSeconds, 0, 600);
    check("SOAK_SAMPLE_SECONDS", sampleSeconds, 2, 600);
    check("SOAK_FAULT_SECONDS", faultSeconds, 5, 300);
    check("SOAK_RECOVERY_SECONDS", recoverySeconds, 15, 600);
    check("SOAK_REFRESH_SECONDS", refreshSeconds, 30, 3600);
    check("SOAK_USERS", users, 1, 100);
    check("SOAK_SESSIONS", sessions, 2, 5_000);
    check("SOAK_TOKEN_SECONDS", tokenSeconds, 1, 3600);
    if (heap == null || !heap.matches("[1-9][0-9]{0,5}[mMgG]")) {
      throw new IllegalArgumentException("SOAK_HEAP must look like 256m or 1g");
    }
    faultOnly = Set.copyOf(faultOnly);
  }

  static SoakSettings from(Map<String, String> env) {
    return new SoakSettings(
        Path.of(env.getOrDefault("SOAK_SERVER_JAR", "server-javalin/target/quilt-mcp-server.jar")),
        integer(env, "SOAK_MINUTES", 10),
        number(env, "SOAK_RATE", 0),
        integer(env, "SOAK_PEAK_SECONDS", 20),
        integer(env, "SOAK_PEAK_CONCURRENCY", 16),
        integer(env, "SOAK_WARMUP_SECONDS", 30),
        integer(env, "SOAK_SAMPLE_SECONDS", 10),
        !"0".equals(env.getOrDefault("SOAK_FAULTS", "1")),
        integer(env, "SOAK_FAULT_SECONDS", 25),
        integer(env, "SOAK_RECOVERY_SECONDS", 75),
        integer(env, "SOAK_REFRESH_SECONDS", 30),
        integer(env, "SOAK_USERS", 5),
        integer(env, "SOAK_SESSIONS", 64),
        integer(env, "SOAK_TOKEN_SECONDS", 5),
        env.getOrDefault("SOAK_HEAP", "256m"),
        names(env.getOrDefault("SOAK_FAULT_ONLY", "")));
  }

  private static Set<String> names(String list) {
    Set<String> out = new TreeSet<>();
    for (String n : list.split(",")) {
      if (!n.isBlank()) {
        out.add(n.trim());
      }
    }
    return out;
  }

  private static int integer(Map<String, String> env, String name, int fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number");
    }
  }

  private static double number(Map<String, String> env, String name, double fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number");
    }
  }

  private static void check(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
    }
  }
}

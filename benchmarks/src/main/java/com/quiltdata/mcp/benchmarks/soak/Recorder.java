package com.quiltdata.mcp.benchmarks.soak;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the load generator saw: per replica, the latencies of the current sampling window; per phase
 * (warm-up, soak, each fault and its recovery), the outcomes counted by kind and detail; and per
 * second of the run, how many answers were good and how many were not (to find when a dependency's
 * recovery was complete). Bounded: windows are drained every sample, the per-second arrays cover
 * {@link #MAX_SECONDS}, and details are short fixed texts chosen by {@link ResponseCheck}.
 */
final class Recorder {
  /** The longest run the per-second counts cover (4 h). */
  static final int MAX_SECONDS = 4 * 3600;

  /** Most latencies one window keeps per replica (later ones are counted, not kept). */
  static final int MAX_WINDOW = 200_000;

  /** One window of one replica. */
  record Window(int requests, int errors, double p50Ms, double p99Ms) {}

  private final long startNanos = System.nanoTime();
  private final long[][] latencies;
  private final int[] filled;
  private final int[] requests;
  private final int[] errors;
  private final AtomicLongArray good = new AtomicLongArray(MAX_SECONDS);
  private final AtomicLongArray bad = new AtomicLongArray(MAX_SECONDS);
  private final Map<String, Map<String, AtomicLong>> phases = new ConcurrentHashMap<>();
  private volatile String phase = "start";

  Recorder(int replicas) {
    latencies = new long[replicas][MAX_WINDOW];
    filled = new int[replicas];
    requests = new int[replicas];
    errors = new int[replicas];
  }

  /** Names the phase later outcomes are counted in. */
  void phase(String name) {
    this.phase = name;
  }

  String phase() {
    return phase;
  }

  /** Seconds since the recorder was made. */
  int second() {
    return (int) ((System.nanoTime() - startNanos) / 1_000_000_000L);
  }

  /**
   * Records one answer.
   *
   * @param replica index of the replica that was asked
   * @param outcome what the answer was
   * @param detail the reason or the operation, a short fixed text
   */
  void record(int replica, ResponseCheck.Outcome outcome, String detail, long nanos) {
    boolean ok = outcome == ResponseCheck.Outcome.OK;
    synchronized (this) {
      requests[replica]++;
      if (!ok) {
        errors[replica]++;
      }
      if (filled[replica] < MAX_WINDOW) {
        latencies[replica][filled[replica]++] = nanos;
      }
    }
    int s = Math.min(second(), MAX_SECONDS - 1);
    (ok ? good : bad).incrementAndGet(s);
    phases
        .computeIfAbsent(phase, p -> new ConcurrentHashMap<>())
        .computeIfAbsent(outcome + " " + detail, k -> new AtomicLong())
        .incrementAndGet();
  }

  /** The window of one replica since the last call, then starts a new one. */
  synchronized Window drain(int replica) {
    long[] copy = Arrays.copyOf(latencies[replica], filled[replica]);
    Window w =
        new Window(requests[replica], errors[replica], percentile(copy, 50), percentile(copy, 99));
    filled[replica] = 0;
    requests[replica] = 0;
    errors[replica] = 0;
    return w;
  }

  /** Outcomes of one phase by {@code "OUTCOME detail"}. */
  Map<String, Long> outcomes(String name) {
    Map<String, Long> out = new TreeMap<>();
    phases.getOrDefault(name, Map.of()).forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** Answers in a phase that were not {@code OK} of the given outcome. */
  long count(String name, ResponseCheck.Outcome outcome) {
    long n = 0;
    for (Map.Entry<String, AtomicLong> e : phases.getOrDefault(name, Map.of()).entrySet()) {
      if (e.getKey().startsWith(outcome.name() + " ")) {
        n += e.getValue().get();
      }
    }
    return n;
  }

  long good(int second) {
    return good.get(Math.min(second, MAX_SECONDS - 1));
  }

  long bad(int second) {
    return bad.get(Math.min(second, MAX_SECONDS - 1));
  }

  private static double percentile(long[] values, int p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(values);
    int i = (int) Math.ceil(p / 100.0 * values.length) - 1;
    return values[Math.max(0, Math.min(values.length - 1, i))] / 1e6;
  }
}

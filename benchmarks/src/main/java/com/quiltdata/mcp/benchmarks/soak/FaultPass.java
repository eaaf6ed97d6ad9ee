package com.quiltdata.mcp.benchmarks.soak;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The faults, one at a time under the running load: each is applied, held, healed, and then the
 * pass waits for the recovery. A fault passes when (1) it took effect (its evidence counter moved:
 * delayed chunks, reset connections, or session-store 503s), (2) every answer during the fault and
 * the recovery was good or a clean retryable error ({@link ResponseCheck}), (3) {@code /healthz} of
 * every replica answered 200 with JSON throughout, and (4) ten seconds in a row without an error
 * began within the recovery bound after healing.
 */
final class FaultPass {
  /** One fault. */
  record Fault(String name, Runnable apply, Runnable heal, int seconds, LongSupplier evidence) {}

  private static final int QUIET_SECONDS = 10;

  private final SoakStack stack;
  private final Recorder recorder;
  private final LeakScanner scanner;
  private final HttpClient client;
  private final SoakSettings settings;
  private final PrintStream out;

  FaultPass(
      SoakStack stack,
      Recorder recorder,
      LeakScanner scanner,
      HttpClient client,
      SoakSettings settings,
      PrintStream out) {
    this.stack = stack;
    this.recorder = recorder;
    this.scanner = scanner;
    this.client = client;
    this.settings = settings;
    this.out = out;
  }

  List<Fault> faults() {
    int hold = settings.faultSeconds();
    List<Fault> f = new ArrayList<>();
    FaultProxy registry = stack.registryProxy;
    FaultProxy s3 = stack.s3Proxy;
    FaultProxy ssm = stack.ssmProxy;
    f.add(slow("registry-slow-2s", registry, hold));
    f.add(down("registry-down", registry, hold));
    f.add(slow("s3-slow-2s", s3, hold));
    f.add(down("s3-down", s3, hold));
    f.add(down("ssm-down-at-refresh", ssm, Math.max(hold, settings.refreshSeconds() + 5)));
    f.add(slow("ssm-slow-2s-at-refresh", ssm, settings.refreshSeconds() + 5));
    f.add(slow("redis-slow-2s", stack.redisProxy, 10));
    f.add(down("redis-unreachable-10s", stack.redisProxy, 10));
    f.add(
        new Fault(
            "redis-stopped-10s",
            stack.redis::stop,
            stack.redis::start,
            10,
            () -> sessionStoreErrors("fault:redis-stopped-10s")));
    return f;
  }

  private static Fault slow(String name, FaultProxy proxy, int seconds) {
    return new Fault(
        name,
        () -> {
          proxy.delay(Duration.ofSeconds(2));
          proxy.mode(FaultProxy.Mode.DELAY);
        },
        () -> proxy.mode(FaultProxy.Mode.PASS),
        seconds,
        proxy::delayed);
  }

  private static Fault down(String name, FaultProxy proxy, int seconds) {
    return new Fault(
        name,
        () -> proxy.mode(FaultProxy.Mode.DOWN),
        () -> proxy.mode(FaultProxy.Mode.PASS),
        seconds,
        proxy::reset);
  }

  private long sessionStoreErrors(String phase) {
    long n = 0;
    for (Map.Entry<String, Long> e : recorder.outcomes(phase).entrySet()) {
      if (e.getKey().contains("session_store_unavailable")) {
        n += e.getValue();
      }
    }
    return n;
  }

  /** Runs every fault; returns whether all passed. */
  boolean run() throws InterruptedException {
    boolean all = true;
    for (Fault f : faults()) {
      if (settings.faultOnly().isEmpty() || settings.faultOnly().contains(f.name())) {
        all &= run(f);
      }
    }
    return all;
  }

  private boolean run(Fault f) throws InterruptedException {
    String faultPhase = "fault:" + f.name();
    String recoveryPhase = "recovery:" + f.name();
    long evidenceBefore = f.evidence().getAsLong();
    int[] health = new int[1];
    recorder.phase(faultPhase);
    out.printf(Locale.ROOT, "fault %s: applied for %d s%n", f.name(), f.seconds());
    f.apply().run();
    long end = System.nanoTime() + Duration.ofSeconds(f.seconds()).toNanos();
    while (System.nanoTime() < end) {
      health[0] += probeHealth();
      Thread.sleep(1000);
    }
    long evidence = f.evidence().getAsLong() - evidenceBefore;
    f.heal().run();
    recorder.phase(recoveryPhase);
    int healed = recorder.second();
    int recoveredAt = -1;
    int lastBad = -1;
    long deadline = System.nanoTime() + Duration.ofSeconds(settings.recoverySeconds()).toNanos();
    while (System.nanoTime() < deadline) {
      health[0] += probeHealth();
      Thread.sleep(1000);
      int now = recorder.second();
      for (int s = healed; s < now; s++) {
        if (recorder.bad(s) > 0) {
          lastBad = Math.max(lastBad, s);
        }
      }
      int quietFrom = Math.max(lastBad + 1, healed);
      long good = 0;
      for (int s = quietFrom; s < now; s++) {
        good += recorder.good(s);
      }
      if (now - quietFrom >= QUIET_SECONDS && good > 0) {
        recoveredAt = quietFrom - healed;
        break;
      }
    }
    long bad =
        recorder.count(faultPhase, ResponseCheck.Outcome.BAD)
            + recorder.count(recoveryPhase, ResponseCheck.Outcome.BAD);
    List<String> failed = new ArrayList<>();
    if (evidence <= 0) {
      failed.add("the fault had no visible effect");
    }
    if (bad > 0) {
      failed.add(bad + " answers that were not clean retryable errors");
    }
    if (health[0] > 0) {
      failed.add(health[0] + " /healthz probes not 200 with JSON");
    }
    if (recoveredAt < 0) {
      failed.add(
          "no " + QUIET_SECONDS + " s without errors within " + settings.recoverySeconds() + " s");
    }
    out.printf(
        Locale.ROOT,
        "fault %s: evidence %d, during: %s%n  recovery: %s; errors until %s s after healing:"
            + " %s%n",
        f.name(),
        evidence,
        recorder.outcomes(faultPhase),
        recorder.outcomes(recoveryPhase),
        recoveredAt < 0 ? "?" : Integer.toString(recoveredAt),
        failed.isEmpty() ? "PASS" : "FAIL (" + String.join("; ", failed) + ")");
    return failed.isEmpty();
  }

  /** Asks every replica's {@code /healthz}; returns how many answers were not 200 with JSON. */
  private int probeHealth() {
    int wrong = 0;
    for (Replica r : stack.replicas) {
      try {
        HttpResponse<String> h =
            client.send(
                HttpRequest.newBuilder(r.base().resolve("/healthz"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        scanner.scan("healthz", h.body());
        if (h.statusCode() != 200 || ResponseCheck.parse(h) == null) {
          wrong++;
        }
      } catch (IOException e) {
        wrong++;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return wrong + 1;
      }
    }
    return wrong;
  }
}

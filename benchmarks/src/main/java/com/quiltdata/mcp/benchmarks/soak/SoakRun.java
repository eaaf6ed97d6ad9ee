package com.quiltdata.mcp.benchmarks.soak;

import com.quiltdata.mcp.jwt.SigningKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The soak and fault run of issue 14 (started by {@code benchmarks/soak/run-soak.sh}): two server
 * replicas sharing a Redis session store, real local dependencies behind fault proxies, a fixed
 * rate of mixed requests; first the peak is measured, then the soak at half of it with a sample
 * every interval, then the faults. Exits 0 when every check passed, 1 when one failed, 2 on a bad
 * setting. Loopback only; every phase is bounded in time, every buffer in size.
 */
public final class SoakRun {
  private SoakRun() {}

  public static void main(String[] args) throws Exception {
    SoakSettings settings;
    try {
      settings = SoakSettings.from(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("soak: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (!Files.isRegularFile(settings.jar())) {
      System.err.println("soak: no server jar at " + settings.jar() + " (build it first)");
      System.exit(2);
    }
    Path dir = Files.createTempDirectory("quilt-mcp-soak");
    System.exit(new SoakRun().run(settings, dir, System.out) ? 0 : 1);
  }

  private boolean run(SoakSettings settings, Path dir, PrintStream out) throws Exception {
    out.println("soak: started " + Instant.now() + ", logs in " + dir);
    out.println("soak: " + settings);
    List<String> failures = new ArrayList<>();
    ExecutorService httpThreads = Executors.newFixedThreadPool(8, daemon("soak-http"));
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(httpThreads)
            .build();
    ScheduledExecutorService tokens =
        Executors.newSingleThreadScheduledExecutor(daemon("soak-tokens"));
    List<Path> logs;
    LeakScanner scanner;
    try (SoakStack stack =
        SoakStack.start(settings.jar(), dir, 2, settings.heap(), settings.refreshSeconds())) {
      logs = Replica.logs(stack.replicas);
      scanner = new LeakScanner(stack.secrets());
      Recorder recorder = new Recorder(stack.replicas.size());
      Traffic traffic =
          new Traffic(
              client,
              stack.mcpUrls(),
              SoakStack.BUCKET,
              SigningKey.ofUtf8(null, stack.signingSecret),
              settings.users(),
              settings.sessions(),
              scanner,
              recorder);
      recorder.phase("setup");
      traffic.openSessions();
      tokens.scheduleAtFixedRate(
          traffic::rotateTokens,
          settings.tokenSeconds(),
          settings.tokenSeconds(),
          TimeUnit.SECONDS);
      out.println(
          "soak: " + stack.replicas + " up; " + settings.sessions() + " legacy sessions open");
      try (LoadDriver driver = new LoadDriver(traffic, recorder)) {
        double rate = settings.rate();
        recorder.phase("warmup");
        driver.closedLoop(settings.peakConcurrency(), Duration.ofSeconds(settings.warmupSeconds()));
        recorder.phase("peak");
        driver.closedLoop(settings.peakConcurrency(), Duration.ofSeconds(settings.peakSeconds()));
        double peak =
            recorder.count("peak", ResponseCheck.Outcome.OK) / (double) settings.peakSeconds();
        out.printf(
            Locale.ROOT,
            "soak: peak %.0f good answers/s (closed loop of %d, %d s, after %d s warm-up); outcomes"
                + " %s%n",
            peak,
            settings.peakConcurrency(),
            settings.peakSeconds(),
            settings.warmupSeconds(),
            recorder.outcomes("peak"));
        if (rate == 0) {
          rate = Math.max(1, Math.floor(peak / 2));
        }
        out.printf(Locale.ROOT, "soak: fixed rate %.0f requests/s%n", rate);
        for (int i = 0; i < stack.replicas.size(); i++) {
          recorder.drain(i);
        }
        recorder.phase("soak");
        driver.fixedRate(rate);
        if (settings.soakMinutes() > 0) {
          if (!soak(settings, stack, recorder, out)) {
            failures.add("soak not flat");
          }
          out.println("soak: outcomes " + recorder.outcomes("soak"));
        }
        if (settings.faults()) {
          FaultPass faults = new FaultPass(stack, recorder, scanner, client, settings, out);
          if (!faults.run()) {
            failures.add("a fault check failed");
          }
        }
        recorder.phase("end");
        traffic.stop();
      }
      for (Replica r : stack.replicas) {
        if (!r.alive()) {
          failures.add(r.name() + " died");
        }
      }
    } finally {
      tokens.shutdownNow();
      httpThreads.shutdownNow();
    }
    for (Path log : logs) {
      long lines = scanner.scanFile("log " + log.getFileName(), log);
      out.println("soak: scanned " + lines + " lines of " + log + "; " + errorLines(log));
    }
    Map<String, Long> leaks = scanner.findings();
    out.println(
        "soak: leak scan of "
            + scanner.scanned()
            + " texts for "
            + scanner.tokenCount()
            + " tokens and 6 fixed secrets: "
            + (leaks.isEmpty() ? "nothing found" : "FOUND " + leaks));
    if (!leaks.isEmpty()) {
      failures.add("secrets leaked");
    }
    out.println(
        "soak: finished "
            + Instant.now()
            + ": "
            + (failures.isEmpty() ? "PASS" : "FAIL " + failures));
    return failures.isEmpty();
  }

  private static boolean soak(
      SoakSettings settings, SoakStack stack, Recorder recorder, PrintStream out)
      throws IOException, InterruptedException {
    SoakTable table = new SoakTable();
    out.println(SoakTable.header());
    int start = recorder.second();
    long end = System.nanoTime() + Duration.ofMinutes(settings.soakMinutes()).toNanos();
    long next = System.nanoTime();
    while (System.nanoTime() < end) {
      next += Duration.ofSeconds(settings.sampleSeconds()).toNanos();
      long wait = next - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      for (int i = 0; i < stack.replicas.size(); i++) {
        Replica r = stack.replicas.get(i);
        Recorder.Window w = recorder.drain(i);
        SoakTable.Row row = new SoakTable.Row(recorder.second() - start, i, r.sample(), w);
        table.add(row);
        out.println(SoakTable.format(row, r.name()));
      }
    }
    out.println("soak: verdict rule: " + SoakTable.RULE);
    return table.verdict(stack.replicas.size(), out);
  }

  /** How many log lines are WARN or ERROR. */
  private static String errorLines(Path log) throws IOException {
    long warn = 0;
    long error = 0;
    try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.ISO_8859_1)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.contains(" WARN ")) {
          warn++;
        } else if (line.contains(" ERROR ")) {
          error++;
        }
      }
    }
    return warn + " WARN, " + error + " ERROR lines";
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}

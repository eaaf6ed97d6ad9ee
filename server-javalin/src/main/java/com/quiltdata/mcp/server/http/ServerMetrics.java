package com.quiltdata.mcp.server.http;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.auth.CpuSlots;
import com.quiltdata.mcp.auth.CredentialSource;
import com.quiltdata.mcp.auth.IssuedCredentials;
import com.quiltdata.mcp.auth.RegistryCredentialsBroker;
import com.quiltdata.mcp.auth.SessionStore;
import com.quiltdata.mcp.tools.engine.ProtocolVersions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * The server's meters, named after the OpenTelemetry MCP conventions, in one Prometheus registry.
 *
 * <ul>
 *   <li>{@code mcp.server.operation.duration} (seconds, the conventions' buckets) per MCP request,
 *       tagged {@code mcp.method.name}, {@code gen_ai.tool.name}, {@code error.type} ({@code
 *       tool_error} for {@code isError} results, the JSON-RPC code, or {@code http_<status>}) and
 *       {@code mcp.protocol.version};
 *   <li>{@code mcp.auth.failures} by reason, {@code mcp.http.rejected} by status, {@code
 *       mcp.registry.exchange.duration} by outcome, {@code mcp.credentials.cache.*}, {@code
 *       mcp.sessions.*}, and the JVM and Jetty binders.
 * </ul>
 *
 * <p>Every tag value comes from a closed set: known MCP methods and registered tool names (else
 * {@code other}, as the access log does), known protocol versions, status codes, typed reasons. No
 * tag ever holds a token, a subject, a session id or a bucket name. Thread-safe.
 */
final class ServerMetrics {
  /** The conventions' suggested buckets, in seconds. */
  static final List<Double> BUCKETS =
      List.of(0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0);

  static final String OPERATION = "mcp.server.operation.duration";

  private static final Set<String> VERSIONS =
      Set.of(
          ProtocolVersions.V2024_11_05,
          ProtocolVersions.V2025_03_26,
          ProtocolVersions.V2025_06_18,
          ProtocolVersions.V2025_11_25,
          ProtocolVersions.V2026_07_28);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  ServerMetrics() {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** Binds Jetty's thread pool and connection meters. */
  void bindJetty(Server server) {
    ThreadPool pool = server.getThreadPool();
    new JettyServerThreadPoolMetrics(pool, Tags.empty()).bindTo(registry);
    JettyConnectionMetrics.addToAllConnectors(server, registry);
  }

  /** Gauges of the session store's aggregate counts (a store that fails shows NaN). */
  void bindSessions(SessionStore store) {
    gauge("mcp.sessions.active", store, s -> s.stats().active(), "live legacy sessions");
    gauge(
        "mcp.sessions.anonymous",
        store,
        s -> s.stats().anonymous(),
        "live sessions not yet bound to a user");
  }

  /** The CPU slots: free, waited for, the wait in all and the overruns (none when off). */
  void bindCpuSlots(CpuSlots slots) {
    if (!slots.enabled()) {
      return;
    }
    Gauge.builder("mcp.cpu.slots.available", slots, CpuSlots::available)
        .description("CPU slots free right now (MCP_CPU_SLOTS)")
        .register(registry);
    Gauge.builder("mcp.cpu.slots.waiting", slots, CpuSlots::waiting)
        .description("requests waiting for a CPU slot right now")
        .register(registry);
    FunctionCounter.builder("mcp.cpu.slots.wait.seconds", slots, s -> s.waited().toNanos() / 1e9)
        .description("time requests spent waiting for CPU slots, in all")
        .register(registry);
    FunctionCounter.builder("mcp.cpu.slots.overruns", slots, CpuSlots::overruns)
        .description("requests that ran without a slot after MCP_CPU_SLOT_WAIT_MS")
        .register(registry);
  }

  /** Counters of the credential cache: hits, misses (exchanges started), waits (joined). */
  void bindCredentialCache(RegistryCredentialsBroker broker) {
    FunctionCounter.builder("mcp.credentials.cache.hits", broker, b -> b.cacheStats().hits())
        .description("credential look-ups answered from the cache")
        .register(registry);
    FunctionCounter.builder("mcp.credentials.cache.misses", broker, b -> b.cacheStats().misses())
        .description("credential look-ups that started a registry exchange")
        .register(registry);
    FunctionCounter.builder("mcp.credentials.cache.waits", broker, b -> b.cacheStats().waits())
        .description("credential look-ups that joined an exchange in flight")
        .register(registry);
    Gauge.builder("mcp.credentials.cache.tokens", broker, b -> b.cacheStats().tokens())
        .description("tokens with cached credentials")
        .register(registry);
  }

  /** The registry exchange, timed by outcome ({@code ok} or the typed reason). */
  CredentialSource meter(CredentialSource source) {
    return principal -> {
      long start = System.nanoTime();
      String outcome = "ok";
      try {
        IssuedCredentials issued = source.fetch(principal);
        return issued;
      } catch (AuthException e) {
        outcome = e.reason().name();
        throw e;
      } catch (RuntimeException e) {
        outcome = "error";
        throw e;
      } finally {
        Timer.builder("mcp.registry.exchange.duration")
            .description("token-for-credentials exchanges at the Quilt registry")
            .tag("outcome", outcome)
            .register(registry)
            .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      }
    };
  }

  /** Records one finished HTTP request from its access record. */
  void record(AccessRecord r, int status, Float executionMillis) {
    if (status >= 400) {
      Counter.builder("mcp.http.rejected")
          .description("requests answered with an error status")
          .tag("status", Integer.toString(status))
          .register(registry)
          .increment();
    }
    String refused = r.outcome();
    if (refused != null
        && (refused.startsWith("invalid_token") || refused.equals("expired_token"))) {
      Counter.builder("mcp.auth.failures")
          .description("bearer tokens refused, by reason")
          .tag("reason", refused.replace('/', '_'))
          .register(registry)
          .increment();
    }
    if (r.rpcMethod() == null || executionMillis == null) {
      return;
    }
    Timer.builder(OPERATION)
        .description("MCP requests, by method, tool and outcome")
        .serviceLevelObjectives(slos())
        .tag("mcp.method.name", tagValue(r.rpcMethod()))
        .tag("gen_ai.tool.name", r.tool() == null ? "" : tagValue(r.tool()))
        .tag("error.type", errorType(r, status))
        .tag("mcp.protocol.version", version(r.protocolVersion()))
        .register(registry)
        .record((long) (executionMillis.doubleValue() * 1_000_000L), TimeUnit.NANOSECONDS);
  }

  /** The Prometheus text exposition. */
  String scrape() {
    return registry.scrape();
  }

  /** The registry (for tests). */
  PrometheusMeterRegistry registry() {
    return registry;
  }

  /** {@code error.type}: {@code tool_error}, the JSON-RPC code, {@code http_<status>} or empty. */
  static String errorType(AccessRecord r, int status) {
    if (r.toolError()) {
      return "tool_error";
    }
    if (r.rpcError() != null) {
      return Integer.toString(r.rpcError());
    }
    return status >= 400 ? "http_" + status : "";
  }

  /** A known protocol version, else empty. */
  static String version(String header) {
    return header != null && VERSIONS.contains(header) ? header : "";
  }

  /** An access-record value as a label: {@code (other)} becomes {@code other}. */
  static String tagValue(String sanitized) {
    return "(other)".equals(sanitized) ? "other" : sanitized;
  }

  private static Duration[] slos() {
    Duration[] out = new Duration[BUCKETS.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Duration.ofNanos((long) (BUCKETS.get(i) * 1e9));
    }
    return out;
  }

  private <T> void gauge(String name, T target, ToDoubleFunction<T> value, String description) {
    Gauge.builder(
            name,
            target,
            t -> {
              try {
                return value.applyAsDouble(t);
              } catch (RuntimeException e) {
                return Double.NaN;
              }
            })
        .description(description)
        .register(registry);
  }
}

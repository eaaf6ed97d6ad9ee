package com.quiltdata.mcp.auth;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Spans of the calls made for a request (the registry credential exchange, the catalog's GraphQL),
 * without a tracing library here: the adapter that exports spans installs its {@link Tracer}; until
 * then (and when tracing is off) a call sends on the request's own {@link TraceParent#current()
 * trace} unchanged and records nothing.
 *
 * <pre>{@code
 * try (ClientSpans.Call call = ClientSpans.start("registry credentials", endpoint)) {
 *   call.traceparent().ifPresent(t -> request.header(TraceParent.HEADER, t.value()));
 *   ... send ...
 *   call.status(response.statusCode());
 * }
 * }</pre>
 *
 * <p>A span never names a token, a subject or a bucket: only the operation and the peer's host and
 * port. Thread-safe.
 */
public final class ClientSpans {
  private static final Tracer UNTRACED =
      (name, target) -> new Untraced(TraceParent.current().orElse(null));

  private static volatile Tracer tracer = UNTRACED;

  private ClientSpans() {}

  /** Starts the spans of outgoing calls; what an exporting adapter implements. */
  @FunctionalInterface
  public interface Tracer {
    /**
     * Starts a client span for a call to {@code target}, a child of the current thread's trace.
     *
     * @param name the operation, from a fixed set (never request data)
     * @param target the URL called (only its host and port may be recorded)
     */
    Call start(String name, URI target);
  }

  /** One outgoing call; closing it ends its span. */
  public interface Call extends AutoCloseable {
    /** The {@code traceparent} to send: the span's own, else the request's, else none. */
    Optional<TraceParent> traceparent();

    /** Records the HTTP status of the answer (4xx and 5xx mark the span as failed). */
    void status(int httpStatus);

    /**
     * Marks the call as failed.
     *
     * @param errorType a low-cardinality type, e.g. an exception's simple class name or a reason
     */
    void failed(String errorType);

    /** Ends the span. Idempotent. */
    @Override
    void close();
  }

  /** Starts a call with the installed tracer (the untraced one unless an adapter installed one). */
  public static Call start(String name, URI target) {
    return tracer.start(Objects.requireNonNull(name, "name"), Objects.requireNonNull(target));
  }

  /**
   * Installs the tracer of the process's outgoing calls.
   *
   * @return undoes the installation (back to untraced) when closed
   */
  public static Installation install(Tracer spans) {
    Objects.requireNonNull(spans, "spans");
    tracer = spans;
    return () -> {
      if (tracer == spans) {
        tracer = UNTRACED;
      }
    };
  }

  /** An installed tracer; closing it goes back to untraced calls. */
  @FunctionalInterface
  public interface Installation extends AutoCloseable {
    @Override
    void close();
  }

  /** The request's trace ({@code null}: none), passed on as it came. */
  private static final class Untraced implements Call {
    private final TraceParent trace;

    Untraced(TraceParent trace) {
      this.trace = trace;
    }

    @Override
    public Optional<TraceParent> traceparent() {
      return Optional.ofNullable(trace);
    }

    @Override
    public void status(int httpStatus) {}

    @Override
    public void failed(String errorType) {}

    @Override
    public void close() {}
  }
}

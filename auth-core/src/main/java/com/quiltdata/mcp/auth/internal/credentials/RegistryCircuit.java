package com.quiltdata.mcp.auth.internal.credentials;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A process-wide breaker for an unreachable registry. Per-token back-off alone still lets every
 * distinct token try once per window; when the registry is down for everybody, that is a stampede.
 * After {@code threshold} consecutive "unavailable" outcomes (across all tokens) the circuit opens
 * for a back-off delay; once the delay has passed a single probe is let through, and its outcome
 * closes or re-opens the circuit (with a doubled delay, bounded by the back-off maximum).
 *
 * <p>Any answer from the registry, even a refusal, proves it reachable and closes the circuit. Only
 * "unavailable" outcomes count: timeouts, connection failures, 5xx and 429 (a 4xx refusal is a
 * verdict on one token's request). A probe by a token the registry has never accepted decides
 * nothing when it fails: the slot is released for the next caller, so one user's odd token cannot
 * keep the circuit open for everybody.
 */
public final class RegistryCircuit {
  private final int threshold;
  private final ExponentialBackoff backoff;

  private int consecutiveUnavailable;
  private int openings;
  private Instant openUntil;
  private boolean probing;

  /**
   * Creates a closed circuit.
   *
   * @param threshold consecutive unavailable outcomes that open it (at least 1)
   * @param backoff how long it stays open after each successive opening
   */
  public RegistryCircuit(int threshold, ExponentialBackoff backoff) {
    if (threshold < 1) {
      throw new IllegalArgumentException("circuitThreshold must be at least 1");
    }
    this.threshold = threshold;
    this.backoff = Objects.requireNonNull(backoff, "backoff");
  }

  /**
   * Asks to call the registry now. A caller that gets {@code true} must report the outcome with
   * exactly one of {@link #onAnswer()}, {@link #onUnavailable(Instant, boolean)} or {@link
   * #onAbandoned()}.
   */
  public synchronized boolean tryAcquire(Instant now) {
    if (openUntil == null) {
      return true;
    }
    if (now.isBefore(openUntil) || probing) {
      return false;
    }
    probing = true;
    return true;
  }

  /** When the circuit lets a probe through again; {@code null} while closed. */
  public synchronized Instant openUntil() {
    return openUntil;
  }

  /** The registry answered (with credentials or with a verdict): it is reachable. */
  public synchronized void onAnswer() {
    consecutiveUnavailable = 0;
    openings = 0;
    openUntil = null;
    probing = false;
  }

  /**
   * The registry could not be reached, timed out, answered 5xx or 429.
   *
   * @param proven whether the registry has accepted this token before; a failed probe by an
   *     unproven token releases the probe without re-opening the circuit
   */
  public synchronized void onUnavailable(Instant now, boolean proven) {
    if (probing && !proven) {
      probing = false;
      return;
    }
    consecutiveUnavailable++;
    if (probing || consecutiveUnavailable >= threshold) {
      openings++;
      Duration delay = backoff.delayAfter(openings);
      openUntil = now.plus(delay);
      probing = false;
    }
  }

  /** The admitted call never reached the registry (for example the executor refused it). */
  public synchronized void onAbandoned() {
    probing = false;
  }

  @Override
  public synchronized String toString() {
    return "RegistryCircuit[" + (openUntil == null ? "closed" : "open until " + openUntil) + "]";
  }
}

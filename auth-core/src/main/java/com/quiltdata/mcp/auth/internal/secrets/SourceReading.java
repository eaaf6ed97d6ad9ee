package com.quiltdata.mcp.auth.internal.secrets;

import java.time.Instant;
import java.util.Arrays;

/**
 * One read of a secret source: the current secret text and, when the source keeps versions, the one
 * before it. Holds secret bytes: never logged; {@link #toString()} shows no value.
 */
public final class SourceReading {
  private final byte[] current;
  private final byte[] previous;
  private final Instant currentSince;
  private final String version;

  /**
   * Creates a reading (arrays are not copied; the reading owns them).
   *
   * @param current the current secret text (UTF-8 bytes, undecoded)
   * @param previous the version before it, or null
   * @param currentSince when the current version was written, or null when unknown
   * @param version a printable version label for logs (e.g. {@code 7}), or null
   */
  public SourceReading(byte[] current, byte[] previous, Instant currentSince, String version) {
    this.current = current;
    this.previous = previous;
    this.currentSince = currentSince;
    this.version = version;
  }

  /** The current secret text (UTF-8 bytes). */
  public byte[] current() {
    return current;
  }

  /** The previous version's secret text, or null. */
  public byte[] previous() {
    return previous;
  }

  /** When the current version was written, or null. */
  public Instant currentSince() {
    return currentSince;
  }

  /** The version label, or null. */
  public String version() {
    return version;
  }

  /** Overwrites the secret bytes once they have been turned into keys. */
  public void wipe() {
    Arrays.fill(current, (byte) 0);
    if (previous != null) {
      Arrays.fill(previous, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "SourceReading[version=" + version + ", previous=" + (previous != null) + "]";
  }
}

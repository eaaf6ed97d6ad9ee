package com.quiltdata.mcp.auth.internal.secrets;

import java.util.Optional;

/**
 * A conservative guess whether a secret was chosen by a human or a pattern rather than a random
 * generator. It can only ever warn: a short or guessable secret lets anyone forge tokens offline.
 *
 * <p>Signals, in order: few distinct byte values; the whole secret repeating a short pattern; an
 * estimated strength under {@value #MIN_BITS} bits, taking the smaller of (a) length times the
 * empirical Shannon entropy per byte and (b) length times log2 of the size of the character classes
 * present (lower, upper, digits, punctuation; any other byte counts as 256); or, for a secret made
 * of a single character class (word separators {@code - _ . space} aside, so a phrase like
 * "my-long-secret" counts as letters only), an estimate under {@value #MIN_BITS_SINGLE_CLASS} bits.
 * The reason returned describes the signal, never the secret.
 */
public final class EntropyCheck {
  /** Minimum estimated strength. */
  public static final int MIN_BITS = 128;

  /** Minimum estimated strength of a secret drawn from one character class only. */
  public static final int MIN_BITS_SINGLE_CLASS = 192;

  private static final int MIN_DISTINCT = 8;
  private static final String SEPARATORS = "-_. ";

  private EntropyCheck() {}

  /** Why the key looks weak, or empty when nothing obvious is wrong. */
  public static Optional<String> weakness(byte[] key) {
    int[] counts = new int[256];
    for (byte b : key) {
      counts[b & 0xff]++;
    }
    int distinct = 0;
    double shannon = 0;
    for (int c : counts) {
      if (c > 0) {
        distinct++;
        double p = (double) c / key.length;
        shannon -= p * (Math.log(p) / Math.log(2));
      }
    }
    if (distinct < MIN_DISTINCT) {
      return Optional.of("it uses only " + distinct + " distinct byte values");
    }
    int period = shortestPeriod(key);
    if (period <= key.length / 2) {
      return Optional.of("it repeats a pattern of " + period + " bytes");
    }
    int classes = 0;
    int alphabet = 0;
    boolean[] seen = classesPresent(key);
    int[] sizes = {26, 26, 10, 33};
    for (int i = 0; i < sizes.length; i++) {
      if (seen[i]) {
        classes++;
        alphabet += sizes[i];
      }
    }
    if (seen[5]) {
      alphabet += SEPARATORS.length();
    }
    if (seen[4]) {
      classes++;
      alphabet = 256;
    }
    double byClasses = key.length * (Math.log(alphabet) / Math.log(2));
    long estimate = Math.round(Math.min(shannon * key.length, byClasses));
    if (estimate < MIN_BITS) {
      return Optional.of("its estimated strength is about " + estimate + " bits");
    }
    if (classes == 1 && estimate < MIN_BITS_SINGLE_CLASS) {
      return Optional.of(
          "it uses a single character class and its estimated strength is about "
              + estimate
              + " bits");
    }
    return Optional.empty();
  }

  /** The smallest p such that key[i] == key[i - p] for all i >= p (KMP failure function). */
  private static int shortestPeriod(byte[] key) {
    int[] border = new int[key.length];
    int k = 0;
    for (int i = 1; i < key.length; i++) {
      while (k > 0 && key[i] != key[k]) {
        k = border[k - 1];
      }
      if (key[i] == key[k]) {
        k++;
      }
      border[i] = k;
    }
    return key.length - border[key.length - 1];
  }

  /**
   * Lower, upper, digit, ASCII punctuation, other (non-ASCII or control), word separator. Word
   * separators do not count as a class of their own: "my-secret-key" is one class of letters.
   */
  private static boolean[] classesPresent(byte[] key) {
    boolean[] seen = new boolean[6];
    for (byte b : key) {
      int c = b & 0xff;
      if (SEPARATORS.indexOf(c) >= 0) {
        seen[5] = true;
      } else if (c >= 'a' && c <= 'z') {
        seen[0] = true;
      } else if (c >= 'A' && c <= 'Z') {
        seen[1] = true;
      } else if (c >= '0' && c <= '9') {
        seen[2] = true;
      } else if (c >= 0x20 && c < 0x7f) {
        seen[3] = true;
      } else {
        seen[4] = true;
      }
    }
    return seen;
  }
}

package com.quiltdata.mcp.auth.internal.secrets;

import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.KeyRing.RetiredKey;
import com.quiltdata.mcp.jwt.SigningKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds key rings for rotation: a current key plus previous keys, each with its own deadline.
 * Drops keys whose deadline has passed and keys identical to the current one, merges duplicates
 * (keeping the later deadline) and keeps at most {@value #MAX_PREVIOUS} previous keys, those with
 * the latest deadlines.
 */
public final class Rotation {
  /** Previous keys a ring holds at most (the limit of {@link KeyRing}). */
  public static final int MAX_PREVIOUS = 4;

  private Rotation() {}

  /** A ring of {@code current} and the still-live, distinct {@code previous} keys. */
  public static KeyRing ring(SigningKey current, List<RetiredKey> previous, Instant now) {
    List<RetiredKey> kept = new ArrayList<>();
    for (RetiredKey candidate : previous) {
      if (!now.isBefore(candidate.acceptedUntil()) || candidate.key().sameKeyAs(current)) {
        continue;
      }
      int same = indexOfSame(kept, candidate.key());
      if (same < 0) {
        kept.add(candidate);
      } else if (candidate.acceptedUntil().isAfter(kept.get(same).acceptedUntil())) {
        kept.set(same, candidate);
      }
    }
    kept.sort(Comparator.comparing(RetiredKey::acceptedUntil).reversed());
    KeyRing ring = KeyRing.of(current);
    for (RetiredKey r : kept.subList(0, Math.min(MAX_PREVIOUS, kept.size()))) {
      ring = ring.withPrevious(r.key(), r.acceptedUntil());
    }
    return ring;
  }

  /** How many previous keys of {@code ring} are still accepted at {@code now}. */
  public static int livePrevious(KeyRing ring, Instant now) {
    int live = 0;
    for (RetiredKey r : ring.previous()) {
      if (now.isBefore(r.acceptedUntil())) {
        live++;
      }
    }
    return live;
  }

  /** Whether {@code ring} holds a previous key whose deadline has passed at {@code now}. */
  public static boolean hasExpired(KeyRing ring, Instant now) {
    return livePrevious(ring, now) < ring.previous().size();
  }

  private static int indexOfSame(List<RetiredKey> keys, SigningKey key) {
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i).key().sameKeyAs(key)) {
        return i;
      }
    }
    return -1;
  }
}

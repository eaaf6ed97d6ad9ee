package com.quiltdata.mcp.jwt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The keys a verifier may check a signature with: one current key and, during a rotation, previous
 * keys each accepted only until its own deadline.
 *
 * <p>Immutable. A token naming a {@code kid} is checked only against keys with exactly that id; a
 * token without a {@code kid} is checked against every live key, current first.
 */
public final class KeyRing {
  /** A previous key and the instant after which tokens signed with it are refused. */
  public record RetiredKey(SigningKey key, Instant acceptedUntil) {
    /** Validates both parts are present. */
    public RetiredKey {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(acceptedUntil, "acceptedUntil");
    }
  }

  private static final int MAX_RETIRED = 4;

  private final SigningKey current;
  private final List<RetiredKey> retired;

  private KeyRing(SigningKey current, List<RetiredKey> retired) {
    this.current = current;
    this.retired = List.copyOf(retired);
  }

  /** A ring holding only the current key. */
  public static KeyRing of(SigningKey current) {
    return new KeyRing(Objects.requireNonNull(current, "current"), List.of());
  }

  /**
   * A new ring with an additional previous key accepted until {@code acceptedUntil}. A previous key
   * identical to the current one is ignored.
   */
  public KeyRing withPrevious(SigningKey previous, Instant acceptedUntil) {
    RetiredKey entry = new RetiredKey(previous, acceptedUntil);
    if (previous.sameKeyAs(current)) {
      return this;
    }
    if (retired.size() >= MAX_RETIRED) {
      throw new IllegalArgumentException("at most " + MAX_RETIRED + " previous keys are supported");
    }
    List<RetiredKey> next = new ArrayList<>(retired);
    next.add(entry);
    return new KeyRing(current, next);
  }

  /** The key new tokens are signed with and that is always accepted. */
  public SigningKey current() {
    return current;
  }

  /** Previous keys with their deadlines (immutable). */
  public List<RetiredKey> previous() {
    return retired;
  }

  /**
   * Keys a token may be checked against at {@code now}: current first, then previous keys whose
   * deadline has not passed. When the token names a {@code kid} and any key in the ring has an id,
   * only exact matches qualify; when no key has an id, the token's {@code kid} selects nothing.
   */
  List<SigningKey> candidates(String keyId, Instant now) {
    boolean byId = keyId != null && anyKeyIds();
    List<SigningKey> out = new ArrayList<>(1 + retired.size());
    if (!byId || keyId.equals(current.keyId())) {
      out.add(current);
    }
    for (RetiredKey r : retired) {
      if (now.isBefore(r.acceptedUntil()) && (!byId || keyId.equals(r.key().keyId()))) {
        out.add(r.key());
      }
    }
    return out;
  }

  private boolean anyKeyIds() {
    if (current.keyId() != null) {
      return true;
    }
    for (RetiredKey r : retired) {
      if (r.key().keyId() != null) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "KeyRing[current=" + current + ", previous=" + retired.size() + "]";
  }
}

package com.quiltdata.mcp.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.jwt.internal.StrictJson;
import com.quiltdata.mcp.jwt.internal.UntrustedJson;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A token taken apart for display, trusting none of it: nothing here says the token is authentic,
 * current or meant for this server (that is {@link JwtVerifier}'s job), and nothing here ever
 * returns the token text or its signature.
 *
 * <p>Safe on hostile input: {@link #decode} never throws; input longer than {@value
 * #MAX_INPUT_CHARS} characters is not decoded at all; header and payload are decoded only when they
 * are strict base64url and read with the verifier's strict JSON reader (duplicate keys rejected,
 * nesting and numbers bounded). What is shown is a bounded copy (depth, members, items, string
 * lengths and total values capped), with characters that could hide or reorder text replaced, and
 * the values of credential-like members ({@code secret}, {@code password}, {@code token}, {@code
 * jwk}, ...) and strings that look like tokens or AWS access keys redacted. Problems are fixed
 * sentences that quote no input.
 */
public final class UnverifiedToken {
  /** Longest input that is decoded at all, in characters. */
  public static final int MAX_INPUT_CHARS = 65_536;

  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final int length;
  private final int segments;
  private final int signatureLength;
  private final String fingerprint;
  private final ObjectNode header;
  private final ObjectNode claims;
  private final List<String> problems;
  private final boolean shortened;
  private final int redacted;

  private UnverifiedToken(Decoding d, String fingerprint) {
    this.length = d.length;
    this.segments = d.segments;
    this.signatureLength = d.signatureLength;
    this.fingerprint = fingerprint;
    this.header = d.header;
    this.claims = d.claims;
    this.problems = List.copyOf(d.problems);
    this.shortened = d.shortened;
    this.redacted = d.redacted;
  }

  /**
   * Takes a compact token apart. Never throws; {@code null} is treated as empty.
   *
   * @param text the token text (without any {@code Bearer } prefix)
   */
  public static UnverifiedToken decode(String text) {
    String token = text == null ? "" : text;
    Decoding d = new Decoding();
    d.length = token.length();
    String fingerprint = fingerprintOf(token);
    if (token.isEmpty()) {
      d.problems.add("the token is empty");
    } else if (token.length() > MAX_INPUT_CHARS) {
      d.problems.add(
          "the token is longer than " + MAX_INPUT_CHARS + " characters; it was not decoded");
    } else {
      d.read(token);
    }
    return new UnverifiedToken(d, fingerprint);
  }

  /**
   * {@code sha256:} and the first 12 hex digits of the SHA-256 of the text's UTF-8 bytes: for a
   * token of visible ASCII the same as auth-core's {@code BearerToken.fingerprint()}, so a token
   * can be named in output and logs without being shown.
   */
  public static String fingerprintOf(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
    }
  }

  /** Length of the text in characters. */
  public int length() {
    return length;
  }

  /** Number of dot-separated segments (3 for a signed token, 5 for an encrypted one). */
  public int segments() {
    return segments;
  }

  /** Length of the signature segment of a three-segment token (43 for HS256), else 0. */
  public int signatureLength() {
    return signatureLength;
  }

  /** See {@link #fingerprintOf(String)}. */
  public String fingerprint() {
    return fingerprint;
  }

  /** The header as a display-safe copy, when it could be decoded. */
  public Optional<ObjectNode> header() {
    return Optional.ofNullable(header == null ? null : header.deepCopy());
  }

  /** The payload (claims) as a display-safe copy, when it could be decoded. */
  public Optional<ObjectNode> claims() {
    return Optional.ofNullable(claims == null ? null : claims.deepCopy());
  }

  /** A shown header member as text (sanitised), if it is a string. */
  public Optional<String> headerText(String name) {
    return text(header, name);
  }

  /** A shown claim as text (sanitised), if it is a string. */
  public Optional<String> claimText(String name) {
    return text(claims, name);
  }

  /**
   * A numeric date claim ({@code exp}, {@code iat}, {@code nbf}) as an instant, if it is a number
   * of seconds within 0 .. 9999-12-31.
   */
  public Optional<Instant> claimDate(String name) {
    JsonNode node = claims == null ? null : claims.get(name);
    if (node == null || !node.isNumber()) {
      return Optional.empty();
    }
    double seconds = node.doubleValue();
    if (!(seconds >= 0 && seconds <= ClaimsReader.MAX_EPOCH_SECONDS)) {
      return Optional.empty();
    }
    return Optional.of(Instant.ofEpochSecond((long) Math.floor(seconds)));
  }

  /** Why the header or payload could not be shown (fixed sentences, no input quoted). */
  public List<String> problems() {
    return problems;
  }

  /** Whether the copies leave anything out (long strings, many members, deep nesting). */
  public boolean shortened() {
    return shortened;
  }

  /** How many values the copies redacted. */
  public int redactedValues() {
    return redacted;
  }

  private static Optional<String> text(ObjectNode node, String name) {
    JsonNode value = node == null ? null : node.get(name);
    return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
  }

  @Override
  public String toString() {
    return "UnverifiedToken[" + fingerprint + ", segments=" + segments + "]";
  }

  /** Mutable state of one decoding. */
  private static final class Decoding {
    int length;
    int segments;
    int signatureLength;
    ObjectNode header;
    ObjectNode claims;
    final List<String> problems = new ArrayList<>(4);
    boolean shortened;
    int redacted;

    void read(String token) {
      List<int[]> bounds = new ArrayList<>(5);
      int start = 0;
      for (int i = 0; i <= token.length(); i++) {
        if (i == token.length() || token.charAt(i) == '.') {
          if (bounds.size() < 6) {
            bounds.add(new int[] {start, i});
          }
          segments++;
          start = i + 1;
        }
      }
      if (segments == 5) {
        problems.add(
            "the token has five segments: it is encrypted (JWE); the payload is not shown");
      } else if (segments != 3) {
        problems.add(
            "the token has "
                + segments
                + " dot-separated segment(s); a signed token (JWS) has exactly three");
      }
      if (segments == 3) {
        int[] sig = bounds.get(2);
        signatureLength = sig[1] - sig[0];
      }
      if (segments < 2) {
        return;
      }
      header = part(token, bounds.get(0), "header");
      if (segments == 3) {
        claims = part(token, bounds.get(1), "payload");
      }
    }

    private ObjectNode part(String token, int[] bounds, String name) {
      String segment = token.substring(bounds[0], bounds[1]);
      byte[] bytes = strictBase64Url(segment);
      if (bytes == null) {
        problems.add("the " + name + " segment is not strict base64url (A-Z a-z 0-9 - _, no '=')");
        return null;
      }
      JsonNode node;
      try {
        node = StrictJson.readObject(bytes, name);
      } catch (JwtVerificationException e) {
        problems.add(e.getMessage());
        return null;
      } catch (RuntimeException e) {
        problems.add("the token " + name + " could not be read as JSON");
        return null;
      }
      UntrustedJson.Copy copy = UntrustedJson.copy((ObjectNode) node);
      shortened |= copy.shortened();
      redacted += copy.redacted();
      return copy.value();
    }

    private static byte[] strictBase64Url(String segment) {
      if (segment.isEmpty() || segment.length() % 4 == 1) {
        return null;
      }
      for (int i = 0; i < segment.length(); i++) {
        char c = segment.charAt(i);
        boolean ok =
            (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '_';
        if (!ok) {
          return null;
        }
      }
      try {
        ByteBuffer decoded =
            DECODER.decode(ByteBuffer.wrap(segment.getBytes(StandardCharsets.US_ASCII)));
        byte[] out = new byte[decoded.remaining()];
        decoded.get(out);
        return out;
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }
}

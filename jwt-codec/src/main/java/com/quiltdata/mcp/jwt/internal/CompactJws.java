package com.quiltdata.mcp.jwt.internal;

import com.quiltdata.mcp.jwt.JwtVerificationException;
import com.quiltdata.mcp.jwt.JwtVerificationException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A compact JWS split into its three segments after the strict format check that runs before any
 * parsing: exactly three non-empty segments of {@code [A-Za-z0-9_-]}, no padding, every segment's
 * last character canonical (unused bits zero). Once the header has named HS256, {@link
 * #requireHs256Signature()} insists on a signature of exactly 43 characters (32 bytes).
 *
 * <p>Because the accepted form is unique per byte string, a token has exactly one spelling; caches
 * keyed by the token text cannot be flooded with equivalent variants.
 */
public final class CompactJws {
  /** Length of a base64url HS256 signature without padding. */
  public static final int SIGNATURE_CHARS = 43;

  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final int[] VALUES = new int[128];

  static {
    java.util.Arrays.fill(VALUES, -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < alphabet.length(); i++) {
      VALUES[alphabet.charAt(i)] = i;
    }
  }

  private final String token;
  private final byte[] ascii;
  private final int firstDot;
  private final int secondDot;

  private CompactJws(String token, int firstDot, int secondDot) {
    this.token = token;
    // parse() admitted base64url characters and dots only, for which ISO-8859-1 equals US-ASCII
    // and is a plain copy rather than a per-character check.
    this.ascii = token.getBytes(StandardCharsets.ISO_8859_1);
    this.firstDot = firstDot;
    this.secondDot = secondDot;
  }

  /**
   * Checks the strict compact form.
   *
   * @throws JwtVerificationException {@code TOO_LARGE} over {@code maxLength}, {@code MALFORMED}
   *     for anything that is not a strict three-segment compact JWS (a five-segment JWE is reported
   *     as {@code UNSUPPORTED_ALGORITHM})
   */
  public static CompactJws parse(String token, int maxLength) {
    if (token == null || token.isEmpty()) {
      throw malformed("the token is empty");
    }
    if (token.length() > maxLength) {
      throw new JwtVerificationException(
          Reason.TOO_LARGE, "the token is longer than the configured limit of " + maxLength);
    }
    int firstDot = -1;
    int secondDot = -1;
    int dots = 0;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '.') {
        dots++;
        if (dots == 1) {
          firstDot = i;
        } else if (dots == 2) {
          secondDot = i;
        }
      } else if (c >= 128 || VALUES[c] < 0) {
        throw malformed("the token contains a character outside base64url [A-Za-z0-9_-]");
      }
    }
    if (dots == 4) {
      throw new JwtVerificationException(
          Reason.UNSUPPORTED_ALGORITHM,
          "encrypted tokens (JWE) are not accepted; send a HS256 JWS");
    }
    if (dots != 2) {
      throw malformed("a compact JWS has exactly three dot-separated segments");
    }
    checkSegment(token, 0, firstDot, "header");
    checkSegment(token, firstDot + 1, secondDot, "payload");
    checkSegment(token, secondDot + 1, token.length(), "signature");
    return new CompactJws(token, firstDot, secondDot);
  }

  private static void checkSegment(String token, int from, int to, String name) {
    int length = to - from;
    if (length == 0) {
      throw malformed("the " + name + " segment is empty");
    }
    int rem = length % 4;
    if (rem == 1) {
      throw malformed("the " + name + " segment has an impossible base64url length");
    }
    if (rem != 0) {
      int last = VALUES[token.charAt(to - 1)];
      int unusedBitsMask = rem == 2 ? 0x0f : 0x03;
      if ((last & unusedBitsMask) != 0) {
        throw malformed(
            "the " + name + " segment is not canonical base64url (non-zero unused bits)");
      }
    }
  }

  /**
   * Checks the signature segment has the one length a HS256 MAC can have.
   *
   * @throws JwtVerificationException {@code MALFORMED} otherwise
   */
  public void requireHs256Signature() {
    if (token.length() - secondDot - 1 != SIGNATURE_CHARS) {
      throw malformed("the signature segment must be exactly 43 base64url characters (HS256)");
    }
  }

  /** The decoded header bytes (JSON text, not yet parsed). */
  public byte[] header() {
    return decode(0, firstDot);
  }

  /** The decoded payload bytes. */
  public byte[] payload() {
    return decode(firstDot + 1, secondDot);
  }

  /** The decoded 32-byte signature. */
  public byte[] signature() {
    return decode(secondDot + 1, token.length());
  }

  /**
   * The ASCII bytes of the whole token, shared and not copied: the signing input {@code
   * header.payload} is its first {@link #signingInputLength()} bytes. Callers must not modify it.
   */
  public byte[] asciiBytes() {
    return ascii;
  }

  /** Length of the signing input {@code header.payload} within {@link #asciiBytes()}. */
  public int signingInputLength() {
    return secondDot;
  }

  /** The whole token, exactly as checked. */
  public String token() {
    return token;
  }

  private byte[] decode(int from, int to) {
    ByteBuffer decoded = DECODER.decode(ByteBuffer.wrap(ascii, from, to - from));
    byte[] out = new byte[decoded.remaining()];
    decoded.get(out);
    return out;
  }

  private static JwtVerificationException malformed(String message) {
    return new JwtVerificationException(Reason.MALFORMED, message);
  }
}

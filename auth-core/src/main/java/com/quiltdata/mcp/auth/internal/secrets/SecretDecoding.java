package com.quiltdata.mcp.auth.internal.secrets;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.auth.AuthException.Reason;
import com.quiltdata.mcp.auth.SecretSettings;
import com.quiltdata.mcp.auth.SecretSettings.Encoding;
import com.quiltdata.mcp.jwt.SigningKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * Turns secret text into key bytes and enforces the minimum length. Error messages name where the
 * secret came from and its length, never any of its bytes.
 */
public final class SecretDecoding {
  private SecretDecoding() {}

  /**
   * Decodes {@code raw} (the secret text as UTF-8 bytes) into key bytes.
   *
   * @param location the variable name, file path or SSM parameter name, for messages
   * @return fresh key bytes of at least {@link SigningKey#MIN_SECRET_BYTES}; the caller wipes them
   * @throws AuthException {@link Reason#CONFIGURATION} for bad base64 or a short secret
   */
  public static byte[] decode(byte[] raw, Encoding encoding, String location) {
    if (raw.length > SecretSettings.MAX_SECRET_VALUE_BYTES) {
      throw new AuthException(
          Reason.CONFIGURATION,
          "the JWT secret from "
              + location
              + " is larger than "
              + SecretSettings.MAX_SECRET_VALUE_BYTES
              + " bytes");
    }
    byte[] key = encoding == Encoding.BASE64 ? strictBase64(raw, location) : raw.clone();
    if (key.length < SigningKey.MIN_SECRET_BYTES) {
      int length = key.length;
      Arrays.fill(key, (byte) 0);
      throw new AuthException(
          Reason.CONFIGURATION,
          "the JWT secret from "
              + location
              + " is "
              + length
              + " bytes"
              + (encoding == Encoding.BASE64 ? " after base64 decoding" : "")
              + "; HS256 needs at least "
              + SigningKey.MIN_SECRET_BYTES
              + " bytes (generate one with: openssl rand -base64 48)");
    }
    return key;
  }

  /** Checks that {@code raw} decodes to a usable key, without keeping the key bytes. */
  public static void check(byte[] raw, Encoding encoding, String location) {
    Arrays.fill(decode(raw, encoding, location), (byte) 0);
  }

  /**
   * Standard-alphabet base64 with mandatory padding and zero unused bits: exactly the strings the
   * JDK encoder produces. The JDK decoder alone accepts missing padding and non-zero trailing bits.
   */
  private static byte[] strictBase64(byte[] raw, String location) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(raw);
    } catch (IllegalArgumentException e) {
      throw notBase64(location);
    }
    byte[] canonical = Base64.getEncoder().encode(decoded);
    boolean same = Arrays.equals(canonical, raw);
    Arrays.fill(canonical, (byte) 0);
    if (!same) {
      Arrays.fill(decoded, (byte) 0);
      throw notBase64(location);
    }
    return decoded;
  }

  private static AuthException notBase64(String location) {
    return new AuthException(
        Reason.CONFIGURATION,
        "the JWT secret from "
            + location
            + " is not strict base64 (MCP_JWT_SECRET_ENCODING=base64 expects the standard"
            + " alphabet A-Z a-z 0-9 + / with '=' padding, no whitespace or line breaks)");
  }
}

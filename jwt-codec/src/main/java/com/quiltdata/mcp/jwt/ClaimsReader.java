package com.quiltdata.mcp.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.jwt.JwtVerificationException.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads typed values out of a token payload whose signature has been verified. Every rule of the
 * claim model lives here: explicit claims before short forms (never merged), the subject fallback
 * chain, overflow-safe numeric dates, and bounds on every list.
 */
final class ClaimsReader {
  /**
   * 9999-12-31T23:59:59Z: the largest numeric date accepted; beyond it arithmetic could overflow.
   */
  static final long MAX_EPOCH_SECONDS = 253_402_300_799L;

  private static final int MAX_AUDIENCES = 16;
  private static final String[] SUBJECT_CLAIMS = {"sub", "id", "uuid"};
  private static final String[] ENHANCED_MARKERS = {
    "sub",
    "iss",
    "aud",
    "buckets",
    "permissions",
    "roles",
    "scope",
    "level",
    "b",
    "p",
    "r",
    "s",
    "l"
  };

  private final ClaimLimits limits;

  ClaimsReader(ClaimLimits limits) {
    this.limits = limits;
  }

  /**
   * {@code exp}, {@code iat} or {@code nbf} as an instant; {@code null} when absent and optional.
   */
  static Instant numericDate(JsonNode payload, String name, boolean required) {
    JsonNode node = payload.get(name);
    if (node == null) {
      if (required) {
        throw invalid("the token has no '" + name + "' claim; it is required");
      }
      return null;
    }
    if (!node.isNumber()) {
      throw invalid("the '" + name + "' claim must be a number of seconds since the epoch");
    }
    long seconds;
    if (node.isIntegralNumber()) {
      if (!node.canConvertToLong()) {
        throw invalid("the '" + name + "' claim is out of range");
      }
      seconds = node.longValue();
    } else {
      double value = node.doubleValue();
      if (!Double.isFinite(value) || value < 0 || value > MAX_EPOCH_SECONDS) {
        throw invalid("the '" + name + "' claim is out of range");
      }
      seconds = (long) Math.floor(value);
    }
    if (seconds < 0 || seconds > MAX_EPOCH_SECONDS) {
      throw invalid("the '" + name + "' claim is out of range");
    }
    return Instant.ofEpochSecond(seconds);
  }

  /** {@code sub}, else {@code id}, else {@code uuid}. */
  String subject(JsonNode payload) {
    for (String name : SUBJECT_CLAIMS) {
      JsonNode node = payload.get(name);
      if (node != null && !node.isNull()) {
        String value = node.isNumber() && !"sub".equals(name) ? node.asText() : text(node, name);
        if (value.isEmpty() || hasControl(value)) {
          throw invalid("the '" + name + "' claim must be a non-empty printable string");
        }
        return value;
      }
    }
    throw invalid("the token names no user: one of 'sub', 'id' or 'uuid' is required");
  }

  /** {@code iss} or {@code null}. */
  String optionalText(JsonNode payload, String name) {
    JsonNode node = payload.get(name);
    return node == null || node.isNull() ? null : text(node, name);
  }

  /** {@code aud}: a string or an array of strings. */
  List<String> audiences(JsonNode payload) {
    JsonNode node = payload.get("aud");
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (node.isTextual()) {
      return List.of(text(node, "aud"));
    }
    return stringArray(node, "aud", MAX_AUDIENCES);
  }

  /** Buckets from {@code buckets}, else {@code b}; invalid names dropped with a warning. */
  List<String> buckets(JsonNode payload, List<String> warnings) {
    String name = payload.hasNonNull("buckets") ? "buckets" : "b";
    JsonNode node = payload.get(name);
    if (node == null || node.isNull()) {
      return List.of();
    }
    List<String> decoded = BucketListCodec.decode(node, limits);
    List<String> valid = new ArrayList<>(decoded.size());
    int dropped = 0;
    boolean star = false;
    for (String bucket : decoded) {
      if (BucketNames.isValid(bucket)) {
        valid.add(bucket);
      } else {
        dropped++;
        star |= "*".equals(bucket);
      }
    }
    if (dropped > 0) {
      warnings.add(
          "dropped "
              + dropped
              + " bucket name(s) that are not valid S3 bucket names"
              + (star ? " ('*' is not a wildcard and grants nothing)" : ""));
    }
    return valid;
  }

  /** Actions from {@code permissions}, else {@code p}, abbreviations expanded. */
  List<String> permissions(JsonNode payload, List<String> warnings) {
    String name = payload.hasNonNull("permissions") ? "permissions" : "p";
    JsonNode node = payload.get(name);
    if (node == null || node.isNull()) {
      return List.of();
    }
    PermissionAbbreviations.Expansion expansion =
        PermissionAbbreviations.expand(stringArray(node, name, limits.maxPermissions()));
    if (!expansion.dropped().isEmpty()) {
      warnings.add(
          "dropped unknown permission abbreviation(s): " + String.join(", ", expansion.dropped()));
    }
    return expansion.actions();
  }

  /** Roles from {@code roles}, else {@code r}: an array of strings or a single string. */
  List<String> roles(JsonNode payload) {
    String name = payload.hasNonNull("roles") ? "roles" : "r";
    JsonNode node = payload.get(name);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (node.isTextual()) {
      return List.of(text(node, name));
    }
    return stringArray(node, name, limits.maxRoles());
  }

  /** {@code scope} else {@code s}, or {@code level} else {@code l}: a string (or a number). */
  String explicitOrShort(JsonNode payload, String explicit, String shortForm) {
    String name = payload.hasNonNull(explicit) ? explicit : shortForm;
    JsonNode node = payload.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isNumber()) {
      return node.asText();
    }
    return text(node, name);
  }

  /** Native tokens carry only {@code id}/{@code uuid} and {@code exp}. */
  static TokenKind kind(JsonNode payload) {
    for (String marker : ENHANCED_MARKERS) {
      if (payload.hasNonNull(marker)) {
        return TokenKind.ENHANCED;
      }
    }
    return TokenKind.NATIVE;
  }

  private String text(JsonNode node, String name) {
    if (!node.isTextual()) {
      throw invalid("the '" + name + "' claim must be a string");
    }
    String value = node.textValue();
    if (value.length() > limits.maxStringLength()) {
      throw new JwtVerificationException(
          Reason.TOO_LARGE, "the '" + name + "' claim is longer than the configured limit");
    }
    return value;
  }

  private List<String> stringArray(JsonNode node, String name, int max) {
    if (!node.isArray()) {
      throw invalid("the '" + name + "' claim must be an array of strings");
    }
    if (node.size() > max) {
      throw new JwtVerificationException(
          Reason.TOO_LARGE, "the '" + name + "' claim has more entries than the limit of " + max);
    }
    List<String> out = new ArrayList<>(node.size());
    for (JsonNode element : node) {
      out.add(text(element, name));
    }
    return out;
  }

  private static boolean hasControl(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  private static JwtVerificationException invalid(String message) {
    return new JwtVerificationException(Reason.INVALID_CLAIMS, message);
  }
}

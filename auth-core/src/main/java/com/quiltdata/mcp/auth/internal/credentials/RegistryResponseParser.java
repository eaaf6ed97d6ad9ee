package com.quiltdata.mcp.auth.internal.credentials;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.auth.AuthException.Reason;
import com.quiltdata.mcp.auth.IssuedCredentials;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Reads the registry's JSON answers. Nothing parsed here is ever echoed whole: credential values
 * never, and error texts only after {@link #sanitize(String, String)}. Jackson's own messages quote
 * the input, so they are never used as messages or causes.
 */
final class RegistryResponseParser {
  /** Longest registry error text shown to anyone. */
  static final int MAX_MESSAGE_CHARS = 100;

  private static final int MAX_ID_CHARS = 128;
  private static final int MAX_SECRET_CHARS = 256;
  private static final int MAX_SESSION_TOKEN_CHARS = 16_384;
  private static final int MAX_EXPIRATION_CHARS = 64;
  private static final int MAX_RAW_MESSAGE_CHARS = 4096;

  /** Runs of token-like characters long enough to be (part of) a credential or token. */
  private static final Pattern TOKEN_LIKE = Pattern.compile("[A-Za-z0-9_\\-.+/=]{16,}");

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private RegistryResponseParser() {}

  /**
   * Turns a 2xx body into credentials.
   *
   * @param minimumLifetime credentials must outlive {@code now} by more than this
   * @throws AuthException REGISTRY_BAD_RESPONSE for anything but four valid string fields,
   *     CREDENTIALS_EXPIRED when the expiration is not far enough ahead
   */
  static IssuedCredentials credentials(byte[] body, Instant now, Duration minimumLifetime) {
    JsonNode root = readJson(body).orElseThrow(() -> bad("the body is not valid JSON"));
    if (!root.isObject()) {
      throw bad("the body is not a JSON object");
    }
    String accessKeyId = field(root, "AccessKeyId", MAX_ID_CHARS);
    String secretAccessKey = field(root, "SecretAccessKey", MAX_SECRET_CHARS);
    String sessionToken = field(root, "SessionToken", MAX_SESSION_TOKEN_CHARS);
    Instant expiration = expiration(field(root, "Expiration", MAX_EXPIRATION_CHARS));
    if (!expiration.isAfter(now.plus(minimumLifetime))) {
      throw new AuthException(
          Reason.CREDENTIALS_EXPIRED,
          "the Quilt registry issued credentials that expire at "
              + expiration
              + ", not more than "
              + minimumLifetime.toSeconds()
              + " s after now ("
              + now
              + "); check the clocks of the registry and of this server");
    }
    AwsSessionCredentials credentials =
        AwsSessionCredentials.builder()
            .accessKeyId(accessKeyId)
            .secretAccessKey(secretAccessKey)
            .sessionToken(sessionToken)
            .expirationTime(expiration)
            .providerName("QuiltRegistry")
            .build();
    return new IssuedCredentials(credentials, expiration, IssuedCredentials.SOURCE_REGISTRY);
  }

  /**
   * The {@code message} (else {@code error}) text of an error body, sanitised; empty when the body
   * is not a JSON object with such a string.
   *
   * @param token the token that was sent, redacted if the registry echoes it
   */
  static Optional<String> errorMessage(byte[] body, String token) {
    return readJson(body)
        .filter(JsonNode::isObject)
        .flatMap(
            root -> {
              JsonNode text = root.path("message");
              if (!text.isTextual()) {
                text = root.path("error");
              }
              return text.isTextual() ? Optional.of(text.asText()) : Optional.empty();
            })
        .map(text -> sanitize(text, token))
        .filter(text -> !text.isEmpty());
  }

  /**
   * Makes registry-supplied text safe to show: the token and token-like runs redacted, printable
   * ASCII only, whitespace collapsed, at most {@value #MAX_MESSAGE_CHARS} characters.
   */
  static String sanitize(String text, String token) {
    String s =
        text.length() > MAX_RAW_MESSAGE_CHARS ? text.substring(0, MAX_RAW_MESSAGE_CHARS) : text;
    if (token != null && !token.isEmpty()) {
      s = s.replace(token, "[redacted]");
    }
    s = TOKEN_LIKE.matcher(s).replaceAll("[redacted]");
    StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_MESSAGE_CHARS));
    boolean space = false;
    for (int i = 0; i < s.length() && out.length() < MAX_MESSAGE_CHARS; i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c == 0x7f) {
        space = out.length() > 0;
        continue;
      }
      if (space) {
        out.append(' ');
        space = false;
        if (out.length() >= MAX_MESSAGE_CHARS) {
          break;
        }
      }
      out.append(c < 0x7f ? c : '?');
    }
    return out.toString();
  }

  private static Optional<JsonNode> readJson(byte[] body) {
    if (body.length == 0) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(JSON.readTree(body)).filter(node -> !node.isMissingNode());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String field(JsonNode root, String name, int maxChars) {
    JsonNode node = root.get(name);
    if (node == null || node.isNull()) {
      throw bad("field " + name + " is missing");
    }
    if (!node.isTextual()) {
      throw bad("field " + name + " is not a string");
    }
    String value = node.asText();
    if (value.isBlank()) {
      throw bad("field " + name + " is empty");
    }
    if (value.length() > maxChars) {
      throw bad("field " + name + " is longer than " + maxChars + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        throw bad("field " + name + " contains characters other than visible ASCII");
      }
    }
    return value;
  }

  private static Instant expiration(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw bad("field Expiration is not an ISO-8601 date-time with an offset");
    }
  }

  private static AuthException bad(String what) {
    return new AuthException(
        Reason.REGISTRY_BAD_RESPONSE,
        "the Quilt registry answered 2xx but "
            + what
            + "; expected AccessKeyId, SecretAccessKey,"
            + " SessionToken and Expiration strings");
  }
}

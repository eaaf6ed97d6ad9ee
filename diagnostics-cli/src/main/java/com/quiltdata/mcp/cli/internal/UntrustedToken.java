package com.quiltdata.mcp.cli.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.cli.ExitCode;
import com.quiltdata.mcp.jwt.UnverifiedToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A token's header and payload decoded WITHOUT checking its signature: data to look at, never to
 * trust. Decoding is lenient where the verifier is strict (padding, standard base64 characters),
 * and every such departure is listed in {@link #notes()}, because the server will reject it.
 * Duplicate JSON keys are refused, as the server refuses them.
 *
 * <p>Not jwt-codec's {@link UnverifiedToken}, on purpose: that one refuses every departure from the
 * strict form and hands out bounded, redacted display copies, while {@code decode} must still
 * decode a padded or standard-base64 token to say what is wrong with it, and {@link ClaimView}
 * needs the whole payload (every bucket, original claim lengths) to explain it as the server reads
 * it. Only the fingerprint is shared.
 */
final class UntrustedToken {
  private static final ObjectMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(32)
                          .maxNumberLength(64)
                          .maxStringLength(TokenInput.MAX_INPUT_BYTES)
                          .build())
                  .build())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final int length;
  private final String fingerprint;
  private final ObjectNode header;
  private final ObjectNode payload;
  private final int signatureBytes;
  private final List<String> notes;

  private UntrustedToken(
      int length,
      String fingerprint,
      ObjectNode header,
      ObjectNode payload,
      int signatureBytes,
      List<String> notes) {
    this.length = length;
    this.fingerprint = fingerprint;
    this.header = header;
    this.payload = payload;
    this.signatureBytes = signatureBytes;
    this.notes = List.copyOf(notes);
  }

  /**
   * Decodes a compact token.
   *
   * @throws CliFailure {@link ExitCode#INVALID_TOKEN} when it is not three decodable parts of JSON
   *     objects; messages never quote the input
   */
  static UntrustedToken parse(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length == 5) {
      throw invalid(
          "UNSUPPORTED_ALGORITHM",
          "this is an encrypted token (JWE, five parts); only signed HS256 tokens (three parts)"
              + " are accepted");
    }
    if (parts.length != 3) {
      throw invalid(
          "MALFORMED",
          "the input has "
              + parts.length
              + " dot-separated part(s); a signed token has exactly three (header.payload.signature)");
    }
    List<String> notes = new ArrayList<>();
    ObjectNode header = object(decode(parts[0], "header", notes), "header");
    ObjectNode payload = object(decode(parts[1], "payload", notes), "payload");
    int signature = decode(parts[2], "signature", notes).length;
    if (signature != 32) {
      notes.add(
          "the signature is "
              + signature
              + " bytes; HS256 signatures are 32 bytes (the server rejects it as MALFORMED)");
    }
    return new UntrustedToken(
        token.length(), UnverifiedToken.fingerprintOf(token), header, payload, signature, notes);
  }

  /** Characters in the input. */
  int length() {
    return length;
  }

  /**
   * {@code sha256:} and the first 12 hex digits of the token's SHA-256, as the server logs it
   * ({@link UnverifiedToken#fingerprintOf}).
   */
  String fingerprint() {
    return fingerprint;
  }

  /** The decoded header (untrusted). */
  ObjectNode header() {
    return header;
  }

  /** The decoded payload (untrusted). */
  ObjectNode payload() {
    return payload;
  }

  /** Length of the decoded signature in bytes. */
  int signatureBytes() {
    return signatureBytes;
  }

  /** Departures from the strict form the server requires. */
  List<String> notes() {
    return notes;
  }

  /** The header's {@code kid} when it is a string, else null. */
  String keyId() {
    JsonNode kid = header.get("kid");
    return kid != null && kid.isTextual() ? kid.textValue() : null;
  }

  /** A payload claim as text when it is a string, else null. */
  String text(String claim) {
    JsonNode node = payload.get(claim);
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  private static byte[] decode(String part, String name, List<String> notes) {
    String text = part;
    if (text.indexOf('=') >= 0) {
      notes.add("the " + name + " part carries '=' padding (the server rejects it as MALFORMED)");
      text = text.replace("=", "");
    }
    if (text.indexOf('+') >= 0 || text.indexOf('/') >= 0) {
      notes.add(
          "the "
              + name
              + " part uses standard base64 characters '+' or '/' instead of base64url (the server"
              + " rejects it as MALFORMED)");
      text = text.replace('+', '-').replace('/', '_');
    }
    try {
      return Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw invalid(
          "MALFORMED", "the " + name + " part is not base64url (characters A-Z a-z 0-9 - _)");
    }
  }

  private static ObjectNode object(byte[] bytes, String name) {
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (IOException e) {
      throw invalid(
          "MALFORMED",
          "the "
              + name
              + " is not a valid JSON object ("
              + (e.getMessage() != null && e.getMessage().startsWith("Duplicate field")
                  ? "a key appears twice"
                  : "parse error")
              + ")");
    }
    if (node == null || !node.isObject()) {
      throw invalid("MALFORMED", "the " + name + " is JSON but not an object");
    }
    return (ObjectNode) node;
  }

  private static CliFailure invalid(String reason, String message) {
    return new CliFailure(
        ExitCode.INVALID_TOKEN,
        reason,
        message,
        "copy the whole token (header.payload.signature) without quotes or line breaks");
  }
}

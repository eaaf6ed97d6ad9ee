package com.quiltdata.mcp.standins.athena;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies an AWS Signature Version 4 {@code Authorization} header the way AWS does: the canonical
 * request is rebuilt from what arrived, signed with the secret of the access key it names, and
 * compared in constant time. Only POST {@code /} without a query string is used by the JSON
 * protocols, which is all this stand-in accepts.
 */
final class SigV4Check {
  private static final Pattern HEADER =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential=([A-Za-z0-9]{1,128})/(\\d{8})/([a-z0-9-]{1,32})/"
              + "([a-z0-9-]{1,32})/aws4_request, ?SignedHeaders=([a-z0-9;_.-]{1,1024}),"
              + " ?Signature=([0-9a-f]{64})");

  private final Map<String, String> secrets;

  SigV4Check(Map<String, String> secretsByAccessKey) {
    this.secrets = Map.copyOf(secretsByAccessKey);
  }

  /** The access key that validly signed the request, or empty when the signature is bad. */
  Optional<String> verify(
      String method, String path, Map<String, List<String>> headers, byte[] body) {
    String auth = first(headers, "authorization");
    if (auth == null) {
      return Optional.empty();
    }
    Matcher m = HEADER.matcher(auth);
    if (!m.matches()) {
      return Optional.empty();
    }
    String accessKey = m.group(1);
    String secret = secrets.get(accessKey);
    String amzDate = first(headers, "x-amz-date");
    if (secret == null || amzDate == null || !amzDate.startsWith(m.group(2))) {
      return Optional.empty();
    }
    String signedHeaders = m.group(5);
    StringBuilder canonical = new StringBuilder();
    canonical.append(method).append('\n').append(path).append('\n').append('\n');
    for (String name : signedHeaders.split(";")) {
      String value = first(headers, name);
      if (value == null) {
        return Optional.empty();
      }
      canonical.append(name).append(':').append(value.trim().replaceAll(" +", " ")).append('\n');
    }
    String payloadHash = first(headers, "x-amz-content-sha256");
    canonical
        .append('\n')
        .append(signedHeaders)
        .append('\n')
        .append(payloadHash != null ? payloadHash : hex(sha256(body)));
    String scope = m.group(2) + "/" + m.group(3) + "/" + m.group(4) + "/aws4_request";
    String toSign =
        "AWS4-HMAC-SHA256\n"
            + amzDate
            + "\n"
            + scope
            + "\n"
            + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), m.group(2));
    key = hmac(key, m.group(3));
    key = hmac(key, m.group(4));
    key = hmac(key, "aws4_request");
    byte[] expected = hmac(key, toSign);
    byte[] given = HexFormat.of().parseHex(m.group(6));
    return MessageDigest.isEqual(expected, given) ? Optional.of(accessKey) : Optional.empty();
  }

  private static String first(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().toLowerCase(Locale.ROOT).equals(name) && !e.getValue().isEmpty()) {
        return String.join(",", e.getValue());
      }
    }
    return null;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @Override
  public String toString() {
    return "SigV4Check" + Arrays.toString(secrets.keySet().toArray());
  }
}

package com.quiltdata.mcp.tools.s3.internal;

import com.quiltdata.mcp.auth.PolicyAuthorizer;
import com.quiltdata.mcp.jwt.BucketNames;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.schema.KeyRules;
import java.io.ByteArrayOutputStream;

/**
 * An object addressed as {@code s3://bucket/key[?versionId=ID]}.
 *
 * <p>The bucket is found exactly as the authorizer finds it ({@link PolicyAuthorizer#s3UriBucket}):
 * the text between {@code s3://} and the first {@code /} or {@code ?}, so the bucket checked is the
 * bucket used. The key is the text after that {@code /} up to the first {@code ?}, taken literally
 * (no percent-decoding; keys containing {@code ?} cannot be addressed). The only query allowed is
 * one {@code versionId}, whose value may be percent-encoded.
 *
 * @param bucket a valid bucket name
 * @param key a checked object key
 * @param versionId the version, or {@code null} for the current one
 */
record S3Location(String bucket, String key, String versionId) {
  private static final String SCHEME = "s3://";
  private static final String VERSION_PARAM = "versionId=";
  private static final int MAX_VERSION_BYTES = 1024;

  /**
   * Parses and checks a URI argument.
   *
   * @param argument the argument's name, for messages
   * @throws ToolFailure INVALID_ARGUMENT naming the rule that failed
   */
  static S3Location parse(String uri, String argument) {
    String example = " (expected s3://bucket/key or s3://bucket/key?versionId=ID)";
    if (uri == null || !uri.startsWith(SCHEME)) {
      throw ToolFailure.invalidArgument(
          "Argument '" + argument + "' must start with s3://" + example);
    }
    String bucket = PolicyAuthorizer.s3UriBucket(uri).orElse("");
    if (!BucketNames.isValid(bucket)) {
      throw ToolFailure.invalidArgument(
          "Argument '" + argument + "' does not name a valid S3 bucket" + example);
    }
    int afterBucket = SCHEME.length() + bucket.length();
    if (afterBucket >= uri.length() || uri.charAt(afterBucket) != '/') {
      throw ToolFailure.invalidArgument(
          "Argument '" + argument + "' names a bucket but no object key" + example);
    }
    int query = uri.indexOf('?', afterBucket);
    String key = uri.substring(afterBucket + 1, query < 0 ? uri.length() : query);
    KeyRules.check(key, argument + " (key part)");
    String versionId = null;
    if (query >= 0) {
      String q = uri.substring(query + 1);
      if (!q.startsWith(VERSION_PARAM) || q.indexOf('&') >= 0 || q.indexOf('?') >= 0) {
        throw ToolFailure.invalidArgument(
            "Argument '"
                + argument
                + "' may only carry one query parameter, versionId; keys containing '?' cannot"
                + " be addressed"
                + example);
      }
      versionId = versionId(q.substring(VERSION_PARAM.length()), argument);
    }
    return new S3Location(bucket, key, versionId);
  }

  /** {@code s3://bucket/key} with {@code ?versionId=} when a version is set. */
  String uri() {
    return SCHEME + bucket + "/" + key + (versionId == null ? "" : "?versionId=" + versionId);
  }

  private static String versionId(String encoded, String argument) {
    String message =
        "Argument '"
            + argument
            + "' has an invalid versionId: use the version id S3 reported (letters, digits and"
            + " . _ - + / =, percent-encoded or not, at most "
            + MAX_VERSION_BYTES
            + " bytes)";
    String decoded = percentDecode(encoded);
    if (decoded == null || decoded.isEmpty() || decoded.length() > MAX_VERSION_BYTES) {
      throw ToolFailure.invalidArgument(message);
    }
    for (int i = 0; i < decoded.length(); i++) {
      char c = decoded.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-'
              || c == '+'
              || c == '/'
              || c == '=';
      if (!ok) {
        throw ToolFailure.invalidArgument(message);
      }
    }
    return decoded;
  }

  /** Strict percent-decoding to UTF-8; {@code null} for a malformed escape or invalid UTF-8. */
  private static String percentDecode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length()) {
          return null;
        }
        int hi = Character.digit(text.charAt(i + 1), 16);
        int lo = Character.digit(text.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else if (c < 0x80) {
        out.write(c);
      } else {
        return null;
      }
    }
    return TextDecoding.strictUtf8(out.toByteArray());
  }
}

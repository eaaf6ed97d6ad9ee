package com.quiltdata.mcp.server.demo;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The one access key pair of the embedded S3 server, generated per run. The credential issuer hands
 * it out to holders of a valid demo token; it is never printed or logged ({@link #toString()} shows
 * the key id only).
 *
 * @param accessKeyId an AWS-shaped access key id ({@code ASIA} and 16 upper-case letters or digits)
 * @param secretAccessKey 40 random base64url characters
 */
record S3Keys(String accessKeyId, String secretAccessKey) {
  private static final String KEY_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  S3Keys {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
  }

  /** A fresh pair from {@code random}. */
  static S3Keys generate(SecureRandom random) {
    StringBuilder id = new StringBuilder("ASIA");
    for (int i = 0; i < 16; i++) {
      id.append(KEY_ID_ALPHABET.charAt(random.nextInt(KEY_ID_ALPHABET.length())));
    }
    byte[] secret = new byte[30];
    random.nextBytes(secret);
    return new S3Keys(
        id.toString(), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  @Override
  public String toString() {
    return "S3Keys[accessKeyId=" + accessKeyId + ", secretAccessKey=(hidden)]";
  }
}

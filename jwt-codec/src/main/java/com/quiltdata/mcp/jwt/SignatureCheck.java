package com.quiltdata.mcp.jwt;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.MacAlgorithm;
import io.jsonwebtoken.security.VerifySecureDigestRequest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Map;
import javax.crypto.SecretKey;

/**
 * Signature verification through jjwt's HS256 algorithm, looked up in a registry of this class's
 * own that holds HS256 and nothing else (jjwt's default registry also accepts HS384/HS512, RSA, EC,
 * EdDSA and, with a flag, {@code none}).
 *
 * <p>jjwt's parser is deliberately not used on the hot path: the verifier has already checked the
 * compact form, the header and the payload strictly, and jjwt's parser would decode and parse both
 * again with laxer rules (it tolerates padding and stray characters in the signature segment). What
 * jjwt contributes here is the MAC and its constant-time comparison.
 */
final class SignatureCheck {
  private static final Map<String, MacAlgorithm> REGISTRY = Map.of("HS256", Jwts.SIG.HS256);

  private SignatureCheck() {}

  /**
   * Whether {@code signature} is the HS256 MAC of the first {@code length} bytes of {@code token}
   * (the signing input) under {@code key}.
   */
  static boolean verifies(byte[] token, int length, byte[] signature, SigningKey key) {
    MacAlgorithm hs256 = REGISTRY.get("HS256");
    return hs256.verify(new Request(token, length, signature, key.secretKey()));
  }

  /** The smallest request jjwt's MAC algorithms accept: payload, key and expected digest. */
  private static final class Request implements VerifySecureDigestRequest<SecretKey> {
    private final byte[] payload;
    private final int length;
    private final byte[] digest;
    private final SecretKey key;

    Request(byte[] payload, int length, byte[] digest, SecretKey key) {
      this.payload = payload;
      this.length = length;
      this.digest = digest;
      this.key = key;
    }

    @Override
    public InputStream getPayload() {
      return new ByteArrayInputStream(payload, 0, length);
    }

    @Override
    public SecretKey getKey() {
      return key;
    }

    @Override
    public byte[] getDigest() {
      return digest;
    }

    @Override
    public Provider getProvider() {
      return null;
    }

    @Override
    public SecureRandom getSecureRandom() {
      return null;
    }
  }
}

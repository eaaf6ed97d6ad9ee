package com.quiltdata.mcp.tools.diagnostics.internal;

import static com.quiltdata.mcp.tools.schema.JsonSchema.NODES;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.VerifierSource.KeyInfo;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.VerifierConfig;
import com.quiltdata.mcp.tools.diagnostics.DiagnosticsSettings;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of verification, as the tools show it: the key's source, id, length and
 * fingerprint (never the key, and not its location, which stays in the start-up log), and the
 * issuer, audience, skew, lifetime and size rules in force.
 */
final class KeyFacts {
  private static final Logger LOG = LoggerFactory.getLogger(KeyFacts.class);

  static final String NO_KEY =
      "this server has no signing secret configured, so it cannot check token signatures";

  private KeyFacts() {}

  /** The key facts, if the source can give them. */
  static Optional<KeyInfo> keyInfo(DiagnosticsSettings settings) {
    if (settings.verifiers() == null) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(settings.verifiers().keyInfo());
    } catch (RuntimeException e) {
      LOG.warn("the verifier source could not describe its key: {}", e.getClass().getName());
      return Optional.empty();
    }
  }

  static ObjectNode serverKey(DiagnosticsSettings settings) {
    ObjectNode out = NODES.objectNode();
    Optional<KeyInfo> info = keyInfo(settings);
    if (info.isEmpty()) {
      out.put("available", false);
      out.put(
          "reason",
          settings.verifiers() == null ? NO_KEY : "the key source could not describe its key");
      return out;
    }
    KeyInfo k = info.get();
    out.put("available", true);
    out.put("source", k.source());
    if (k.keyId() != null) {
      out.put("key_id", k.keyId());
    }
    out.put("length_bytes", k.length());
    out.put("fingerprint", k.fingerprint());
    out.put("previous_keys", k.previousKeys());
    if (k.loadedAt() != null) {
      out.put("loaded_at", k.loadedAt().toString());
    }
    return out;
  }

  static ObjectNode serverKeySchema() {
    ObjectNode s = JsonSchema.object("available");
    JsonSchema.property(
        s, "available", JsonSchema.bool("whether the server has a signing key to check with"));
    JsonSchema.property(s, "reason", JsonSchema.string("why no key facts are available"));
    JsonSchema.property(
        s, "source", JsonSchema.string("where the secret comes from: env, file, ssm, static"));
    JsonSchema.property(s, "key_id", JsonSchema.string("the key id ('kid') tokens should name"));
    JsonSchema.property(s, "length_bytes", JsonSchema.integer("secret length in bytes"));
    JsonSchema.property(
        s,
        "fingerprint",
        JsonSchema.string("kfp1: fingerprint of the key; compare with the signer's"));
    JsonSchema.property(
        s, "previous_keys", JsonSchema.integer("previous keys still accepted (rotation)"));
    JsonSchema.property(s, "loaded_at", JsonSchema.string("when the current key was loaded"));
    return s;
  }

  /** The verification rules in force; empty issuer or audience lists mean "not checked". */
  static ObjectNode rules(JwtVerifier verifier) {
    VerifierConfig c = verifier.config();
    ObjectNode out = NODES.objectNode();
    ArrayNode issuers = out.putArray("issuers");
    new TreeSet<>(c.issuers()).forEach(issuers::add);
    ArrayNode audiences = out.putArray("audiences");
    new TreeSet<>(c.audiences()).forEach(audiences::add);
    out.put("clock_skew_seconds", c.clockSkew().getSeconds());
    out.put("max_lifetime_seconds", c.maxLifetime().getSeconds());
    out.put("max_token_length", c.maxTokenLength());
    return out;
  }

  static ObjectNode rulesSchema() {
    ObjectNode s =
        JsonSchema.object(
            "issuers",
            "audiences",
            "clock_skew_seconds",
            "max_lifetime_seconds",
            "max_token_length");
    JsonSchema.property(
        s, "issuers", JsonSchema.strings("accepted 'iss' values; empty: not checked"));
    JsonSchema.property(
        s, "audiences", JsonSchema.strings("accepted 'aud' values; empty: not checked"));
    JsonSchema.property(
        s, "clock_skew_seconds", JsonSchema.integer("tolerance for exp, nbf and iat"));
    JsonSchema.property(
        s, "max_lifetime_seconds", JsonSchema.integer("longest accepted exp - iat"));
    JsonSchema.property(
        s, "max_token_length", JsonSchema.integer("longest accepted token, in characters"));
    return s;
  }
}

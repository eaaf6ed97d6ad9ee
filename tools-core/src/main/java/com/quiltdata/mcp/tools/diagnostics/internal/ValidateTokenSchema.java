package com.quiltdata.mcp.tools.diagnostics.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.schema.JsonSchema;

/** The output schema of {@code validate_jwt_token}. */
final class ValidateTokenSchema {
  private ValidateTokenSchema() {}

  static ObjectNode output() {
    ObjectNode s =
        JsonSchema.object(
            "source",
            "token_fingerprint",
            "token_length",
            "verdict",
            "input_notes",
            "untrusted",
            "server_key");
    JsonSchema.property(
        s,
        "source",
        JsonSchema.enumOf(
            "which token was checked: the 'token' argument or this call's", "argument", "caller"));
    JsonSchema.property(
        s, "token_fingerprint", JsonSchema.string("sha256: fingerprint naming the token"));
    JsonSchema.property(s, "token_length", JsonSchema.integer("length of the token in characters"));
    JsonSchema.property(s, "verdict", verdict());
    JsonSchema.property(s, "input_notes", JsonSchema.strings("what was tidied in the given text"));
    JsonSchema.property(s, "untrusted", untrusted());
    JsonSchema.property(s, "verified", verified());
    JsonSchema.property(s, "server_key", KeyFacts.serverKeySchema());
    JsonSchema.property(s, "expected", KeyFacts.rulesSchema());
    return s;
  }

  private static ObjectNode verdict() {
    ObjectNode v = JsonSchema.object("valid", "status", "message");
    JsonSchema.property(v, "valid", JsonSchema.bool("whether this server accepts the token"));
    JsonSchema.property(
        v,
        "status",
        JsonSchema.enumOf(
            "valid, invalid, or not_checked (no signing secret)",
            "valid",
            "invalid",
            "not_checked"));
    JsonSchema.property(
        v,
        "reason",
        JsonSchema.enumOf(
            "the stable reason code of a rejection",
            "MALFORMED",
            "BAD_SIGNATURE",
            "UNSUPPORTED_ALGORITHM",
            "UNKNOWN_KEY",
            "EXPIRED",
            "NOT_YET_VALID",
            "LIFETIME_TOO_LONG",
            "WRONG_ISSUER",
            "WRONG_AUDIENCE",
            "INVALID_CLAIMS",
            "TOO_LARGE"));
    JsonSchema.property(v, "message", JsonSchema.string("what was found"));
    JsonSchema.property(v, "hint", JsonSchema.string("how to fix it"));
    return v;
  }

  private static ObjectNode untrusted() {
    ObjectNode u =
        JsonSchema.object(
            "note",
            "segments",
            "signature_length",
            "dates",
            "problems",
            "shortened",
            "redacted_values");
    JsonSchema.property(u, "note", JsonSchema.string("how to read this part"));
    JsonSchema.property(
        u, "segments", JsonSchema.integer("dot-separated parts (3 for a signed token)"));
    JsonSchema.property(
        u, "signature_length", JsonSchema.integer("characters of the signature part"));
    JsonSchema.property(u, "header", JsonSchema.anyObject("the decoded header, untrusted"));
    JsonSchema.property(u, "claims", JsonSchema.anyObject("the decoded claims, untrusted"));
    ObjectNode dates = JsonSchema.object();
    JsonSchema.property(dates, "issued_at", JsonSchema.string("iat as a date"));
    JsonSchema.property(dates, "not_before", JsonSchema.string("nbf as a date"));
    JsonSchema.property(dates, "expires_at", JsonSchema.string("exp as a date"));
    JsonSchema.property(u, "dates", dates);
    JsonSchema.property(
        u, "problems", JsonSchema.strings("why header or claims could not be shown"));
    JsonSchema.property(
        u, "shortened", JsonSchema.bool("whether the shown copies leave something out"));
    JsonSchema.property(
        u, "redacted_values", JsonSchema.integer("credential-like values not shown"));
    return u;
  }

  private static ObjectNode verified() {
    ObjectNode v =
        JsonSchema.object(
            "subject",
            "subject_fingerprint",
            "kind",
            "expires_at",
            "seconds_left",
            "bucket_count",
            "buckets",
            "permission_count",
            "permissions",
            "roles",
            "claim_warnings");
    JsonSchema.property(v, "subject", JsonSchema.string("the user the token names"));
    JsonSchema.property(
        v, "subject_fingerprint", JsonSchema.string("8 hex digits; how logs name the user"));
    JsonSchema.property(v, "kind", JsonSchema.enumOf("token family", "enhanced", "native"));
    JsonSchema.property(v, "issuer", JsonSchema.string("iss"));
    JsonSchema.property(v, "audiences", JsonSchema.strings("aud"));
    JsonSchema.property(v, "issued_at", JsonSchema.string("iat"));
    JsonSchema.property(v, "expires_at", JsonSchema.string("exp"));
    JsonSchema.property(v, "seconds_left", JsonSchema.integer("seconds until exp"));
    JsonSchema.property(v, "bucket_count", JsonSchema.integer("buckets granted"));
    JsonSchema.property(v, "buckets", JsonSchema.strings("bucket names (at most 256 shown)"));
    JsonSchema.property(v, "permission_count", JsonSchema.integer("actions granted"));
    JsonSchema.property(v, "permissions", JsonSchema.strings("service:Action strings"));
    JsonSchema.property(v, "roles", JsonSchema.strings("role names"));
    JsonSchema.property(v, "claim_warnings", JsonSchema.strings("claims dropped or odd"));
    return v;
  }
}

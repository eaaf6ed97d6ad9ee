package com.quiltdata.mcp.tools.internal.diagnostics;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The output schema of {@code validate_jwt_token}. */
final class ValidateTokenSchema {
  private ValidateTokenSchema() {}

  static ObjectNode output() {
    ObjectNode s =
        Shapes.object(
            "source",
            "token_fingerprint",
            "token_length",
            "verdict",
            "input_notes",
            "untrusted",
            "server_key");
    Shapes.with(
        s,
        "source",
        Shapes.oneOf(
            "which token was checked: the 'token' argument or this call's", "argument", "caller"));
    Shapes.with(s, "token_fingerprint", Shapes.string("sha256: fingerprint naming the token"));
    Shapes.with(s, "token_length", Shapes.integer("length of the token in characters"));
    Shapes.with(s, "verdict", verdict());
    Shapes.with(s, "input_notes", Shapes.strings("what was tidied in the given text"));
    Shapes.with(s, "untrusted", untrusted());
    Shapes.with(s, "verified", verified());
    Shapes.with(s, "server_key", KeyFacts.serverKeySchema());
    Shapes.with(s, "expected", KeyFacts.rulesSchema());
    return s;
  }

  private static ObjectNode verdict() {
    ObjectNode v = Shapes.object("valid", "status", "message");
    Shapes.with(v, "valid", Shapes.bool("whether this server accepts the token"));
    Shapes.with(
        v,
        "status",
        Shapes.oneOf(
            "valid, invalid, or not_checked (no signing secret)",
            "valid",
            "invalid",
            "not_checked"));
    Shapes.with(
        v,
        "reason",
        Shapes.oneOf(
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
    Shapes.with(v, "message", Shapes.string("what was found"));
    Shapes.with(v, "hint", Shapes.string("how to fix it"));
    return v;
  }

  private static ObjectNode untrusted() {
    ObjectNode u =
        Shapes.object(
            "note",
            "segments",
            "signature_length",
            "dates",
            "problems",
            "shortened",
            "redacted_values");
    Shapes.with(u, "note", Shapes.string("how to read this part"));
    Shapes.with(u, "segments", Shapes.integer("dot-separated parts (3 for a signed token)"));
    Shapes.with(u, "signature_length", Shapes.integer("characters of the signature part"));
    Shapes.with(u, "header", Shapes.anyObject("the decoded header, untrusted"));
    Shapes.with(u, "claims", Shapes.anyObject("the decoded claims, untrusted"));
    ObjectNode dates = Shapes.object();
    Shapes.with(dates, "issued_at", Shapes.string("iat as a date"));
    Shapes.with(dates, "not_before", Shapes.string("nbf as a date"));
    Shapes.with(dates, "expires_at", Shapes.string("exp as a date"));
    Shapes.with(u, "dates", dates);
    Shapes.with(u, "problems", Shapes.strings("why header or claims could not be shown"));
    Shapes.with(u, "shortened", Shapes.bool("whether the shown copies leave something out"));
    Shapes.with(u, "redacted_values", Shapes.integer("credential-like values not shown"));
    return u;
  }

  private static ObjectNode verified() {
    ObjectNode v =
        Shapes.object(
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
    Shapes.with(v, "subject", Shapes.string("the user the token names"));
    Shapes.with(v, "subject_fingerprint", Shapes.string("8 hex digits; how logs name the user"));
    Shapes.with(v, "kind", Shapes.oneOf("token family", "enhanced", "native"));
    Shapes.with(v, "issuer", Shapes.string("iss"));
    Shapes.with(v, "audiences", Shapes.strings("aud"));
    Shapes.with(v, "issued_at", Shapes.string("iat"));
    Shapes.with(v, "expires_at", Shapes.string("exp"));
    Shapes.with(v, "seconds_left", Shapes.integer("seconds until exp"));
    Shapes.with(v, "bucket_count", Shapes.integer("buckets granted"));
    Shapes.with(v, "buckets", Shapes.strings("bucket names (at most 256 shown)"));
    Shapes.with(v, "permission_count", Shapes.integer("actions granted"));
    Shapes.with(v, "permissions", Shapes.strings("service:Action strings"));
    Shapes.with(v, "roles", Shapes.strings("role names"));
    Shapes.with(v, "claim_warnings", Shapes.strings("claims dropped or odd"));
    return v;
  }
}

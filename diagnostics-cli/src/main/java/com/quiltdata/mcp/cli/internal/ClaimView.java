package com.quiltdata.mcp.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.jwt.BucketListCodec;
import com.quiltdata.mcp.jwt.BucketNames;
import com.quiltdata.mcp.jwt.ClaimLimits;
import com.quiltdata.mcp.jwt.JwtVerificationException;
import com.quiltdata.mcp.jwt.PermissionAbbreviations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Explains an untrusted payload the way the server would read it: which claim spelling wins
 * (explicit before short, never merged), the subject fallback, the bucket list expanded from its
 * compressed forms, permission abbreviations expanded, times made readable. Claims whose names
 * suggest credentials are shown as their length only.
 */
final class ClaimView {
  /**
   * Claims whose presence makes a token "enhanced" (catalog frontend) rather than native: the list
   * of jwt-codec's ClaimsReader, which is not public.
   */
  private static final List<String> ENHANCED_MARKERS =
      List.of(
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
          "l");

  private static final List<String> SUBJECT_CLAIMS = List.of("sub", "id", "uuid");

  private static final List<String> SHOWN =
      List.of(
          "iss",
          "aud",
          "sub",
          "id",
          "uuid",
          "iat",
          "nbf",
          "exp",
          "buckets",
          "b",
          "permissions",
          "p",
          "roles",
          "r");

  private static final List<String> CREDENTIAL_WORDS =
      List.of("secret", "password", "credential", "accesskey", "access_key", "token", "private");

  private final ObjectNode payload;
  private final Instant now;
  private final ObjectNode json = Output.object();
  private final TextLines text = new TextLines();
  private final List<String> notes = new ArrayList<>();

  private ClaimView(ObjectNode payload, Instant now) {
    this.payload = payload;
    this.now = now;
  }

  /** Analyses {@code payload} as of {@code now}. */
  static ClaimView of(ObjectNode payload, Instant now) {
    ClaimView view = new ClaimView(payload, now);
    view.analyse();
    return view;
  }

  /** The analysis as JSON fields (kind, subject, times, buckets, permissions, roles, claims). */
  ObjectNode json() {
    return json;
  }

  /** The analysis as text lines. */
  TextLines text() {
    return text;
  }

  /** Things the server would reject or ignore. */
  List<String> notes() {
    return notes;
  }

  private void analyse() {
    boolean enhanced = ENHANCED_MARKERS.stream().anyMatch(payload::hasNonNull);
    json.put("kind", enhanced ? "enhanced" : "native");
    text.kv(
        "kind",
        enhanced
            ? "enhanced (signed by the catalog frontend)"
            : "native (issued by the registry: id/uuid and exp only)");
    subject();
    simple("iss", "issuer");
    audience();
    times();
    buckets();
    permissions();
    roles();
    simpleOrShort("scope", "s");
    simpleOrShort("level", "l");
    others();
    json.set("claims", redacted(payload));
  }

  private void subject() {
    for (String name : SUBJECT_CLAIMS) {
      JsonNode node = payload.get(name);
      if (node != null && !node.isNull()) {
        boolean usable = node.isTextual() || (node.isNumber() && !"sub".equals(name));
        ObjectNode s = json.putObject("subject");
        s.put("claim", name);
        s.put("value", node.asText());
        text.kv("subject", node.asText() + " (from '" + name + "')");
        if (!usable || node.asText().isEmpty()) {
          notes.add("'" + name + "' is not a non-empty string: the server rejects the token");
        }
        return;
      }
    }
    json.putNull("subject");
    text.kv("subject", "(none)");
    notes.add("no 'sub', 'id' or 'uuid': the server rejects the token (INVALID_CLAIMS)");
  }

  private void simple(String claim, String label) {
    JsonNode node = payload.get(claim);
    if (node != null && !node.isNull()) {
      text.kv(label, node.isTextual() ? node.textValue() : node.toString());
    }
  }

  private void audience() {
    JsonNode aud = payload.get("aud");
    if (aud == null || aud.isNull()) {
      return;
    }
    List<String> values = new ArrayList<>();
    if (aud.isArray()) {
      aud.forEach(v -> values.add(v.isTextual() ? v.textValue() : v.toString()));
    } else {
      values.add(aud.isTextual() ? aud.textValue() : aud.toString());
    }
    text.kv("audience", String.join(", ", values));
  }

  private void times() {
    ObjectNode times = json.putObject("times");
    Instant iat = time("iat", "issued at", times);
    Instant nbf = time("nbf", "not before", times);
    Instant exp = time("exp", "expires", times);
    if (exp == null && !payload.has("exp")) {
      notes.add("no 'exp': the server rejects the token (INVALID_CLAIMS)");
    }
    if (exp != null) {
      Instant start = iat != null ? iat : nbf;
      if (start != null) {
        Duration lifetime = Duration.between(start, exp);
        times.put("lifetimeSeconds", lifetime.getSeconds());
        text.kv("lifetime", TimeText.duration(lifetime));
        if (lifetime.compareTo(Duration.ofHours(24)) > 0) {
          notes.add("the lifetime exceeds 24 h: the server rejects it (LIFETIME_TOO_LONG)");
        }
      }
      times.put("expired", !now.isBefore(exp));
    }
  }

  private Instant time(String claim, String label, ObjectNode times) {
    JsonNode node = payload.get(claim);
    if (node == null) {
      return null;
    }
    if (!node.isNumber() || !node.canConvertToLong()) {
      notes.add("'" + claim + "' is not a number of seconds: the server rejects the token");
      return null;
    }
    long seconds = node.asLong();
    if (seconds < 0 || seconds > 253_402_300_799L) {
      notes.add("'" + claim + "' is out of range: the server rejects the token");
      return null;
    }
    Instant instant = Instant.ofEpochSecond(seconds);
    ObjectNode t = times.putObject(claim);
    t.put("epochSeconds", seconds);
    t.put("utc", instant.toString());
    t.put("relative", TimeText.relative(instant, now));
    text.kv(label, TimeText.at(instant, now));
    return instant;
  }

  private void buckets() {
    String claim = payload.hasNonNull("buckets") ? "buckets" : "b";
    JsonNode node = payload.get(claim);
    if (node == null || node.isNull()) {
      return;
    }
    ObjectNode b = json.putObject("buckets");
    b.put("claim", claim);
    String form = node.isArray() ? "plain" : formOf(node);
    b.put("form", form);
    List<String> names;
    try {
      names = BucketListCodec.decode(node, ClaimLimits.DEFAULTS);
    } catch (JwtVerificationException e) {
      b.put("error", e.getMessage());
      text.kv("buckets", "cannot be decoded from '" + claim + "' (" + form + " form)");
      notes.add(e.getMessage() + ": the server rejects the token (" + e.reason() + ")");
      return;
    }
    if ("buckets".equals(claim) && payload.hasNonNull("b") && !names.equals(shortForm())) {
      notes.add(
          "'buckets' and 'b' name different buckets: the server uses 'buckets' only (never"
              + " merged)");
    }
    ArrayNode valid = b.putArray("names");
    ArrayNode invalid = b.putArray("dropped");
    List<String> shown = new ArrayList<>();
    for (String name : names) {
      if (BucketNames.isValid(name)) {
        valid.add(name);
        shown.add(name);
      } else {
        invalid.add(name);
      }
    }
    b.put("count", valid.size());
    text.kv("buckets", valid.size() + " from '" + claim + "' (" + form + " form)");
    shown.forEach(text::more);
    if (!invalid.isEmpty()) {
      List<String> dropped = new ArrayList<>();
      invalid.forEach(n -> dropped.add("'" + n.textValue() + "'"));
      text.more("dropped, not valid S3 bucket names: " + String.join(", ", dropped));
      notes.add(
          invalid.size()
              + " bucket name(s) are not valid S3 names and grant nothing ('*' is never a"
              + " wildcard)");
    }
  }

  /** The buckets of {@code b}, or null when it cannot be decoded. */
  private List<String> shortForm() {
    try {
      return BucketListCodec.decode(payload.get("b"), ClaimLimits.DEFAULTS);
    } catch (JwtVerificationException e) {
      return null;
    }
  }

  private static String formOf(JsonNode node) {
    JsonNode type = node.get("_type");
    return type != null && type.isTextual() ? type.textValue() : "unknown";
  }

  private void permissions() {
    String claim = payload.hasNonNull("permissions") ? "permissions" : "p";
    JsonNode node = payload.get(claim);
    if (node == null || node.isNull()) {
      return;
    }
    ObjectNode p = json.putObject("permissions");
    p.put("claim", claim);
    if (!node.isArray()) {
      p.put("error", "not an array of strings");
      text.kv("permissions", "'" + claim + "' is not an array of strings");
      notes.add("'" + claim + "' is not an array of strings: the server rejects the token");
      return;
    }
    ArrayNode entries = p.putArray("entries");
    ArrayNode actions = p.putArray("actions");
    ArrayNode dropped = p.putArray("dropped");
    List<String> lines = new ArrayList<>();
    for (JsonNode e : node) {
      String entry = e.isTextual() ? e.textValue() : e.toString();
      List<String> expanded =
          e.isTextual() ? PermissionAbbreviations.expand(List.of(entry)).actions() : List.of();
      ObjectNode row = entries.addObject();
      row.put("entry", entry);
      if (expanded.isEmpty()) {
        row.putNull("action");
        dropped.add(entry);
        lines.add(entry + "  (unknown: dropped, grants nothing)");
      } else {
        String action = expanded.get(0);
        row.put("action", action);
        actions.add(action);
        boolean wildcard = action.indexOf('*') >= 0;
        lines.add(
            (entry.equals(action) ? action : entry + " -> " + action)
                + (wildcard ? "  (wildcard: never expanded, grants nothing)" : ""));
      }
    }
    text.kv("permissions", node.size() + " in '" + claim + "'");
    lines.forEach(text::more);
    if (!dropped.isEmpty()) {
      notes.add(dropped.size() + " permission entr(ies) are unknown abbreviations and are dropped");
    }
  }

  private void roles() {
    String claim = payload.hasNonNull("roles") ? "roles" : "r";
    JsonNode node = payload.get(claim);
    if (node == null || node.isNull()) {
      return;
    }
    List<String> roles = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(r -> roles.add(r.isTextual() ? r.textValue() : r.toString()));
    } else {
      roles.add(node.isTextual() ? node.textValue() : node.toString());
    }
    ArrayNode out = json.putArray("roles");
    roles.forEach(out::add);
    text.kv("roles", roles.isEmpty() ? "(none)" : String.join(", ", roles));
  }

  private void simpleOrShort(String explicit, String shortForm) {
    String claim = payload.hasNonNull(explicit) ? explicit : shortForm;
    JsonNode node = payload.get(claim);
    if (node != null && !node.isNull()) {
      String value = node.isTextual() ? node.textValue() : node.toString();
      json.put(explicit, value);
      text.kv(explicit, value + (claim.equals(explicit) ? "" : " (from '" + claim + "')"));
    }
  }

  private void others() {
    List<String> rest = new ArrayList<>();
    for (Map.Entry<String, JsonNode> f : payload.properties()) {
      String name = f.getKey();
      if (SHOWN.contains(name) || List.of("scope", "s", "level", "l").contains(name)) {
        continue;
      }
      rest.add(name + "=" + display(name, f.getValue()));
    }
    if (!rest.isEmpty()) {
      text.kv("other claims", rest.get(0));
      rest.subList(1, rest.size()).forEach(text::more);
    }
  }

  private static String display(String name, JsonNode value) {
    if (looksLikeCredential(name)) {
      return redactedText(value);
    }
    return value.isTextual() ? value.textValue() : value.toString();
  }

  /** A copy of {@code node} with credential-like claims replaced by their size. */
  private static JsonNode redacted(JsonNode node) {
    if (!node.isObject()) {
      return node;
    }
    ObjectNode copy = Output.object();
    for (Map.Entry<String, JsonNode> f : node.properties()) {
      copy.set(
          f.getKey(),
          looksLikeCredential(f.getKey())
              ? copy.textNode(redactedText(f.getValue()))
              : redacted(f.getValue()));
    }
    return copy;
  }

  private static boolean looksLikeCredential(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return CREDENTIAL_WORDS.stream().anyMatch(lower::contains);
  }

  private static String redactedText(JsonNode value) {
    int length = value.isTextual() ? value.textValue().length() : value.toString().length();
    return "[redacted: " + length + " characters; claims carrying credentials are ignored]";
  }
}

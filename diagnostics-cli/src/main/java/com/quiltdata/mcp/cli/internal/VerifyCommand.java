package com.quiltdata.mcp.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.VerifierSource.KeyInfo;
import com.quiltdata.mcp.cli.CliContext;
import com.quiltdata.mcp.cli.ExitCode;
import com.quiltdata.mcp.jwt.JwtVerificationException;
import com.quiltdata.mcp.jwt.QuiltClaims;
import com.quiltdata.mcp.jwt.UnverifiedToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code verify}: checks a token exactly as the server would, and says why it fails. */
@Command(
    name = "verify",
    header = "Verify a token exactly as the server does; say why it fails.",
    description = {
      "Verify a token with the configured secret exactly as the server does (HS256 only,",
      "strict form, kid, expiry with 60 s skew, 24 h maximum lifetime, issuer and audience",
      "when given). Prints VALID with the claims the server would use, or INVALID with the",
      "reason code, a fix hint, the fingerprint of the configured key and the kid the token",
      "names."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  pbpaste | quilt-mcp-diag verify --server-env",
      "  quilt-mcp-diag verify --file token.txt --secret-env SECRET --kid frontend-enhanced \\",
      "      --issuer quilt-frontend --audience quilt-mcp-server",
      "  ... | quilt-mcp-diag verify --ssm-parameter /quilt/mcp-server/jwt-secret --json"
    })
final class VerifyCommand extends DiagCommand {
  @Mixin TokenInput input = new TokenInput();
  @Mixin SecretOptions secret = new SecretOptions();

  @Option(
      names = "--issuer",
      split = ",",
      paramLabel = "ISS",
      description =
          "Accepted iss value(s), comma-separated or repeated (default with --server-env:"
              + " MCP_JWT_ISSUER; otherwise not checked).")
  List<String> issuers = new ArrayList<>();

  @Option(
      names = "--audience",
      split = ",",
      paramLabel = "AUD",
      description =
          "Accepted aud value(s), comma-separated or repeated (default with --server-env:"
              + " MCP_JWT_AUDIENCE; otherwise not checked).")
  List<String> audiences = new ArrayList<>();

  VerifyCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  ExitCode run(Output out) {
    String token = input.read(ctx, out);
    Set<String> iss = accepted(issuers, "MCP_JWT_ISSUER");
    Set<String> aud = accepted(audiences, "MCP_JWT_AUDIENCE");
    try (KeyLoader key = secret.load(ctx, out, b -> b.issuers(iss).audiences(aud))) {
      KeyInfo info = key.source().keyInfo();
      ObjectNode json = Output.object();
      json.put("command", "verify");
      TextLines text = new TextLines();
      QuiltClaims claims;
      try {
        claims = key.source().current().verify(token);
      } catch (JwtVerificationException e) {
        invalid(e, token, info, iss, aud, json, text);
        out.result(json, text);
        return ExitCode.INVALID_TOKEN;
      }
      valid(claims, token, info, json, text);
      out.result(json, text);
      return ExitCode.OK;
    }
  }

  private Set<String> accepted(List<String> given, String variable) {
    List<String> values = new ArrayList<>();
    if (!given.isEmpty()) {
      values.addAll(given);
    } else if (secret.source.serverEnv && ctx.env().get(variable) != null) {
      values.addAll(List.of(ctx.env().get(variable).split(",")));
    }
    Set<String> out = new LinkedHashSet<>();
    for (String v : values) {
      if (!v.isBlank()) {
        out.add(v.trim());
      }
    }
    return out;
  }

  private void valid(
      QuiltClaims claims, String token, KeyInfo info, ObjectNode json, TextLines text) {
    Instant now = ctx.clock().instant();
    String fingerprint = UnverifiedToken.fingerprintOf(token);
    json.put("valid", true);
    token(json, fingerprint, null);
    key(json, info);
    ObjectNode c = json.putObject("claims");
    c.put("subject", claims.subject());
    c.put("kind", claims.kind().name().toLowerCase(java.util.Locale.ROOT));
    c.put("issuer", claims.issuer().orElse(null));
    strings(c.putArray("audiences"), claims.audiences());
    c.put("issuedAt", claims.issuedAt().map(Instant::toString).orElse(null));
    c.put("expiresAt", claims.expiresAt().toString());
    strings(c.putArray("buckets"), claims.buckets());
    strings(c.putArray("permissions"), claims.permissions());
    strings(c.putArray("roles"), claims.roles());
    strings(c.putArray("warnings"), claims.warnings());

    text.kv("VALID", "token " + fingerprint + " verifies with key " + describe(info));
    text.kv("subject", claims.subject());
    text.kv("kind", claims.kind().name().toLowerCase(java.util.Locale.ROOT));
    claims.issuer().ifPresent(i -> text.kv("issuer", i));
    if (!claims.audiences().isEmpty()) {
      text.kv("audience", String.join(", ", claims.audiences()));
    }
    text.kv("expires", TimeText.at(claims.expiresAt(), now));
    text.kv("buckets", claims.buckets().size() + list(claims.buckets()));
    text.kv("permissions", claims.permissions().size() + list(claims.permissions()));
    if (!claims.roles().isEmpty()) {
      text.kv("roles", String.join(", ", claims.roles()));
    }
    for (int i = 0; i < claims.warnings().size(); i++) {
      text.kv(i == 0 ? "warnings" : "", claims.warnings().get(i));
    }
  }

  private void invalid(
      JwtVerificationException e,
      String token,
      KeyInfo info,
      Set<String> iss,
      Set<String> aud,
      ObjectNode json,
      TextLines text) {
    UntrustedToken untrusted = parseQuietly(token);
    String tokenKid = untrusted == null ? null : untrusted.keyId();
    String fingerprint = UnverifiedToken.fingerprintOf(token);
    String hint = Failures.hint(e.reason());
    json.put("valid", false);
    json.put("reason", e.reason().name());
    json.put("message", e.getMessage());
    json.put("hint", hint);
    token(json, fingerprint, tokenKid);
    key(json, info);
    strings(json.putArray("acceptedIssuers"), List.copyOf(iss));
    strings(json.putArray("acceptedAudiences"), List.copyOf(aud));

    text.kv("INVALID", e.reason().name() + ": " + e.getMessage());
    text.kv("token", fingerprint);
    text.kv("key", describe(info));
    switch (e.reason()) {
      case BAD_SIGNATURE, UNKNOWN_KEY -> {
        text.kv("token kid", tokenKid == null ? "(none)" : tokenKid);
        text.kv("key kid", info.keyId() == null ? "(none)" : info.keyId());
      }
      case WRONG_ISSUER -> {
        text.kv("token iss", untrusted == null ? "?" : String.valueOf(untrusted.text("iss")));
        text.kv("accepted", String.join(", ", iss));
      }
      case WRONG_AUDIENCE -> {
        text.kv(
            "token aud", untrusted == null ? "?" : String.valueOf(untrusted.payload().get("aud")));
        text.kv("accepted", String.join(", ", aud));
      }
      case EXPIRED, NOT_YET_VALID, LIFETIME_TOO_LONG -> {
        if (untrusted != null) {
          ClaimView view = ClaimView.of(untrusted.payload(), ctx.clock().instant());
          for (String line : view.text().lines()) {
            if (line.startsWith("issued at")
                || line.startsWith("not before")
                || line.startsWith("expires")
                || line.startsWith("lifetime")) {
              text.line(line);
            }
          }
          text.kv("now", ctx.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }
      }
      default -> {}
    }
    text.kv("hint", hint);
  }

  private static UntrustedToken parseQuietly(String token) {
    try {
      return UntrustedToken.parse(token);
    } catch (CliFailure e) {
      return null;
    }
  }

  private static void token(ObjectNode json, String fingerprint, String kid) {
    ObjectNode t = json.putObject("token");
    t.put("fingerprint", fingerprint);
    if (kid != null) {
      t.put("keyId", kid);
    }
  }

  private static void key(ObjectNode json, KeyInfo info) {
    ObjectNode k = json.putObject("key");
    k.put("fingerprint", info.fingerprint());
    k.put("keyId", info.keyId());
    k.put("source", info.source());
    k.put("location", info.location());
    k.put("previousKeys", info.previousKeys());
  }

  static String describe(KeyInfo info) {
    return info.fingerprint()
        + " (kid "
        + (info.keyId() == null ? "(none)" : info.keyId())
        + ", "
        + info.source()
        + " "
        + info.location()
        + (info.previousKeys() > 0 ? ", " + info.previousKeys() + " previous key(s)" : "")
        + ")";
  }

  private static String list(List<String> values) {
    return values.isEmpty() ? "" : ": " + String.join(", ", values);
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}

package com.quiltdata.mcp.cli.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.cli.CliContext;
import com.quiltdata.mcp.cli.ExitCode;
import com.quiltdata.mcp.jwt.BucketCompression;
import com.quiltdata.mcp.jwt.BucketNames;
import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.PermissionAbbreviations;
import com.quiltdata.mcp.jwt.SigningKey;
import com.quiltdata.mcp.jwt.UnverifiedToken;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mint}: signs a development token; the token on stdout is the point. */
@Command(
    name = "mint",
    header = "Sign a development token (stdout) with a given secret.",
    description = {
      "Sign a DEVELOPMENT token with the given secret, shaped like the catalog frontend's",
      "(or, with --native, like the registry's). The token goes to stdout, a warning to",
      "stderr. A real registry never accepts it: it proves the shared secret and the claims",
      "path, not a user's identity."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  quilt-mcp-diag mint --secret-env SECRET --subject alice \\",
      "      --bucket quilt-demos,quilt-sales-raw --permission g,l --ttl 15m > token.txt",
      "  quilt-mcp-diag mint --server-env --subject bob --bucket b1 --form short \\",
      "      --compression groups | quilt-mcp-diag verify --server-env"
    })
final class MintCommand extends DiagCommand {
  private static final Duration MIN_TTL = Duration.ofMinutes(1);
  private static final Duration MAX_TTL = Duration.ofHours(24);

  @Mixin SecretOptions secret = new SecretOptions();

  @Option(
      names = "--subject",
      required = true,
      paramLabel = "USER",
      description = "The user: 'sub' (enhanced) or 'id' and 'uuid' (--native).")
  String subject;

  @Option(
      names = "--bucket",
      split = ",",
      paramLabel = "NAME",
      description = "Granted bucket(s), comma-separated or repeated.")
  List<String> buckets = new ArrayList<>();

  @Option(
      names = "--permission",
      split = ",",
      paramLabel = "ACTION",
      description =
          "Granted action(s): full (s3:GetObject) or the frontend's abbreviations (g p d l la gv"
              + " pa amu).")
  List<String> permissions = new ArrayList<>();

  @Option(names = "--role", split = ",", paramLabel = "ROLE", description = "Role name(s).")
  List<String> roles = new ArrayList<>();

  @Option(names = "--scope", paramLabel = "TEXT", description = "The 'scope' claim.")
  String scope;

  @Option(names = "--level", paramLabel = "TEXT", description = "The 'level' claim.")
  String level;

  @Option(
      names = "--issuer",
      paramLabel = "ISS",
      defaultValue = "quilt-frontend",
      description = "'iss' (default: ${DEFAULT-VALUE}; 'none' leaves it out).")
  String issuer;

  @Option(
      names = "--audience",
      paramLabel = "AUD",
      defaultValue = "quilt-mcp-server",
      description = "'aud' (default: ${DEFAULT-VALUE}; 'none' leaves it out).")
  String audience;

  @Option(
      names = "--ttl",
      paramLabel = "DURATION",
      defaultValue = "1h",
      converter = Durations.class,
      description = "Lifetime: 1 min to 24 h, e.g. 900, 15m, 1h, PT1H (default: ${DEFAULT-VALUE}).")
  Duration ttl;

  @Option(
      names = "--form",
      paramLabel = "FORM",
      defaultValue = "BOTH",
      description =
          "Claim spellings: explicit (buckets, permissions, ...), short (b, p, r, s, l) or both,"
              + " as the frontend sends (default: both).")
  JwtMinter.ClaimForm form;

  @Option(
      names = "--compression",
      paramLabel = "FORM",
      defaultValue = "AUTO",
      description =
          "Encoding of 'b': auto (the frontend's choice), none, groups, patterns or compressed"
              + " (default: auto).")
  BucketCompression compression;

  @Option(
      names = "--native",
      description = "Mint a registry-style token (id, uuid, exp only) instead.")
  boolean nativeToken;

  MintCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  ExitCode run(Output out) {
    if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
      throw CliFailure.usage(
          "--ttl must be between 1 minute and 24 hours",
          "servers reject tokens living longer than 24 h (LIFETIME_TOO_LONG)");
    }
    List<String> actions = actions();
    for (String bucket : buckets) {
      if (!BucketNames.isValid(bucket)) {
        out.warn(
            "'"
                + bucket
                + "' is not a valid S3 bucket name: the server drops it and it grants nothing");
      }
    }
    try (KeyLoader key = secret.load(ctx, out, b -> {})) {
      SigningKey signingKey = key.source().current().config().keyRing().current();
      JwtMinter minter = JwtMinter.create(signingKey, ctx.clock());
      String token;
      try {
        token =
            nativeToken
                ? minter.nativeToken(subject, ttl)
                : minter
                    .enhanced(subject)
                    .issuer(optional(issuer))
                    .audience(optional(audience))
                    .buckets(distinct(buckets))
                    .compression(compression)
                    .permissions(actions)
                    .roles(roles)
                    .scope(scope)
                    .level(level)
                    .ttl(ttl)
                    .form(form)
                    .mint();
      } catch (IllegalArgumentException e) {
        throw CliFailure.usage(
            "the token cannot be built: " + e.getMessage(),
            "--compression groups cannot carry names without '-'; try auto");
      }
      Instant expires = ctx.clock().instant().plus(ttl).truncatedTo(ChronoUnit.SECONDS);
      String fingerprint = UnverifiedToken.fingerprintOf(token);
      out.warn(
          "DEVELOPMENT token "
              + fingerprint
              + " for '"
              + subject
              + "', signed with key "
              + signingKey.fingerprint()
              + ", expires "
              + expires
              + ": for testing only, never hand it to users; a real registry does not accept it");
      if (out.json()) {
        ObjectNode json = Output.object();
        json.put("command", "mint");
        json.put("token", token);
        json.put("fingerprint", fingerprint);
        json.put("keyFingerprint", signingKey.fingerprint());
        json.put("keyId", signingKey.keyId());
        json.put("kind", nativeToken ? "native" : "enhanced");
        json.put("expiresAt", expires.toString());
        out.result(json, new TextLines());
      } else {
        out.token(token);
      }
      return ExitCode.OK;
    }
  }

  private List<String> actions() {
    PermissionAbbreviations.Expansion expansion = PermissionAbbreviations.expand(permissions);
    if (!expansion.dropped().isEmpty()) {
      throw CliFailure.usage(
          "unknown permission(s): " + String.join(", ", expansion.dropped()),
          "use full actions (s3:GetObject) or the abbreviations g p d l la gv pa amu");
    }
    return expansion.actions();
  }

  private static List<String> distinct(List<String> values) {
    return List.copyOf(new LinkedHashSet<>(values));
  }

  private static String optional(String value) {
    return value == null || value.isEmpty() || value.toLowerCase(Locale.ROOT).equals("none")
        ? null
        : value;
  }
}

package com.quiltdata.mcp.cli.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.BearerToken;
import com.quiltdata.mcp.auth.CredentialSource;
import com.quiltdata.mcp.auth.IssuedCredentials;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.cli.CliContext;
import com.quiltdata.mcp.cli.ExitCode;
import com.quiltdata.mcp.jwt.QuiltClaims;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code exchange}: asks the registry for the token's AWS credentials, as the server would. */
@Command(
    name = "exchange",
    header = "Exchange a token at the registry for AWS credentials (keys redacted).",
    description = {
      "Exchange a token at the registry (GET {registry}/api/auth/get_credentials) exactly as",
      "the server does (no redirects, 10 s timeout, 64 KiB answer, credentials must outlive",
      "5 min). Shows who issued what and until when; keys are never shown, only the last four",
      "characters of the access key id."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  pbpaste | quilt-mcp-diag exchange --registry https://registry.example.com",
      "  quilt-mcp-diag exchange --file token.txt --json     # registry from QUILT_REGISTRY_URL"
    })
final class ExchangeCommand extends DiagCommand {
  @Mixin TokenInput input = new TokenInput();

  @Option(
      names = "--registry",
      paramLabel = "URL",
      description = "The Quilt registry (default: QUILT_REGISTRY_URL).")
  String registry;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = Durations.class,
      description = "Time allowed for the whole exchange (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  ExchangeCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  ExitCode run(Output out) {
    URI url = RegistryUrl.resolve(registry, ctx.env().get(RegistryUrl.VARIABLE));
    if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(Duration.ofMinutes(2)) > 0) {
      throw CliFailure.usage("--timeout must be between 1 s and 2 min", null);
    }
    String token = input.read(ctx, out);
    BearerToken bearer;
    try {
      bearer = BearerToken.of(token);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(
          ExitCode.INVALID_TOKEN,
          "MALFORMED",
          "the token contains characters that cannot be sent in an HTTP header",
          "copy the token again");
    }
    Instant now = ctx.clock().instant();
    QuiltClaims unverified =
        QuiltClaims.builder("unverified", now.plus(Duration.ofHours(1))).build();
    CredentialSource source =
        CredentialSource.registry(url).clock(ctx.clock()).requestTimeout(timeout).build();
    IssuedCredentials issued = source.fetch(Principal.fromToken(unverified, bearer));

    ObjectNode json = Output.object();
    json.put("command", "exchange");
    json.put("ok", true);
    json.put("registry", RegistryUrl.describe(url));
    json.put("token", "sha256:" + bearer.fingerprint());
    json.put("accessKey", issued.accessKeyHint());
    json.put("session", issued.isSession());
    json.put("expiresAt", issued.expiresAt().map(Instant::toString).orElse(null));
    json.put("source", issued.source());

    TextLines text = new TextLines();
    text.kv(
        "ACCEPTED",
        "the registry at "
            + RegistryUrl.describe(url)
            + " issued credentials for token sha256:"
            + bearer.fingerprint());
    text.kv("access key", issued.accessKeyHint());
    text.kv("session", issued.isSession() ? "yes (temporary credentials)" : "no");
    text.kv(
        "expires", issued.expiresAt().map(t -> TimeText.at(t, now)).orElse("(does not expire)"));
    text.kv("source", issued.source());
    out.result(json, text);
    return ExitCode.OK;
  }
}

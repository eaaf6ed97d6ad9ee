package com.quiltdata.mcp.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.VerifierSource.KeyInfo;
import com.quiltdata.mcp.cli.CliContext;
import com.quiltdata.mcp.cli.ExitCode;
import com.quiltdata.mcp.jwt.KeyRing;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code fingerprint}: the kfp1: fingerprint of a secret, to compare signer and server. */
@Command(
    name = "fingerprint",
    header = "Print the kfp1: fingerprint of a secret, to compare signer and server.",
    description = {
      "Print the key fingerprint (kfp1: + 16 hex digits of an HMAC of a fixed label under the",
      "key). Run it where the catalog's secret lives and where the server's lives: equal",
      "fingerprints mean equal secrets; the secret itself is never shown. The first line is",
      "the fingerprint alone."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  read -rs SECRET && export SECRET && quilt-mcp-diag fingerprint --secret-env SECRET",
      "  quilt-mcp-diag fingerprint --server-env           # as the server configured here",
      "  quilt-mcp-diag fingerprint --ssm-parameter /quilt/mcp-server/jwt-secret --region us-east-1",
      "  kubectl get secret mcp -o jsonpath='{.data.jwt}' | base64 -d \\",
      "    | quilt-mcp-diag fingerprint --secret-file /dev/stdin"
    })
final class FingerprintCommand extends DiagCommand {
  @Mixin SecretOptions secret = new SecretOptions();

  FingerprintCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  ExitCode run(Output out) {
    try (KeyLoader key = secret.load(ctx, out, b -> {})) {
      KeyInfo info = key.source().keyInfo();
      String weakness = key.source().currentKeyWeakness().orElse(null);
      KeyRing ring = key.source().current().config().keyRing();
      Instant now = ctx.clock().instant();

      ObjectNode json = Output.object();
      json.put("command", "fingerprint");
      json.put("fingerprint", info.fingerprint());
      json.put("source", info.source());
      json.put("location", info.location());
      json.put("keyId", info.keyId());
      json.put("length", info.length());
      json.put("encoding", key.settings().encoding().name().toLowerCase(java.util.Locale.ROOT));
      json.put("weakness", weakness);
      ArrayNode previous = json.putArray("previous");

      TextLines text = new TextLines().line(info.fingerprint());
      text.kv("source", info.source() + " " + info.location());
      text.kv("key id", info.keyId() == null ? "(none)" : info.keyId());
      text.kv("length", info.length() + " bytes");
      text.kv("strength", weakness == null ? "no obvious weakness" : "WEAK: " + weakness);
      for (KeyRing.RetiredKey r : ring.previous()) {
        if (!now.isBefore(r.acceptedUntil())) {
          continue;
        }
        ObjectNode p = previous.addObject();
        p.put("fingerprint", r.key().fingerprint());
        p.put("keyId", r.key().keyId());
        p.put("acceptedUntil", r.acceptedUntil().toString());
        text.kv(
            "previous key",
            r.key().fingerprint() + " accepted until " + TimeText.at(r.acceptedUntil(), now));
      }
      if (weakness != null) {
        out.warn(
            "the secret looks weak ("
                + weakness
                + "): anyone who guesses it can forge tokens; generate one with: openssl rand"
                + " -base64 48");
      }
      out.result(json, text);
      return ExitCode.OK;
    }
  }
}

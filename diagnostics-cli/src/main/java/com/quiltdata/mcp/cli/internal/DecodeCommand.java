package com.quiltdata.mcp.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.cli.CliContext;
import com.quiltdata.mcp.cli.ExitCode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code decode}: shows a token's header and claims without trusting them. */
@Command(
    name = "decode",
    header = "Show a token's header and claims, untrusted (no signature check).",
    description = {
      "Show a token's header and claims WITHOUT checking its signature (untrusted data):",
      "subject, issuer, audience, times, the bucket list expanded from its compressed forms,",
      "permission abbreviations expanded. The token itself is never printed, only its",
      "sha256: fingerprint (the one the server logs)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  pbpaste | quilt-mcp-diag decode",
      "  quilt-mcp-diag decode --file token.txt --json | jq .buckets.names"
    })
final class DecodeCommand extends DiagCommand {
  static final String UNTRUSTED =
      "UNTRUSTED: decoded without checking the signature; run 'verify' to check it";

  @Mixin TokenInput input = new TokenInput();

  DecodeCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  ExitCode run(Output out) {
    String token = input.read(ctx, out);
    UntrustedToken untrusted = UntrustedToken.parse(token);
    ClaimView view = ClaimView.of(untrusted.payload(), ctx.clock().instant());

    ObjectNode json = Output.object();
    json.put("command", "decode");
    json.put("trusted", false);
    json.put("warning", UNTRUSTED);
    ObjectNode t = json.putObject("token");
    t.put("fingerprint", untrusted.fingerprint());
    t.put("length", untrusted.length());
    t.put("signatureBytes", untrusted.signatureBytes());
    json.set("header", untrusted.header());
    json.setAll(view.json());
    List<String> notes = new ArrayList<>(untrusted.notes());
    notes.addAll(view.notes());
    ArrayNode n = json.putArray("notes");
    notes.forEach(n::add);

    TextLines text = new TextLines().line(UNTRUSTED);
    text.kv("token", untrusted.fingerprint() + " (" + untrusted.length() + " characters)");
    text.kv("header", untrusted.header().toString());
    view.text().lines().forEach(text::line);
    for (int i = 0; i < notes.size(); i++) {
      text.kv(i == 0 ? "notes" : "", notes.get(i));
    }
    out.result(json, text);
    return ExitCode.OK;
  }
}

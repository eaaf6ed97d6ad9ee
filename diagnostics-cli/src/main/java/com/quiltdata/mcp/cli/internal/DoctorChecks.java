package com.quiltdata.mcp.cli.internal;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.auth.SecretSettings;
import com.quiltdata.mcp.auth.TokenPolicy;
import com.quiltdata.mcp.auth.VerifierSource.KeyInfo;
import com.quiltdata.mcp.cli.CliContext;
import com.quiltdata.mcp.cli.ExitCode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of {@code doctor}, run against an environment map with the server's variable names and
 * aliases (docs/configuration.md). Each check is independent where it can be; one that depends on a
 * failed one is SKIP.
 */
final class DoctorChecks {
  /** The catalog frontend's default {@code iss}. */
  static final String CATALOG_ISSUER = "quilt-frontend";

  /** The catalog frontend's default {@code aud}. */
  static final String CATALOG_AUDIENCE = "quilt-mcp-server";

  static final Duration SKEW_OK = Duration.ofSeconds(5);
  static final Duration SKEW_LIMIT = Duration.ofSeconds(60);

  private final CliContext ctx;
  private final Map<String, String> env;
  private final URI ssmEndpoint;
  private final Duration timeout;
  private final List<DoctorCheck> checks = new ArrayList<>();
  private String fingerprint;

  DoctorChecks(CliContext ctx, URI ssmEndpoint, Duration timeout) {
    this.ctx = ctx;
    this.env = ctx.env();
    this.ssmEndpoint = ssmEndpoint;
    this.timeout = timeout;
  }

  /** Runs every check in order. */
  List<DoctorCheck> run() {
    secret();
    TokenPolicy tokens = TokenPolicy.fromEnvironment(env);
    Set<String> issuers = tokens.issuers();
    Set<String> audiences = tokens.audiences();
    claimCheck("issuer", "MCP_JWT_ISSUER", issuers, CATALOG_ISSUER, CATALOG_AUDIENCE);
    claimCheck("audience", "MCP_JWT_AUDIENCE", audiences, CATALOG_AUDIENCE, CATALOG_ISSUER);
    registry();
    return List.copyOf(checks);
  }

  /** The key fingerprint, when the secret could be loaded. */
  String fingerprint() {
    return fingerprint;
  }

  private void secret() {
    SecretSettings settings;
    try {
      settings = SecretSettings.fromEnvironment(env);
    } catch (AuthException e) {
      checks.add(
          DoctorCheck.fail(
              "secret-config", e.getMessage(), Failures.hint(e.reason()), ExitCode.CONFIG_ERROR));
      skipKeyChecks("the secret settings are invalid");
      return;
    }
    checks.add(
        DoctorCheck.ok(
            "secret-config",
            settings.source().label()
                + " source "
                + settings.location()
                + (settings.source() == SecretSettings.Source.SSM
                    ? " in " + settings.ssmRegion().orElse("(no region)")
                    : "")
                + "; variables used: "
                + String.join(", ", settings.variablesUsed())));
    String sourceCheck = settings.source() == SecretSettings.Source.SSM ? "ssm" : "secret-read";
    try (KeyLoader key = KeyLoader.load(settings, ctx, ssmEndpoint, b -> {})) {
      KeyInfo info = key.source().keyInfo();
      fingerprint = info.fingerprint();
      checks.add(
          DoctorCheck.ok(
              sourceCheck,
              (settings.source() == SecretSettings.Source.SSM
                      ? "SSM reachable; parameter " + settings.location() + " read with decryption"
                      : "read " + settings.location())
                  + ": "
                  + info.length()
                  + " bytes (at least 32 needed), encoding "
                  + settings.encoding().name().toLowerCase(java.util.Locale.ROOT)));
      checks.add(
          key.source()
              .currentKeyWeakness()
              .map(
                  w ->
                      DoctorCheck.warn(
                          "secret-strength",
                          "the secret looks weak: " + w,
                          "anyone who guesses it can forge tokens; generate one with: openssl rand"
                              + " -base64 48, then update the catalog and the server"))
              .orElse(DoctorCheck.ok("secret-strength", "no obvious weakness")));
      checks.add(
          DoctorCheck.ok(
              "key-fingerprint",
              info.fingerprint()
                  + " kid "
                  + (info.keyId() == null ? "(none)" : info.keyId())
                  + ", previous keys accepted: "
                  + info.previousKeys()
                  + "; compare with 'quilt-mcp-diag fingerprint' where the catalog's secret"
                  + " lives"));
    } catch (CliFailure f) {
      checks.add(DoctorCheck.fail(sourceCheck, f.getMessage(), f.hint(), f.exitCode()));
      skipKeyChecks("the secret could not be loaded");
    }
  }

  private void skipKeyChecks(String why) {
    checks.add(DoctorCheck.skip("secret-strength", why));
    checks.add(DoctorCheck.skip("key-fingerprint", why));
  }

  private void claimCheck(
      String name, String variable, Set<String> values, String expected, String swapped) {
    String claim = name.equals("issuer") ? "iss" : "aud";
    if (values.isEmpty()) {
      checks.add(
          DoctorCheck.warn(
              name,
              variable + " is not set: '" + claim + "' is not checked, any value is accepted",
              "set " + variable + "=" + expected + " (what the catalog frontend signs)"));
      return;
    }
    for (String v : values) {
      if (v.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f) || v.length() > 256) {
        checks.add(
            DoctorCheck.fail(
                name,
                variable + " holds an entry with spaces, control or non-ASCII characters",
                "use a comma list of plain values, e.g. " + expected,
                ExitCode.CONFIG_ERROR));
        return;
      }
    }
    if (values.contains(swapped) && !values.contains(expected)) {
      checks.add(
          DoctorCheck.fail(
              name,
              variable
                  + " lists "
                  + swapped
                  + ", the catalog's "
                  + (claim.equals("iss") ? "audience" : "issuer")
                  + ": the issuer and audience settings look swapped",
              "set MCP_JWT_ISSUER=" + CATALOG_ISSUER + " and MCP_JWT_AUDIENCE=" + CATALOG_AUDIENCE,
              ExitCode.CONFIG_ERROR));
      return;
    }
    if (!values.contains(expected)) {
      checks.add(
          DoctorCheck.warn(
              name,
              variable
                  + " = "
                  + String.join(",", values)
                  + ": tokens from a stock catalog ('"
                  + claim
                  + "' "
                  + expected
                  + ") are rejected",
              "make sure your signer sends one of these values, or add " + expected));
      return;
    }
    checks.add(DoctorCheck.ok(name, variable + " = " + String.join(",", values) + " (enforced)"));
  }

  private void registry() {
    URI url;
    try {
      url = RegistryUrl.resolve(null, env.get(RegistryUrl.VARIABLE));
    } catch (CliFailure f) {
      checks.add(
          DoctorCheck.fail(
              "registry-url",
              f.getMessage(),
              "required by the HTTP server (optional for stdio with a token); " + f.hint(),
              ExitCode.CONFIG_ERROR));
      checks.add(DoctorCheck.skip("registry", "no usable registry URL"));
      checks.add(DoctorCheck.skip("clock-skew", "no usable registry URL"));
      return;
    }
    String where = RegistryUrl.describe(url);
    checks.add(DoctorCheck.ok("registry-url", where));
    RegistryProbe.Answer answer = RegistryProbe.probe(url, ctx.clock(), timeout);
    checks.add(reachability(where, answer));
    checks.add(skew(answer));
  }

  private static DoctorCheck reachability(String where, RegistryProbe.Answer a) {
    String base = "the registry at " + where;
    if (!a.answered()) {
      return DoctorCheck.fail(
          "registry",
          base + " " + a.failure(),
          "check the URL, DNS, security groups / network policy and the registry's health",
          ExitCode.UNREACHABLE);
    }
    int s = a.status();
    String answered = base + " answered HTTP " + s + " to an unauthenticated credentials request";
    if (s == 401 || s == 403) {
      return DoctorCheck.ok("registry", answered + " (as expected: it wants a token)");
    }
    if (s >= 300 && s < 400) {
      return DoctorCheck.fail(
          "registry",
          answered
              + (a.location() == null ? "" : " redirecting to " + a.location())
              + "; the server never follows redirects",
          "set QUILT_REGISTRY_URL to the final URL (https, the registry's own host)",
          ExitCode.CONFIG_ERROR);
    }
    if (s == 404) {
      return DoctorCheck.fail(
          "registry",
          answered + ": there is no credentials endpoint here",
          "QUILT_REGISTRY_URL probably names the catalog; use the registry's URL",
          ExitCode.CONFIG_ERROR);
    }
    if (s >= 500) {
      return DoctorCheck.fail(
          "registry",
          answered,
          "the registry is unhealthy or a proxy in front of it fails; check its logs",
          ExitCode.UNREACHABLE);
    }
    return DoctorCheck.warn(
        "registry",
        answered + " (401 expected)",
        "check that QUILT_REGISTRY_URL names the Quilt registry");
  }

  private static DoctorCheck skew(RegistryProbe.Answer a) {
    if (!a.answered()) {
      return DoctorCheck.skip("clock-skew", "the registry did not answer");
    }
    if (a.registryTime() == null) {
      return DoctorCheck.warn(
          "clock-skew",
          "the registry sent no usable Date header; the skew cannot be measured",
          "compare the clocks by hand (date -u) or check NTP on both hosts");
    }
    Duration skew = Duration.between(a.localTime(), a.registryTime());
    String ahead = skew.isNegative() ? "this host is ahead of" : "this host is behind";
    String detail =
        skew.abs().getSeconds() < 1
            ? "this host and the registry agree to the second"
            : ahead + " the registry by " + TimeText.duration(skew.abs());
    if (skew.abs().compareTo(SKEW_OK) <= 0) {
      return DoctorCheck.ok("clock-skew", detail);
    }
    if (skew.abs().compareTo(SKEW_LIMIT) <= 0) {
      return DoctorCheck.warn(
          "clock-skew",
          detail + " (tokens tolerate 60 s)",
          "synchronise the clock with NTP (chrony / systemd-timesyncd / Amazon Time Sync)");
    }
    return DoctorCheck.fail(
        "clock-skew",
        detail
            + ": beyond the 60 s tolerance, fresh tokens look "
            + (skew.isNegative()
                ? "expired or credentials too short-lived"
                : "issued in the future")
            + "",
        "synchronise the clock with NTP (chrony / systemd-timesyncd / Amazon Time Sync)",
        ExitCode.CONFIG_ERROR);
  }
}

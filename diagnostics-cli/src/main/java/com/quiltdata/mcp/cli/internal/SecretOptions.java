package com.quiltdata.mcp.cli.internal;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.auth.SecretSettings;
import com.quiltdata.mcp.cli.CliContext;
import com.quiltdata.mcp.cli.ExitCode;
import com.quiltdata.mcp.jwt.VerifierConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where {@code verify}, {@code fingerprint} and {@code mint} get the signing secret: exactly one of
 * an environment variable (by name), a file, an SSM parameter, or the server's own variables. The
 * secret itself is never an option value, so it never reaches shell history.
 */
public final class SecretOptions {
  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  /** The mutually exclusive sources. */
  static final class Source {
    @Option(
        names = "--secret-env",
        paramLabel = "NAME",
        description = "Name of the environment variable holding the secret (not the secret).")
    String env;

    @Option(
        names = "--secret-file",
        paramLabel = "PATH",
        description =
            "File holding the secret (one trailing newline ignored); /dev/stdin reads it from a"
                + " pipe.")
    Path file;

    @Option(
        names = "--ssm-parameter",
        paramLabel = "NAME",
        description =
            "AWS SSM parameter holding the secret, read with decryption (needs --region or"
                + " AWS_REGION).")
    String ssmParameter;

    @Option(
        names = "--server-env",
        description =
            "Take the secret settings from the server's variables (MCP_JWT_SECRET,"
                + " MCP_JWT_SECRET_FILE, MCP_JWT_SECRET_SSM_PARAMETER, their aliases,"
                + " MCP_JWT_KID, ...), exactly as the server reads them.")
    boolean serverEnv;
  }

  @ArgGroup(exclusive = true, multiplicity = "1", heading = "Secret source (exactly one):%n")
  Source source;

  @Option(
      names = "--kid",
      paramLabel = "KID",
      description = "Key id (kid) of the key, as MCP_JWT_KID (commonly frontend-enhanced).")
  String keyId;

  @Option(
      names = "--encoding",
      paramLabel = "utf8|base64",
      description =
          "How the secret text becomes key bytes: utf8 (default, what the catalog uses) or strict"
              + " base64.")
  String encoding;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "AWS region of the SSM parameter (default: AWS_REGION, AWS_DEFAULT_REGION).")
  String region;

  @Option(
      names = "--ssm-endpoint",
      paramLabel = "URL",
      description = "SSM endpoint override (a VPC endpoint, or a local test endpoint).")
  URI ssmEndpoint;

  /**
   * Loads the key through auth-core.
   *
   * @throws CliFailure for a bad or missing secret
   */
  KeyLoader load(CliContext ctx, Output out, Consumer<VerifierConfig.Builder> verifierOptions) {
    return KeyLoader.load(settings(ctx, out), ctx, ssmEndpoint, verifierOptions);
  }

  /** Builds the secret settings from the options (and, with --server-env, the environment). */
  SecretSettings settings(CliContext ctx, Output out) {
    if (source.serverEnv) {
      if (keyId != null || encoding != null || region != null) {
        throw CliFailure.usage(
            "--server-env takes the key id, encoding and region from the environment",
            "drop --kid, --encoding and --region, or use another secret source");
      }
      try {
        return SecretSettings.fromEnvironment(ctx.env());
      } catch (AuthException e) {
        throw Failures.of(e);
      }
    }
    SecretSettings.Builder b = SecretSettings.builder();
    try {
      if (source.env != null) {
        b.environmentSecret(source.env, secretFromEnv(ctx, out, source.env));
      } else if (source.file != null) {
        b.fileSecret(source.file);
      } else {
        b.ssmParameter(source.ssmParameter);
        b.ssmRegion(region != null ? region : regionFromEnv(ctx));
      }
      b.keyId(keyId);
      if (encoding != null) {
        b.encoding(encoding(encoding));
      }
      return b.build();
    } catch (AuthException e) {
      throw Failures.of(e);
    }
  }

  private static String secretFromEnv(CliContext ctx, Output out, String name) {
    if (!VARIABLE_NAME.matcher(name).matches()) {
      out.sensitive(name);
      throw CliFailure.usage(
          "--secret-env takes the NAME of an environment variable (letters, digits and _), not"
              + " the secret itself; the value given is not shown",
          "export the secret first (read -rs SECRET; export SECRET) and pass --secret-env SECRET");
    }
    String value = ctx.env().get(name);
    if (value == null || value.isEmpty()) {
      throw new CliFailure(
          ExitCode.CONFIG_ERROR,
          "CONFIGURATION",
          "the environment variable " + name + " is not set or is empty",
          "export it in this shell (read -rs " + name + "; export " + name + ")");
    }
    out.sensitive(value);
    return value;
  }

  private static String regionFromEnv(CliContext ctx) {
    String region = ctx.env().get("AWS_REGION");
    if (region == null || region.isEmpty()) {
      region = ctx.env().get("AWS_DEFAULT_REGION");
    }
    return region == null || region.isEmpty() ? null : region;
  }

  private static SecretSettings.Encoding encoding(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "utf8", "utf-8" -> SecretSettings.Encoding.UTF8;
      case "base64" -> SecretSettings.Encoding.BASE64;
      default ->
          throw CliFailure.usage("--encoding must be utf8 or base64", "see docs/configuration.md");
    };
  }
}

package com.quiltdata.mcp.cli.internal;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.auth.RotatingVerifierSource;
import com.quiltdata.mcp.auth.SecretSettings;
import com.quiltdata.mcp.cli.CliContext;
import com.quiltdata.mcp.cli.ExitCode;
import com.quiltdata.mcp.jwt.VerifierConfig;
import java.net.URI;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Loads a signing key through auth-core exactly as the server does ({@link RotatingVerifierSource}:
 * decoding, length check, SSM with decryption and version history), and maps its failures to exit
 * statuses: configuration errors and unreadable files are {@link ExitCode#CONFIG_ERROR}, SSM
 * failures {@link ExitCode#UNREACHABLE}.
 */
final class KeyLoader implements AutoCloseable {
  private final SecretSettings settings;
  private final RotatingVerifierSource source;
  private final SsmClient ssm;

  private KeyLoader(SecretSettings settings, RotatingVerifierSource source, SsmClient ssm) {
    this.settings = settings;
    this.source = source;
    this.ssm = ssm;
  }

  /**
   * Loads the key.
   *
   * @param ssmEndpoint endpoint override for the SSM source, or null
   * @param verifierOptions issuers, audiences and the like for the verifier
   * @throws CliFailure when no usable key can be loaded
   */
  static KeyLoader load(
      SecretSettings settings,
      CliContext ctx,
      URI ssmEndpoint,
      Consumer<VerifierConfig.Builder> verifierOptions) {
    SsmClient ssm = null;
    try {
      RotatingVerifierSource.Builder builder =
          RotatingVerifierSource.builder(settings)
              .clock(ctx.clock())
              .verifierOptions(verifierOptions);
      if (settings.source() == SecretSettings.Source.SSM) {
        String region =
            settings
                .ssmRegion()
                .orElseThrow(
                    () ->
                        new CliFailure(
                            ExitCode.CONFIG_ERROR,
                            "CONFIGURATION",
                            "the SSM parameter " + settings.location() + " needs a region",
                            "pass --region or set AWS_REGION (or AWS_DEFAULT_REGION)"));
        ssm = SsmClients.create(region, ssmEndpoint, ctx.env());
        builder.ssmClient(ssm);
      }
      return new KeyLoader(settings, builder.build(), ssm);
    } catch (AuthException e) {
      close(ssm);
      throw failure(e, settings.source());
    } catch (RuntimeException e) {
      close(ssm);
      throw e;
    }
  }

  /** Maps a loading failure: an unreadable file is configuration, an unreadable SSM is not. */
  static CliFailure failure(AuthException e, SecretSettings.Source source) {
    if (e.reason() == AuthException.Reason.SECRET_UNAVAILABLE
        && source != SecretSettings.Source.SSM) {
      return new CliFailure(
          ExitCode.CONFIG_ERROR,
          e.reason().name(),
          e.getMessage(),
          "check the path and that this user may read the file");
    }
    return Failures.of(e);
  }

  SecretSettings settings() {
    return settings;
  }

  RotatingVerifierSource source() {
    return source;
  }

  @Override
  public void close() {
    source.close();
    close(ssm);
  }

  private static void close(SsmClient client) {
    if (client != null) {
      client.close();
    }
  }
}

package com.quiltdata.mcp.server.stdio;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.auth.CredentialSource;
import com.quiltdata.mcp.auth.CredentialsBroker;
import com.quiltdata.mcp.auth.DesktopCredentialsBroker;
import com.quiltdata.mcp.auth.EnvironmentReader;
import com.quiltdata.mcp.auth.EnvironmentVariable;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.RegistryCredentialsBroker;
import com.quiltdata.mcp.auth.RotatingVerifierSource;
import com.quiltdata.mcp.auth.SecretSettings;
import com.quiltdata.mcp.auth.TokenPolicy;
import com.quiltdata.mcp.auth.VerifierSource;
import com.quiltdata.mcp.jwt.JwtVerificationException;
import com.quiltdata.mcp.tools.assembly.QuiltTools;
import com.quiltdata.mcp.tools.assembly.QuiltToolsSettings;
import com.quiltdata.mcp.tools.diagnostics.DiagnosticsTools;
import com.quiltdata.mcp.tools.engine.CallLimits;
import com.quiltdata.mcp.tools.engine.McpEngine;
import com.quiltdata.mcp.tools.engine.ResultLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the stdio server ({@code java -jar quilt-mcp-stdio.jar}). The only class that
 * reads the environment.
 *
 * <p>Environment:
 *
 * <ul>
 *   <li>{@code QUILT_ACCESS_TOKEN}: optional Quilt token to run as; requires a signing secret to
 *       verify it (any source auth-core's {@code SecretSettings} reads: {@code MCP_JWT_SECRET},
 *       {@code MCP_JWT_SECRET_FILE}, {@code MCP_JWT_SECRET_SSM_PARAMETER} and their aliases),
 *       optionally {@code MCP_JWT_ISSUER}, {@code MCP_JWT_AUDIENCE} (comma lists). With a token,
 *       AWS credentials come from the Quilt registry at {@code QUILT_REGISTRY_URL}; without it,
 *       tools needing AWS answer that no credentials are available.
 *   <li>{@code QUILT_DESKTOP_BUCKETS}: without a token, the comma-separated buckets the synthetic
 *       desktop principal may use (default none); it holds s3:ListBucket, s3:GetObject and
 *       s3:PutObject. The subject is the local user name.
 *   <li>The tool set's settings ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL_S3}, limits, {@code
 *       MCP_TEST_TOOLS}, {@code MCP_READ_ONLY}): see {@code QuiltToolsSettings#fromEnvironment}.
 * </ul>
 *
 * <p>Exit status: 0 at end of input, 2 for a configuration problem (explained on stderr).
 */
public final class Main {
  /** Exit status for configuration problems. */
  static final int EXIT_CONFIGURATION = 2;

  /** {@code QUILT_ACCESS_TOKEN}: a Quilt token to run as. */
  static final EnvironmentVariable ACCESS_TOKEN =
      EnvironmentVariable.text("QUILT_ACCESS_TOKEN", null);

  /** {@code QUILT_DESKTOP_BUCKETS}: the desktop user's buckets, without a token. */
  static final EnvironmentVariable DESKTOP_BUCKETS =
      EnvironmentVariable.list("QUILT_DESKTOP_BUCKETS", null);

  /** {@code QUILT_REGISTRY_URL}: where a token is exchanged for AWS credentials. */
  static final EnvironmentVariable REGISTRY_URL =
      EnvironmentVariable.url("QUILT_REGISTRY_URL", null);

  /**
   * Every variable the stdio server reads: its own, the token policy's, the secret's, the tools'.
   */
  public static final List<EnvironmentVariable> VARIABLES = variables();

  private Main() {}

  /** Starts the server on stdin/stdout. */
  public static void main(String[] args) {
    PrintStream protocolOut = System.out;
    // Nothing but protocol messages may reach stdout: stray prints go to stderr instead. This
    // happens before any logger is created, so logging is initialised with stdout redirected.
    System.setOut(System.err);
    int status =
        run(System.getenv(), System.getProperty("user.name"), System.in, protocolOut, System.err);
    System.exit(status);
  }

  /**
   * Runs the server until end of input.
   *
   * @param env the environment variables
   * @param userName the local user name
   * @return the process exit status
   */
  static int run(
      Map<String, String> env, String userName, InputStream in, OutputStream out, PrintStream err) {
    Clock clock = Clock.systemUTC();
    Identity identity;
    QuiltToolsSettings toolSettings;
    CredentialsBroker broker;
    CallLimits callLimits;
    ResultLimits resultLimits;
    try {
      identity = identity(env, userName, clock);
      toolSettings = QuiltToolsSettings.fromEnvironment(env);
      callLimits = CallLimits.fromEnvironment(env);
      resultLimits = ResultLimits.fromEnvironment(env);
      broker = credentials(env);
    } catch (IllegalArgumentException | JwtVerificationException | AuthException e) {
      err.println("quilt-mcp-stdio: " + e.getMessage());
      return EXIT_CONFIGURATION;
    }
    QuiltTools.Builder assembly =
        QuiltTools.builder(DiagnosticsTools.Environment.DESKTOP, toolSettings).clock(clock);
    if (identity.verifiers() != null) {
      assembly.verifierSource(identity.verifiers());
    }
    try (QuiltTools tools = assembly.build()) {
      McpEngine engine =
          tools
              .configure(
                  McpEngine.builder()
                      .serverInfo("quilt-mcp", version())
                      .clock(clock)
                      .callLimits(callLimits)
                      .resultLimits(resultLimits)
                      .credentialsBroker(broker))
              .build();
      StdioServer.builder(engine, identity.principal()).input(in).output(out).build().run();
      return 0;
    } catch (IOException e) {
      Logger log = LoggerFactory.getLogger(Main.class);
      log.warn("stdin could not be read: {}", e.getClass().getSimpleName());
      return 1;
    }
  }

  /** Who the server runs as, and the verifier source that checked the token (null without one). */
  private record Identity(Principal principal, VerifierSource verifiers) {}

  private static Identity identity(Map<String, String> env, String userName, Clock clock) {
    EnvironmentReader reader = EnvironmentReader.of(env);
    String token = blankToNull(reader.text(ACCESS_TOKEN));
    if (token == null) {
      return new Identity(
          DesktopPrincipals.desktop(userName, reader.text(DESKTOP_BUCKETS), clock), null);
    }
    SecretSettings settings;
    try {
      settings = SecretSettings.fromEnvironment(env);
    } catch (AuthException e) {
      throw new IllegalArgumentException(
          "QUILT_ACCESS_TOKEN is set but no usable signing secret is configured, so the token"
              + " cannot be verified: "
              + e.getMessage()
              + " Or unset QUILT_ACCESS_TOKEN to run as the local desktop user.");
    }
    TokenPolicy tokens = TokenPolicy.fromEnvironment(env);
    VerifierSource source =
        RotatingVerifierSource.builder(settings)
            .verifierOptions(b -> b.issuers(tokens.issuers()).audiences(tokens.audiences()))
            .clock(clock)
            .build();
    try {
      return new Identity(DesktopPrincipals.fromToken(token, source), source);
    } catch (JwtVerificationException e) {
      throw new IllegalArgumentException(
          "QUILT_ACCESS_TOKEN was rejected (" + e.reason() + "): " + e.getMessage(), e);
    }
  }

  /**
   * Desktop principals use the local AWS chain; a token principal is exchanged at the registry when
   * {@code QUILT_REGISTRY_URL} is set, and otherwise gets no AWS credentials at all.
   */
  private static CredentialsBroker credentials(Map<String, String> env) {
    URI registry = EnvironmentReader.of(env).url(REGISTRY_URL);
    if (registry == null) {
      return DesktopCredentialsBroker.localChain();
    }
    CredentialsBroker tokens =
        RegistryCredentialsBroker.builder(CredentialSource.registry(registry).build()).build();
    return DesktopCredentialsBroker.of(CredentialSource.localChain(), tokens);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static List<EnvironmentVariable> variables() {
    List<EnvironmentVariable> out =
        new ArrayList<>(List.of(ACCESS_TOKEN, DESKTOP_BUCKETS, REGISTRY_URL));
    out.addAll(CallLimits.VARIABLES);
    out.addAll(ResultLimits.VARIABLES);
    out.addAll(TokenPolicy.VARIABLES);
    out.addAll(SecretSettings.VARIABLES);
    out.addAll(QuiltToolsSettings.VARIABLES);
    return List.copyOf(out);
  }

  private static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }
}

package com.quiltdata.mcp.server.stdio;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.auth.CredentialSource;
import com.quiltdata.mcp.auth.CredentialsBroker;
import com.quiltdata.mcp.auth.DesktopCredentialsBroker;
import com.quiltdata.mcp.auth.PolicyAuthorizer;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.RegistryCredentialsBroker;
import com.quiltdata.mcp.auth.RotatingVerifierSource;
import com.quiltdata.mcp.auth.SecretSettings;
import com.quiltdata.mcp.auth.VerifierSource;
import com.quiltdata.mcp.jwt.JwtVerificationException;
import com.quiltdata.mcp.tools.McpEngine;
import com.quiltdata.mcp.tools.TestTools;
import com.quiltdata.mcp.tools.s3.S3Settings;
import com.quiltdata.mcp.tools.s3.S3Tools;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
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
 *   <li>{@code MCP_TEST_TOOLS=conformance}: serve the conformance test tools (never in production).
 *   <li>The S3 tools' settings ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL_S3}, limits): see
 *       {@link S3Settings#fromEnvironment}.
 * </ul>
 *
 * <p>Exit status: 0 at end of input, 2 for a configuration problem (explained on stderr).
 */
public final class Main {
  /** Exit status for configuration problems. */
  static final int EXIT_CONFIGURATION = 2;

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
    Principal principal;
    TestTools testTools;
    S3Settings s3Settings;
    try {
      principal = principal(env, userName, clock);
      testTools = TestTools.parse(env.get("MCP_TEST_TOOLS"));
      s3Settings = S3Settings.fromEnvironment(env);
    } catch (IllegalArgumentException | JwtVerificationException | AuthException e) {
      err.println("quilt-mcp-stdio: " + e.getMessage());
      return EXIT_CONFIGURATION;
    }
    McpEngine.Builder builder =
        McpEngine.builder()
            .serverInfo("quilt-mcp", version())
            .instructions(
                "Quilt data tools. Call auth_status to see who you are and which buckets you may"
                    + " use.")
            .clock(clock)
            .testTools(testTools);
    try {
      builder.credentialsBroker(credentials(env));
    } catch (IllegalArgumentException e) {
      err.println("quilt-mcp-stdio: " + e.getMessage());
      return EXIT_CONFIGURATION;
    }
    try (S3Tools s3 = S3Tools.create(s3Settings)) {
      builder.addTools(s3.tools());
      // The authorization table covers every tool served, the S3 tools included.
      builder.authorizer(PolicyAuthorizer.of(builder.requirements()));
      McpEngine engine = builder.build();
      StdioServer.builder(engine, principal).input(in).output(out).build().run();
      return 0;
    } catch (IOException e) {
      Logger log = LoggerFactory.getLogger(Main.class);
      log.warn("stdin could not be read: {}", e.getClass().getSimpleName());
      return 1;
    }
  }

  private static Principal principal(Map<String, String> env, String userName, Clock clock) {
    String token = blankToNull(env.get("QUILT_ACCESS_TOKEN"));
    if (token == null) {
      return DesktopPrincipals.desktop(userName, env.get("QUILT_DESKTOP_BUCKETS"), clock);
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
    Set<String> issuers = commaSet(env.get("MCP_JWT_ISSUER"));
    Set<String> audiences = commaSet(env.get("MCP_JWT_AUDIENCE"));
    VerifierSource source =
        RotatingVerifierSource.builder(settings)
            .verifierOptions(b -> b.issuers(issuers).audiences(audiences))
            .clock(clock)
            .build();
    try {
      return DesktopPrincipals.fromToken(token, source);
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
    String registry = blankToNull(env.get("QUILT_REGISTRY_URL"));
    if (registry == null) {
      return DesktopCredentialsBroker.localChain();
    }
    CredentialsBroker tokens =
        RegistryCredentialsBroker.builder(CredentialSource.registry(URI.create(registry)).build())
            .build();
    return DesktopCredentialsBroker.of(CredentialSource.localChain(), tokens);
  }

  private static Set<String> commaSet(String value) {
    Set<String> out = new LinkedHashSet<>();
    if (value != null) {
      Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
    }
    return out;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }
}

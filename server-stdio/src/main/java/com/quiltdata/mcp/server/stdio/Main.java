package com.quiltdata.mcp.server.stdio;

import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.VerifierSource;
import com.quiltdata.mcp.jwt.JwtVerificationException;
import com.quiltdata.mcp.jwt.SigningKey;
import com.quiltdata.mcp.tools.McpEngine;
import com.quiltdata.mcp.tools.TestTools;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
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
 *   <li>{@code QUILT_ACCESS_TOKEN}: optional Quilt token to run as; requires {@code MCP_JWT_SECRET}
 *       (at least 32 bytes) to verify it, optionally {@code MCP_ENHANCED_JWT_KID}, {@code
 *       MCP_JWT_ISSUER}, {@code MCP_JWT_AUDIENCE} (comma lists).
 *   <li>{@code QUILT_DESKTOP_BUCKETS}: without a token, the comma-separated buckets the synthetic
 *       desktop principal may use (default none); it holds s3:ListBucket, s3:GetObject and
 *       s3:PutObject. The subject is the local user name.
 *   <li>{@code MCP_TEST_TOOLS=conformance}: serve the conformance test tools (never in production).
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
    try {
      principal = principal(env, userName, clock);
      testTools = TestTools.parse(env.get("MCP_TEST_TOOLS"));
    } catch (IllegalArgumentException | JwtVerificationException e) {
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
    // replaced by auth-core's Authorizer implementation (and a CredentialsBroker) once merged
    builder.authorizer(new InterimAuthorizer(builder.requirements()));
    McpEngine engine = builder.build();
    try {
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
    // replaced by auth-core SecretSettings once merged
    String secret = blankToNull(env.get("MCP_JWT_SECRET"));
    if (secret == null) {
      throw new IllegalArgumentException(
          "QUILT_ACCESS_TOKEN is set but MCP_JWT_SECRET is not: the token cannot be verified."
              + " Set MCP_JWT_SECRET to the catalog's signing secret (at least 32 bytes), or unset"
              + " QUILT_ACCESS_TOKEN to run as the local desktop user.");
    }
    SigningKey key = SigningKey.ofUtf8(blankToNull(env.get("MCP_ENHANCED_JWT_KID")), secret);
    VerifierSource source =
        new StaticVerifierSource(
            key,
            commaSet(env.get("MCP_JWT_ISSUER")),
            commaSet(env.get("MCP_JWT_AUDIENCE")),
            clock,
            "MCP_JWT_SECRET");
    try {
      return DesktopPrincipals.fromToken(token, source);
    } catch (JwtVerificationException e) {
      throw new IllegalArgumentException(
          "QUILT_ACCESS_TOKEN was rejected (" + e.reason() + "): " + e.getMessage(), e);
    }
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

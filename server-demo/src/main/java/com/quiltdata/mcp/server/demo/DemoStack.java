package com.quiltdata.mcp.server.demo;

import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.VerifierConfig;
import com.quiltdata.mcp.server.http.QuiltMcpHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The running demo: the embedded S3 server, the Athena and Glue stand-in, the credential issuer and
 * the production MCP server, started in that order and stopped in reverse by {@link #close()}.
 *
 * <p>The MCP server is started through {@link QuiltMcpHttpServer#start} with an environment map
 * built here, so it runs the production start-up and request path unchanged: it verifies the demo
 * token with the generated secret, exchanges it at the issuer (its {@code QUILT_REGISTRY_URL}) for
 * the S3 credentials, and signs S3 requests to the embedded server ({@code AWS_ENDPOINT_URL_S3},
 * path-style) and Athena requests to the stand-in ({@code AWS_ENDPOINT_URL_ATHENA}) with them. The
 * process's own AWS credentials are never consulted: web mode only ever uses the credentials the
 * registry (here the issuer) issues.
 */
final class DemoStack implements AutoCloseable {
  /** The demo user. */
  static final String SUBJECT = "demo-user@quilt-mcp.local";

  /** What the demo token grants in the sample bucket: list, read and write. */
  static final List<String> S3_ACTIONS = List.of("s3:ListBucket", "s3:GetObject", "s3:PutObject");

  /**
   * What the demo token grants in Athena: every action of the read-only athena_* tools (queries,
   * their status, results, history and cancelling, workgroups, databases, tables), not the
   * tabulator catalog's.
   */
  static final List<String> ATHENA_ACTIONS =
      List.of(
          "athena:ListWorkGroups",
          "athena:GetWorkGroup",
          "athena:StartQueryExecution",
          "athena:GetQueryExecution",
          "athena:GetQueryResults",
          "athena:StopQueryExecution",
          "athena:ListQueryExecutions",
          "athena:BatchGetQueryExecution",
          "athena:ListDatabases",
          "athena:ListTableMetadata",
          "athena:GetTableMetadata");

  /** Everything the demo token grants. */
  static final List<String> ACTIONS =
      java.util.stream.Stream.concat(S3_ACTIONS.stream(), ATHENA_ACTIONS.stream()).toList();

  /** The {@code iss} of the demo token, enforced by the server and the issuer. */
  static final String ISSUER = "quilt-frontend";

  /** The {@code aud} of the demo token, enforced by the server and the issuer. */
  static final String AUDIENCE = "quilt-mcp-server";

  /** How long the demo token is valid. */
  static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

  /** How long issued S3 credentials are said to be valid. */
  static final Duration CREDENTIAL_LIFETIME = Duration.ofHours(1);

  /** The region handed to the S3 client (S3Proxy ignores it; signing needs one). */
  static final String REGION = "us-east-1";

  /** The address everything binds. */
  static final String HOST = "127.0.0.1";

  private static final String PREFIX = "quilt-mcp-demo: ";

  private final EmbeddedS3 s3;
  private final DemoAthena athena;
  private final CredentialIssuer issuer;
  private final QuiltMcpHttpServer server;
  private final Path dataDirectory;
  private final String token;
  private final Instant tokenExpiresAt;
  private final DemoSecret secret;
  private final S3Keys keys;
  private final PrintStream out;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DemoStack(
      EmbeddedS3 s3,
      DemoAthena athena,
      CredentialIssuer issuer,
      QuiltMcpHttpServer server,
      Path dataDirectory,
      String token,
      Instant tokenExpiresAt,
      DemoSecret secret,
      S3Keys keys,
      PrintStream out) {
    this.s3 = s3;
    this.athena = athena;
    this.issuer = issuer;
    this.server = server;
    this.dataDirectory = dataDirectory;
    this.token = token;
    this.tokenExpiresAt = tokenExpiresAt;
    this.secret = secret;
    this.keys = keys;
    this.out = out;
  }

  /**
   * Starts everything, printing one progress line per component and then the banner to {@code out}.
   *
   * @throws DemoStartException with a one-line reason and exit status; whatever had started is
   *     stopped again
   */
  static DemoStack start(LaunchOptions options, PrintStream out, Clock clock, SecureRandom random) {
    Path data = prepareDataDirectory(options.dataDirectory());
    out.println(PREFIX + "data directory " + data);
    DemoSecret secret = DemoSecret.generate(random);
    S3Keys keys = S3Keys.generate(random);
    EmbeddedS3 s3 = EmbeddedS3.start(data.resolve("s3"), options.s3Port(), keys);
    DemoAthena athena = null;
    CredentialIssuer issuer = null;
    QuiltMcpHttpServer server = null;
    try {
      SampleBucket.Seeded seeded = SampleBucket.seed(s3.store());
      out.println(
          PREFIX
              + "embedded S3 (S3Proxy) started on "
              + s3.endpoint()
              + "; bucket "
              + SampleBucket.NAME
              + ": "
              + seeded.created()
              + " sample objects written, "
              + seeded.present()
              + " already there");
      athena = DemoAthena.start(data.resolve("s3"), keys);
      out.println(
          PREFIX
              + "Athena and Glue stand-in (DuckDB) started on "
              + athena.endpoint()
              + "; table "
              + DemoAthena.DATABASE
              + "."
              + DemoAthena.TABLE
              + " reads s3://"
              + SampleBucket.NAME
              + "/"
              + DemoAthena.OBJECT);
      JwtVerifier verifier =
          JwtVerifier.create(
              VerifierConfig.builder(KeyRing.of(secret.signingKey()))
                  .clock(clock)
                  .issuers(Set.of(ISSUER))
                  .audiences(Set.of(AUDIENCE))
                  .build());
      issuer =
          CredentialIssuer.start(
              options.registryPort(), verifier, keys, CREDENTIAL_LIFETIME, clock, random);
      out.println(PREFIX + "credential issuer started on " + issuer.url() + CredentialIssuer.PATH);
      server =
          startServer(
              environment(secret, issuer.url(), s3.endpoint(), athena.endpoint(), options.port()));
      URI mcpUrl = mcpUrl(server.port());
      out.println(PREFIX + "MCP server started on " + mcpUrl);
      Instant expiresAt = clock.instant().plus(TOKEN_LIFETIME).truncatedTo(ChronoUnit.SECONDS);
      String token =
          JwtMinter.create(secret.signingKey(), clock)
              .enhanced(SUBJECT)
              .issuer(ISSUER)
              .audience(AUDIENCE)
              .buckets(List.of(SampleBucket.NAME))
              .permissions(ACTIONS)
              .ttl(TOKEN_LIFETIME)
              .mint();
      out.println(PREFIX + seedPackage(s3, mcpUrl, token));
      DemoStack stack =
          new DemoStack(s3, athena, issuer, server, data, token, expiresAt, secret, keys, out);
      out.println(DemoBanner.render(stack.details()));
      out.flush();
      return stack;
    } catch (RuntimeException e) {
      if (server != null) {
        server.close();
      }
      if (issuer != null) {
        issuer.close();
      }
      if (athena != null) {
        athena.close();
      }
      s3.close();
      throw e;
    }
  }

  /**
   * Creates the sample package through the running server; a refusal is reported on the progress
   * line rather than stopping the demo, whose S3 tools work without it.
   */
  private static String seedPackage(EmbeddedS3 s3, URI mcpUrl, String token) {
    try {
      SamplePackage.Seeded seeded = SamplePackage.seed(s3.store(), mcpUrl, token);
      return seeded.created()
          ? "sample package "
              + SamplePackage.NAME
              + " created with package_create (top hash "
              + seeded.topHash()
              + ")"
          : "sample package " + SamplePackage.NAME + " already there";
    } catch (IllegalStateException e) {
      return "sample package " + SamplePackage.NAME + " NOT created: " + e.getMessage();
    }
  }

  /**
   * The variables the production server is started with. Everything it needs comes from here; the
   * process environment is not consulted.
   */
  static Map<String, String> environment(
      DemoSecret secret, URI registryUrl, URI s3Endpoint, URI athenaEndpoint, int port) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("MCP_HOST", HOST);
    env.put("MCP_PORT", Integer.toString(port));
    env.put("MCP_JWT_SECRET", secret.environmentValue());
    env.put("MCP_JWT_SECRET_ENCODING", "base64");
    env.put("MCP_JWT_ISSUER", ISSUER);
    env.put("MCP_JWT_AUDIENCE", AUDIENCE);
    env.put("QUILT_REGISTRY_URL", registryUrl.toString());
    env.put("AWS_ENDPOINT_URL_S3", s3Endpoint.toString());
    env.put("AWS_ENDPOINT_URL_ATHENA", athenaEndpoint.toString());
    env.put("AWS_REGION", REGION);
    return env;
  }

  private static QuiltMcpHttpServer startServer(Map<String, String> env) {
    ByteArrayOutputStream reason = new ByteArrayOutputStream();
    try (PrintStream err = new PrintStream(reason, true, StandardCharsets.UTF_8)) {
      return QuiltMcpHttpServer.start(env, err);
    } catch (QuiltMcpHttpServer.StartException e) {
      String line = reason.toString(StandardCharsets.UTF_8).strip();
      String hint =
          e.exitStatus() == 1 ? "; choose another port with --port, or 0 for any free port" : "";
      throw new DemoStartException(
          DemoStartException.EXIT_START_FAILURE,
          "the MCP server did not start: "
              + line.replaceFirst("^quilt-mcp-server: ", "").replaceAll("[\\r\\n]+", " ")
              + hint);
    }
  }

  /** Creates the directory (and {@code s3/} in it) and proves it can be written. */
  static Path prepareDataDirectory(Path directory) {
    Path data = directory.toAbsolutePath().normalize();
    try {
      Files.createDirectories(data.resolve("s3"));
      Path probe = Files.createTempFile(data, ".write-check-", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new DemoStartException(
          DemoStartException.EXIT_DATA_DIRECTORY,
          "the data directory "
              + data
              + " cannot be created or written ("
              + e.getClass().getSimpleName()
              + "); choose another with --data-dir");
    }
    return data;
  }

  private static URI mcpUrl(int port) {
    return URI.create("http://" + HOST + ":" + port + "/mcp");
  }

  /** What the banner shows. */
  DemoBanner.Details details() {
    return new DemoBanner.Details(
        mcpUrl(),
        token,
        tokenExpiresAt,
        SUBJECT,
        SampleBucket.NAME,
        S3_ACTIONS,
        dataDirectory,
        s3.endpoint(),
        athena.endpoint(),
        issuer.url(),
        secret.fingerprint());
  }

  /** The MCP endpoint. */
  URI mcpUrl() {
    return mcpUrl(server.port());
  }

  /** The demo user's bearer token. */
  String token() {
    return token;
  }

  /** The embedded S3 server. */
  URI s3Endpoint() {
    return s3.endpoint();
  }

  /** The Athena and Glue stand-in ({@code AWS_ENDPOINT_URL_ATHENA}). */
  DemoAthena athena() {
    return athena;
  }

  /** The credential issuer ({@code QUILT_REGISTRY_URL}). */
  URI registryUrl() {
    return issuer.url();
  }

  /** The signing secret (for the tests that prove it never reaches any output). */
  DemoSecret secret() {
    return secret;
  }

  /** The S3 key pair (for the tests that prove it never reaches any output). */
  S3Keys s3Keys() {
    return keys;
  }

  /** Credentials the issuer has handed out. */
  int credentialsIssued() {
    return issuer.issued();
  }

  /** Blocks until {@link #close()} has stopped the MCP server. */
  void awaitStop() throws InterruptedException {
    server.awaitStop();
  }

  /** Stops the MCP server (gracefully), then the issuer, Athena, then S3. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    out.println(PREFIX + "stopping");
    try {
      server.close();
    } finally {
      try {
        issuer.close();
      } finally {
        try {
          athena.close();
        } finally {
          s3.close();
        }
      }
    }
    out.println(PREFIX + "stopped");
    out.flush();
  }

  @Override
  public String toString() {
    return "DemoStack["
        + mcpUrl()
        + ", "
        + s3
        + ", "
        + athena
        + ", "
        + issuer
        + ", "
        + secret
        + "]";
  }
}

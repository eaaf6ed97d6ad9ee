package com.quiltdata.mcp.standins.athena;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.duckdb.DuckDBConnection;

/**
 * A local Amazon Athena and AWS Glue: the AWS JSON 1.1 protocol over HTTP on loopback ({@code POST
 * /}, {@code X-Amz-Target: AmazonAthena.<Operation>} or {@code AWSGlue.<Operation>}), running each
 * query for real on an embedded DuckDB over the tables it was seeded with. Every request must be
 * SigV4-signed by one of the configured access keys; which key signed what is recorded, so a test
 * can prove whose credentials were used.
 *
 * <pre>{@code
 * try (AthenaStandIn athena = AthenaStandIn.builder()
 *     .credentials("AKIDUSER", "secret")
 *     .seed("CREATE SCHEMA demo; CREATE TABLE demo.readings AS SELECT ...")
 *     .partitionKeys("demo", "readings", "year")
 *     .start()) {
 *   URI endpoint = athena.endpoint(); // AWS_ENDPOINT_URL_ATHENA
 * }
 * }</pre>
 */
public final class AthenaStandIn implements AutoCloseable {
  /** The data catalog every account has. */
  public static final String DEFAULT_CATALOG = "AwsDataCatalog";

  static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 1 << 20;
  private static final int OPEN_TIMEOUT_SECONDS = 120;

  /** A workgroup: its result location and whether it overrides the client's. */
  public record Workgroup(
      String name, String outputLocation, boolean enforceConfiguration, boolean enabled) {
    /** Validates the name. */
    public Workgroup {
      Objects.requireNonNull(name, "name");
    }
  }

  /** One request the stand-in answered: its operation and the access key that signed it. */
  public record Request(String target, String accessKey) {}

  /** The seeded database and the operations over it. */
  private record Engine(DuckDBConnection database, AthenaOperations athena, GlueOperations glue) {}

  private final HttpServer server;
  private final ExecutorService workers;
  private final ExecutorService http;
  private final CompletableFuture<Engine> engine;
  private final SigV4Check signatures;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private AthenaStandIn(Builder b) throws IOException, SQLException {
    this.signatures = new SigV4Check(b.secrets);
    this.workers = Executors.newFixedThreadPool(b.concurrency, daemon("athena-stand-in-query"));
    if (b.inBackground) {
      this.engine = new CompletableFuture<>();
      Thread opener =
          daemon("athena-stand-in-open")
              .newThread(
                  () -> {
                    try {
                      engine.complete(open(b));
                    } catch (SQLException | RuntimeException e) {
                      engine.completeExceptionally(e);
                    }
                  });
      opener.start();
    } else {
      this.engine = CompletableFuture.completedFuture(open(b));
    }
    this.http = Executors.newFixedThreadPool(4, daemon("athena-stand-in-http"));
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(http);
    server.createContext("/", this::handle);
    server.start();
  }

  private Engine open(Builder b) throws SQLException {
    DuckDBConnection database = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = database.createStatement()) {
      for (String sql : b.seeds) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      database.close();
      throw e;
    }
    TableCatalog tables = new TableCatalog(database, b.partitionKeys, b.locations);
    AthenaOperations athena =
        new AthenaOperations(
            b.clock,
            new LinkedHashMap<>(b.workgroups),
            List.copyOf(b.catalogs),
            tables,
            database::duplicate,
            workers,
            b.maxResultRows,
            b.minimumRunTime.toMillis());
    return new Engine(database, athena, new GlueOperations(tables));
  }

  /** A new builder: workgroup {@code primary} (no output location), catalog AwsDataCatalog. */
  public static Builder builder() {
    return new Builder();
  }

  /** Where to send requests: {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Every request answered so far, in order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The ids of the query executions a StopQueryExecution was received for. */
  public List<String> stopped() {
    return engine().athena().stopped();
  }

  /** The query text, workgroup and output location a query execution was started with. */
  public Map<String, String> execution(String id) {
    return engine().athena().describe(id);
  }

  /** Stops the server, the running queries and the database. */
  @Override
  public void close() {
    server.stop(0);
    engine.thenAccept(e -> e.athena().stopAll());
    workers.shutdownNow();
    http.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    engine.thenAccept(
        e -> {
          try {
            e.database().close();
          } catch (SQLException ignored) {
            // Closing an in-memory database only releases memory.
          }
        });
  }

  @Override
  public String toString() {
    return "AthenaStandIn[" + endpoint() + "]";
  }

  /**
   * The engine, waiting for it while it is opened in the background.
   *
   * @throws IllegalStateException when it could not be opened or took too long
   */
  private Engine engine() {
    try {
      return engine.get(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the database was being opened", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException(
          "the Athena stand-in's database did not open: " + cause.getMessage(), cause);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (!exchange.getRequestMethod().equals("POST") || body.length > MAX_BODY) {
        send(exchange, 400, error("InvalidRequestException", "POST / with a JSON body only"));
        return;
      }
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String path = exchange.getRequestURI().getRawPath();
      var signer =
          exchange.getRequestURI().getRawQuery() == null
              ? signatures.verify("POST", path, exchange.getRequestHeaders(), body)
              : java.util.Optional.<String>empty();
      if (signer.isEmpty()) {
        send(
            exchange,
            400,
            error(
                "UnrecognizedClientException",
                "The security token included in the request is invalid."));
        return;
      }
      requests.add(new Request(target, signer.get()));
      JsonNode request;
      try {
        request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
      } catch (IOException e) {
        send(exchange, 400, error("SerializationException", "The body is not JSON"));
        return;
      }
      Engine e;
      try {
        e = engine();
      } catch (IllegalStateException failed) {
        send(exchange, 500, error("InternalServerException", failed.getMessage()));
        return;
      }
      Answer answer;
      if (target != null && target.startsWith("AmazonAthena.")) {
        answer = e.athena().handle(target.substring(13), request, signer.get());
      } else if (target != null && target.startsWith("AWSGlue.")) {
        answer = e.glue().handle(target.substring(8), request);
      } else {
        answer = Answer.fail("UnknownOperationException", "Unknown X-Amz-Target");
      }
      send(exchange, answer.status(), answer.body());
    }
  }

  private static ObjectNode error(String type, String message) {
    return Answer.fail(type, message).body();
  }

  private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
    if (status != 200) {
      exchange.getResponseHeaders().set("x-amzn-ErrorType", body.path("__type").asText());
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final List<String> seeds = new ArrayList<>();
    private final Map<String, List<String>> partitionKeys = new LinkedHashMap<>();
    private final Map<String, String> locations = new LinkedHashMap<>();
    private final Map<String, Workgroup> workgroups = new LinkedHashMap<>();
    private final List<String> catalogs = new ArrayList<>(List.of(DEFAULT_CATALOG));
    private Clock clock = Clock.systemUTC();
    private int concurrency = 2;
    private int maxResultRows = 1_000_000;
    private boolean inBackground;
    private Duration minimumRunTime = Duration.ZERO;

    private Builder() {
      workgroups.put("primary", new Workgroup("primary", null, false, true));
    }

    /** An access key whose SigV4 signatures are accepted, with its secret. */
    public Builder credentials(String accessKeyId, String secretAccessKey) {
      secrets.put(
          Objects.requireNonNull(accessKeyId, "accessKeyId"),
          Objects.requireNonNull(secretAccessKey, "secretAccessKey"));
      return this;
    }

    /** SQL run once at start (schemas are databases: {@code CREATE SCHEMA demo; ...}). */
    public Builder seed(String sql) {
      seeds.add(Objects.requireNonNull(sql, "sql"));
      return this;
    }

    /** Which columns of a table Glue reports as its partition keys. */
    public Builder partitionKeys(String database, String table, String... columns) {
      partitionKeys.put(database + "." + table, List.of(columns));
      return this;
    }

    /** The storage location Glue reports for a table. */
    public Builder location(String database, String table, String s3Uri) {
      locations.put(database + "." + table, s3Uri);
      return this;
    }

    /** Adds or replaces a workgroup. */
    public Builder workgroup(Workgroup workgroup) {
      workgroups.put(workgroup.name(), workgroup);
      return this;
    }

    /** Removes a workgroup (e.g. {@code primary}). */
    public Builder withoutWorkgroup(String name) {
      workgroups.remove(name);
      return this;
    }

    /** Another data catalog name ListDataCatalogs reports (queries on it see the same tables). */
    public Builder catalog(String name) {
      catalogs.add(Objects.requireNonNull(name, "name"));
      return this;
    }

    /** The clock of submission and completion times. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Queries run at once; more wait QUEUED. Default 2. */
    public Builder concurrency(int value) {
      if (value < 1 || value > 16) {
        throw new IllegalArgumentException("concurrency must be between 1 and 16");
      }
      this.concurrency = value;
      return this;
    }

    /** The most rows a result may have before the query fails. Default 1,000,000. */
    public Builder maxResultRows(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxResultRows must be positive");
      }
      this.maxResultRows = value;
      return this;
    }

    /**
     * How long every query stays RUNNING at least, however fast DuckDB is (default none): a slow
     * query that still finishes, for progress and polling tests. A stop ends the wait at once.
     */
    public Builder minimumRunTime(Duration value) {
      Objects.requireNonNull(value, "minimumRunTime");
      if (value.isNegative() || value.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("minimumRunTime must be between 0 and 10 minutes");
      }
      this.minimumRunTime = value;
      return this;
    }

    /**
     * Opens and seeds the database on a thread of its own, so {@link #start()} returns once the
     * listener is up (loading DuckDB's native library takes seconds). Requests wait for it; a seed
     * that fails then fails every request ({@code InternalServerException}) instead of {@link
     * #start()}.
     */
    public Builder openInBackground() {
      this.inBackground = true;
      return this;
    }

    /** Seeds the database and starts listening on a free loopback port. */
    public AthenaStandIn start() {
      if (secrets.isEmpty()) {
        throw new IllegalStateException("at least one access key is required");
      }
      try {
        return new AthenaStandIn(this);
      } catch (IOException | SQLException e) {
        throw new IllegalStateException(
            "the Athena stand-in could not start: " + e.getMessage(), e);
      }
    }
  }
}

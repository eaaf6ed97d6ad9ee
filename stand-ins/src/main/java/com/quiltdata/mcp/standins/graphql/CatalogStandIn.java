package com.quiltdata.mcp.standins.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.jwt.JwtVerificationException;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.QuiltClaims;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeRuntimeWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The catalog's GraphQL endpoint on loopback: {@code POST /graphql} with {@code {query, variables}}
 * and the caller's bearer token, verified (HS256) before anything runs; 401 without a valid token.
 * Queries are validated against {@code catalog.graphqls} (the subset of the catalog's schema the
 * tools use) and executed over a {@link CatalogModel}. The registry URL is {@link #url()}.
 */
public final class CatalogStandIn implements AutoCloseable {
  /** Largest request body accepted. */
  public static final int MAX_BODY = 4 << 20;

  private final HttpServer server;
  private final ExecutorService executor;
  private final GraphQL graphql;
  private final JwtVerifier verifier;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger misses = new AtomicInteger();

  /** Which registry's schema the stand-in serves. */
  public enum Release {
    /** The newest schema (catalog.graphqls). */
    CURRENT,
    /** A registry from before role-scoped {@code Query.buckets}: only {@code bucketConfigs}. */
    WITHOUT_ROLE_SCOPED_BUCKETS,
    /**
     * A registry from before 2025-10: {@code bucketSetTabulatorTable} and {@code
     * bucketRenameTabulatorTable} only under {@code Mutation.admin}.
     */
    TABULATOR_UNDER_ADMIN
  }

  private static final String TABULATOR_MUTATIONS =
      "\n  bucketSetTabulatorTable(bucketName: String!, tableName: String!, config: String):"
          + " BucketSetTabulatorTableResult!"
          + "\n  bucketRenameTabulatorTable(bucketName: String!, tableName: String!,"
          + " newTableName: String!): BucketSetTabulatorTableResult!";

  private CatalogStandIn(CatalogModel model, JwtVerifier verifier, Release release)
      throws IOException {
    this.verifier = verifier;
    this.graphql = GraphQL.newGraphQL(schema(model, release)).build();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "catalog-standin");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/graphql", this::handle);
    server.createContext("/", this::miss);
    server.start();
  }

  /** Starts the stand-in on a free loopback port. */
  public static CatalogStandIn start(CatalogModel model, JwtVerifier verifier) {
    return start(model, verifier, Release.CURRENT);
  }

  /** Starts the stand-in serving the schema of {@code release}. */
  public static CatalogStandIn start(CatalogModel model, JwtVerifier verifier, Release release) {
    try {
      return new CatalogStandIn(
          Objects.requireNonNull(model),
          Objects.requireNonNull(verifier),
          Objects.requireNonNull(release));
    } catch (IOException e) {
      throw new IllegalStateException("catalog stand-in could not start", e);
    }
  }

  /** The registry URL ({@code /graphql} is under it). */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** GraphQL requests answered so far (including refused ones). */
  public int requests() {
    return requests.get();
  }

  /** Requests to any other path (answered 404 with a plain-text body, as a web server would). */
  public int misses() {
    return misses.get();
  }

  private void miss(HttpExchange ex) throws IOException {
    misses.incrementAndGet();
    try (ex) {
      byte[] body = "Not Found".getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "text/plain");
      ex.sendResponseHeaders(404, body.length);
      ex.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    try (ex) {
      if (!"POST".equals(ex.getRequestMethod())) {
        send(ex, 405, Map.of("message", "POST only"));
        return;
      }
      Caller caller = authenticate(ex.getRequestHeaders().getFirst("Authorization"));
      if (caller == null) {
        send(ex, 401, Map.of("message", "Invalid or missing token"));
        return;
      }
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (body.length > MAX_BODY) {
        send(ex, 413, Map.of("message", "Request too large"));
        return;
      }
      JsonNode req;
      try {
        req = Scalars.JSON.readTree(body);
      } catch (IOException e) {
        send(ex, 400, Map.of("message", "Body is not JSON"));
        return;
      }
      if (req == null || !req.path("query").isTextual()) {
        send(ex, 400, Map.of("message", "Body must hold a query string"));
        return;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> variables =
          req.path("variables").isObject()
              ? Scalars.JSON.convertValue(req.get("variables"), Map.class)
              : Map.of();
      ExecutionResult result =
          graphql.execute(
              ExecutionInput.newExecutionInput()
                  .query(req.get("query").asText())
                  .variables(variables)
                  .graphQLContext(Map.of(Caller.KEY, caller))
                  .build());
      send(ex, 200, result.toSpecification());
    }
  }

  private Caller authenticate(String header) {
    if (header == null || !header.startsWith("Bearer ")) {
      return null;
    }
    try {
      QuiltClaims c = verifier.verify(header.substring(7).trim());
      return new Caller(c.subject(), c.buckets(), c.roles());
    } catch (JwtVerificationException e) {
      return null;
    }
  }

  private static void send(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = Scalars.JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  static GraphQLSchema schema(CatalogModel model) {
    return schema(model, Release.CURRENT);
  }

  static GraphQLSchema schema(CatalogModel model, Release release) {
    Queries q = new Queries(model);
    Mutations m = new Mutations(model);
    Search s = new Search(model);
    Tabulator t = new Tabulator(model);
    boolean underAdmin = release == Release.TABULATOR_UNDER_ADMIN;
    @SuppressWarnings("rawtypes") // graphql-java's own signature
    Map<String, DataFetcher> tabulatorMutations =
        Map.of("bucketSetTabulatorTable", t.set(), "bucketRenameTabulatorTable", t.rename());
    RuntimeWiring wiring =
        RuntimeWiring.newRuntimeWiring()
            .scalar(Scalars.DATETIME)
            .scalar(Scalars.JSON_RECORD)
            .scalar(Scalars.CONTENTS)
            .type(
                "Query",
                b ->
                    b.dataFetcher("me", q.me())
                        .dataFetchers(
                            release == Release.CURRENT
                                ? Map.of("buckets", q.buckets(false))
                                : Map.of())
                        .dataFetcher("bucketConfigs", q.buckets(true))
                        .dataFetcher("packages", q.packages())
                        .dataFetcher("package", q.pkg())
                        .dataFetcher("searchPackages", s.search())
                        .dataFetcher("searchMorePackages", s.more())
                        .dataFetcher("bucketConfig", t.bucketConfig()))
            .type(
                "Mutation",
                b ->
                    b.dataFetcher("packageConstruct", m.construct())
                        .dataFetcher("packageRevisionDelete", m.revisionDelete())
                        .dataFetchers(
                            underAdmin
                                ? Map.<String, DataFetcher>of("admin", env -> Map.of())
                                : tabulatorMutations))
            .type(
                "AdminMutations",
                b ->
                    b.dataFetchers(underAdmin ? tabulatorMutations : Map.<String, DataFetcher>of()))
            .type("BucketConfig", b -> b.dataFetcher("tabulatorTables", t.tables()))
            .type("PackageList", b -> b.dataFetcher("page", q.packageListPage()))
            .type(
                "Package",
                b ->
                    b.dataFetcher("revisions", q.revisionList())
                        .dataFetcher("revision", q.revision()))
            .type("PackageRevisionList", b -> b.dataFetcher("page", q.revisionPage()))
            .type(
                "PackageRevision",
                b ->
                    b.dataFetcher("dir", q.dir())
                        .dataFetcher("file", q.file())
                        .dataFetcher("contentsFlatMap", q.contentsFlatMap()))
            .type("PackagesSearchResultSet", b -> b.dataFetcher("firstPage", s.firstPage()))
            .type(byType("PackageEntry"))
            .type(byType("PackageConstructResult"))
            .type(byType("PackageRevisionDeleteResult"))
            .type(byType("PackagesSearchResult"))
            .type(byType("PackagesSearchMoreResult"))
            .type(byType("BucketSetTabulatorTableResult"))
            .build();
    try (Reader sdl =
        new InputStreamReader(
            Objects.requireNonNull(CatalogStandIn.class.getResourceAsStream("catalog.graphqls")),
            StandardCharsets.UTF_8)) {
      String text = new java.io.BufferedReader(sdl).lines().collect(Collectors.joining("\n"));
      if (release == Release.WITHOUT_ROLE_SCOPED_BUCKETS) {
        String field = "\n  buckets: [BucketConfig!]!";
        if (!text.contains(field)) {
          throw new IllegalStateException("catalog.graphqls no longer declares Query.buckets");
        }
        text = text.replace(field, "");
      }
      if (underAdmin) {
        if (!text.contains(TABULATOR_MUTATIONS)) {
          throw new IllegalStateException(
              "catalog.graphqls no longer declares the tabulator fields");
        }
        text =
            text.replace(TABULATOR_MUTATIONS, "\n  admin: AdminMutations!")
                + "\ntype AdminMutations {"
                + TABULATOR_MUTATIONS
                + "\n}\n";
      }
      return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(text), wiring);
    } catch (IOException e) {
      throw new IllegalStateException("catalog.graphqls is unreadable", e);
    }
  }

  /** A union resolved by the {@code _type} key the fetchers put in each map. */
  private static TypeRuntimeWiring byType(String union) {
    return TypeRuntimeWiring.newTypeWiring(union)
        .typeResolver(
            env -> {
              Map<?, ?> m = env.getObject();
              return env.getSchema().getObjectType((String) m.get(Shapes.TYPE));
            })
        .build();
  }

  /** The schema's SDL file, as the stand-in serves it. */
  public static List<String> schemaResource() {
    return List.of("com/quiltdata/mcp/standins/graphql/catalog.graphqls");
  }
}

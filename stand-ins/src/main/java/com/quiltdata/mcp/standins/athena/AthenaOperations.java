package com.quiltdata.mcp.standins.athena;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;

/** The Athena operations, as the AWS API defines their input, output and errors. */
final class AthenaOperations {
  /** Opens a worker's own connection to the shared database. */
  @FunctionalInterface
  interface Connections {
    Connection open() throws SQLException;
  }

  private static final int MAX_QUERY_LENGTH = 262_144;

  private final Clock clock;
  private final Map<String, AthenaStandIn.Workgroup> workgroups;
  private final List<String> catalogs;
  private final TableCatalog tables;
  private final Connections connections;
  private final AthenaMetadata metadata;
  private final ExecutorService workers;
  private final int maxResultRows;
  private final long minimumRunMillis;
  private final Map<String, QueryRun> runs = new ConcurrentHashMap<>();
  private final List<String> order = new CopyOnWriteArrayList<>();
  private final Map<String, String> byClientToken = new ConcurrentHashMap<>();
  private final List<String> stopped = new CopyOnWriteArrayList<>();

  AthenaOperations(
      Clock clock,
      Map<String, AthenaStandIn.Workgroup> workgroups,
      List<String> catalogs,
      TableCatalog tables,
      Connections connections,
      ExecutorService workers,
      int maxResultRows,
      long minimumRunMillis) {
    this.clock = clock;
    this.workgroups = Map.copyOf(workgroups);
    this.catalogs = catalogs;
    this.tables = tables;
    this.connections = connections;
    this.workers = workers;
    this.maxResultRows = maxResultRows;
    this.minimumRunMillis = minimumRunMillis;
    this.metadata = new AthenaMetadata(this.workgroups, catalogs, tables);
  }

  Answer handle(String operation, JsonNode in, String accessKey) {
    try {
      return switch (operation) {
        case "StartQueryExecution" -> start(in, accessKey);
        case "GetQueryExecution" ->
            run(in).map(r -> ok("QueryExecution", execution(r))).orElse(missing(in));
        case "GetQueryResults" -> results(in);
        case "StopQueryExecution" -> stop(in);
        case "ListQueryExecutions" -> listExecutions(in);
        case "BatchGetQueryExecution" -> batchGet(in);
        default -> metadata.handle(operation, in);
      };
    } catch (SQLException e) {
      return Answer.fail("InternalServerException", "metadata could not be read");
    }
  }

  List<String> stopped() {
    return List.copyOf(stopped);
  }

  Map<String, String> describe(String id) {
    QueryRun r = runs.get(id);
    if (r == null) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    out.put("query", r.query);
    out.put("workgroup", r.workgroup);
    out.put("outputLocation", String.valueOf(r.outputLocation));
    out.put("accessKey", r.accessKey);
    out.put("state", r.state());
    return out;
  }

  void stopAll() {
    runs.values().forEach(QueryRun::stop);
  }

  private Answer start(JsonNode in, String accessKey) {
    String query = in.path("QueryString").asText("");
    if (query.isEmpty() || query.length() > MAX_QUERY_LENGTH) {
      return Answer.invalid("QueryString must be 1 to " + MAX_QUERY_LENGTH + " characters");
    }
    String token = in.path("ClientRequestToken").asText(null);
    if (token != null && byClientToken.containsKey(token)) {
      return ok("QueryExecutionId", byClientToken.get(token));
    }
    String wgName = in.path("WorkGroup").asText("primary");
    AthenaStandIn.Workgroup wg = workgroups.get(wgName);
    if (wg == null) {
      return Answer.invalid("WorkGroup " + wgName + " is not found.");
    }
    if (!wg.enabled()) {
      return Answer.invalid("WorkGroup " + wgName + " is disabled.");
    }
    String requested = in.path("ResultConfiguration").path("OutputLocation").asText(null);
    String output =
        wg.enforceConfiguration() || requested == null ? wg.outputLocation() : requested;
    if (output == null) {
      return Answer.invalid(
          "No output location provided. An output location is required either through the"
              + " Workgroup result configuration setting or as an API input.");
    }
    JsonNode ctx = in.path("QueryExecutionContext");
    String catalog = ctx.path("Catalog").asText(AthenaStandIn.DEFAULT_CATALOG);
    if (!catalogs.contains(catalog)) {
      return Answer.invalid("Catalog " + catalog + " is not found.");
    }
    String database = ctx.path("Database").asText(null);
    String id = UUID.randomUUID().toString();
    QueryRun run = new QueryRun(id, query, catalog, database, wgName, output, accessKey, clock);
    runs.put(id, run);
    order.add(0, id);
    if (token != null) {
      byClientToken.put(token, id);
    }
    workers.execute(
        () -> {
          try (Connection c = connections.open()) {
            run.execute(c, maxResultRows, minimumRunMillis);
          } catch (SQLException e) {
            run.stop();
          }
        });
    return ok("QueryExecutionId", id);
  }

  private Answer results(JsonNode in) {
    Optional<QueryRun> found = run(in);
    if (found.isEmpty()) {
      return missing(in);
    }
    QueryRun r = found.get();
    String state = r.state();
    if (!state.equals("SUCCEEDED")) {
      return Answer.invalid(
          r.isDone()
              ? "Query did not finish successfully. Final query state: " + state
              : "Query has not yet finished. Current state: " + state);
    }
    int max = in.path("MaxResults").asInt(1000);
    if (max < 1 || max > 1000) {
      return Answer.invalid("MaxResults must be between 1 and 1000");
    }
    boolean header = !r.columns().isEmpty();
    List<String[]> rows = r.rows();
    int total = rows.size() + (header ? 1 : 0);
    int offset = 0;
    String next = in.path("NextToken").asText(null);
    if (next != null) {
      offset = offsetOf(next, r.id);
      if (offset < 0 || offset > total) {
        return Answer.invalid("NextToken is invalid");
      }
    }
    ObjectNode out = AthenaStandIn.JSON.createObjectNode();
    ObjectNode set = out.putObject("ResultSet");
    ArrayNode info = set.putObject("ResultSetMetadata").putArray("ColumnInfo");
    for (QueryRun.Column c : r.columns()) {
      info.addObject()
          .put("CatalogName", "hive")
          .put("Name", c.name())
          .put("Label", c.name())
          .put("Type", c.type())
          .put("Nullable", "UNKNOWN");
    }
    ArrayNode outRows = set.putArray("Rows");
    int end = Math.min(total, offset + max);
    for (int i = offset; i < end; i++) {
      ArrayNode data = outRows.addObject().putArray("Data");
      if (header && i == 0) {
        r.columns().forEach(c -> data.addObject().put("VarCharValue", c.name()));
        continue;
      }
      for (String v : rows.get(i - (header ? 1 : 0))) {
        ObjectNode cell = data.addObject();
        if (v != null) {
          cell.put("VarCharValue", v);
        }
      }
    }
    if (end < total) {
      out.put("NextToken", tokenOf(r.id, end));
    }
    out.put("UpdateCount", 0);
    return Answer.ok(out);
  }

  private Answer stop(JsonNode in) {
    Optional<QueryRun> r = run(in);
    if (r.isEmpty()) {
      return missing(in);
    }
    stopped.add(r.get().id);
    r.get().stop();
    return Answer.ok(AthenaStandIn.JSON.createObjectNode());
  }

  private Answer listExecutions(JsonNode in) {
    String wg = in.path("WorkGroup").asText("primary");
    if (!workgroups.containsKey(wg)) {
      return Answer.invalid("WorkGroup " + wg + " is not found.");
    }
    int max = in.path("MaxResults").asInt(50);
    if (max < 0 || max > 50) {
      return Answer.invalid("MaxResults must be between 0 and 50");
    }
    List<String> ids = new ArrayList<>();
    for (String id : order) {
      if (runs.get(id).workgroup.equals(wg)) {
        ids.add(id);
      }
    }
    int offset = 0;
    if (in.hasNonNull("NextToken")) {
      offset = offsetOf(in.get("NextToken").asText(), wg);
      if (offset < 0 || offset > ids.size()) {
        return Answer.invalid("NextToken is invalid");
      }
    }
    ObjectNode out = AthenaStandIn.JSON.createObjectNode();
    ArrayNode arr = out.putArray("QueryExecutionIds");
    int end = Math.min(ids.size(), offset + max);
    ids.subList(offset, end).forEach(arr::add);
    if (end < ids.size()) {
      out.put("NextToken", tokenOf(wg, end));
    }
    return Answer.ok(out);
  }

  private Answer batchGet(JsonNode in) {
    JsonNode ids = in.path("QueryExecutionIds");
    if (!ids.isArray() || ids.isEmpty() || ids.size() > 50) {
      return Answer.invalid("QueryExecutionIds must have 1 to 50 ids");
    }
    ObjectNode out = AthenaStandIn.JSON.createObjectNode();
    ArrayNode found = out.putArray("QueryExecutions");
    ArrayNode unprocessed = out.putArray("UnprocessedQueryExecutionIds");
    for (JsonNode id : ids) {
      QueryRun r = runs.get(id.asText());
      if (r == null) {
        unprocessed
            .addObject()
            .put("QueryExecutionId", id.asText())
            .put("ErrorCode", "INVALID_INPUT")
            .put("ErrorMessage", "QueryExecution was not found");
      } else {
        found.add(execution(r));
      }
    }
    return Answer.ok(out);
  }

  private ObjectNode execution(QueryRun r) {
    ObjectNode e = AthenaStandIn.JSON.createObjectNode();
    e.put("QueryExecutionId", r.id).put("Query", r.query).put("StatementType", "DML");
    e.put("WorkGroup", r.workgroup);
    e.putObject("ResultConfiguration").put("OutputLocation", r.outputLocation);
    ObjectNode ctx = e.putObject("QueryExecutionContext").put("Catalog", r.catalog);
    if (r.database != null) {
      ctx.put("Database", r.database);
    }
    ObjectNode status = e.putObject("Status");
    status.put("State", r.state()).put("SubmissionDateTime", seconds(r.submitted));
    if (r.reason() != null) {
      status.put("StateChangeReason", r.reason());
      status.putObject("AthenaError").put("ErrorCategory", 2).put("ErrorMessage", r.reason());
    }
    if (r.completed() != null) {
      status.put("CompletionDateTime", seconds(r.completed()));
    }
    e.putObject("Statistics")
        .put("DataScannedInBytes", r.scannedBytes())
        .put("EngineExecutionTimeInMillis", r.engineMillis())
        .put(
            "TotalExecutionTimeInMillis",
            (r.completed() == null ? clock.instant() : r.completed()).toEpochMilli()
                - r.submitted.toEpochMilli());
    return e;
  }

  private Optional<QueryRun> run(JsonNode in) {
    return Optional.ofNullable(runs.get(in.path("QueryExecutionId").asText("")));
  }

  private static Answer missing(JsonNode in) {
    return Answer.invalid(
        "QueryExecution " + in.path("QueryExecutionId").asText("") + " was not found");
  }

  private static Answer ok(String field, String value) {
    ObjectNode o = AthenaStandIn.JSON.createObjectNode();
    o.put(field, value);
    return Answer.ok(o);
  }

  private static Answer ok(String field, ObjectNode value) {
    ObjectNode o = AthenaStandIn.JSON.createObjectNode();
    o.set(field, value);
    return Answer.ok(o);
  }

  /** An instant as Athena's JSON writes it: epoch seconds with a fraction. */
  static double seconds(Instant t) {
    return t.toEpochMilli() / 1000.0;
  }

  private static String tokenOf(String scope, int offset) {
    return Base64.getUrlEncoder()
        .encodeToString((scope + "#" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int offsetOf(String token, String scope) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int hash = s.lastIndexOf('#');
      return hash > 0 && s.substring(0, hash).equals(scope)
          ? Integer.parseInt(s.substring(hash + 1))
          : -1;
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }
}

package com.quiltdata.mcp.standins.athena;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The Glue operations on the same tables: GetDatabases, GetDatabase, GetTables, GetTable. */
final class GlueOperations {
  private final TableCatalog tables;

  GlueOperations(TableCatalog tables) {
    this.tables = tables;
  }

  Answer handle(String operation, JsonNode in) {
    try {
      return switch (operation) {
        case "GetDatabases" -> databases();
        case "GetDatabase" -> database(in);
        case "GetTables" -> tables(in);
        case "GetTable" -> table(in);
        default -> Answer.fail("UnknownOperationException", "Unknown operation " + operation);
      };
    } catch (SQLException e) {
      return Answer.fail("InternalServiceException", "metadata could not be read");
    }
  }

  /** Glue's table name expression: a regular expression where {@code *} means any run. */
  static boolean matches(String expression, String name) {
    try {
      return Pattern.compile(expression.replace("*", ".*")).matcher(name).matches();
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  private Answer databases() throws SQLException {
    ObjectNode out = AthenaStandIn.JSON.createObjectNode();
    ArrayNode arr = out.putArray("DatabaseList");
    for (String d : tables.databases()) {
      arr.addObject().put("Name", d).put("CatalogId", "000000000000");
    }
    return Answer.ok(out);
  }

  private Answer database(JsonNode in) throws SQLException {
    String name = in.path("Name").asText("");
    if (!tables.hasDatabase(name)) {
      return notFound("Database " + name + " not found.");
    }
    ObjectNode out = AthenaStandIn.JSON.createObjectNode();
    out.putObject("Database").put("Name", name);
    return Answer.ok(out);
  }

  private Answer tables(JsonNode in) throws SQLException {
    String db = in.path("DatabaseName").asText("");
    if (!tables.hasDatabase(db)) {
      return notFound("Database " + db + " not found.");
    }
    String expression = in.path("Expression").asText(null);
    ObjectNode out = AthenaStandIn.JSON.createObjectNode();
    ArrayNode arr = out.putArray("TableList");
    for (TableCatalog.Table t : tables.tables(db)) {
      if (expression == null || matches(expression, t.name())) {
        arr.add(describe(t));
      }
    }
    return Answer.ok(out);
  }

  private Answer table(JsonNode in) throws SQLException {
    String db = in.path("DatabaseName").asText("");
    String name = in.path("Name").asText("");
    Optional<TableCatalog.Table> t = tables.table(db, name);
    if (t.isEmpty()) {
      return notFound("Table " + name + " not found.");
    }
    ObjectNode out = AthenaStandIn.JSON.createObjectNode();
    out.set("Table", describe(t.get()));
    return Answer.ok(out);
  }

  private static Answer notFound(String message) {
    return Answer.fail("EntityNotFoundException", message);
  }

  private static ObjectNode describe(TableCatalog.Table t) {
    ObjectNode o = AthenaStandIn.JSON.createObjectNode();
    o.put("Name", t.name()).put("DatabaseName", t.database()).put("TableType", t.tableType());
    ObjectNode sd = o.putObject("StorageDescriptor");
    ArrayNode cols = sd.putArray("Columns");
    t.columns().forEach(c -> cols.addObject().put("Name", c.name()).put("Type", c.type()));
    if (t.location() != null) {
      sd.put("Location", t.location());
    }
    ArrayNode keys = o.putArray("PartitionKeys");
    t.partitionKeys().forEach(c -> keys.addObject().put("Name", c.name()).put("Type", c.type()));
    return o;
  }
}

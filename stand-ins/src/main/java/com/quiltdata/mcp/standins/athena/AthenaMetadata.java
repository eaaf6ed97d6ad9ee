package com.quiltdata.mcp.standins.athena;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Athena operations that describe rather than run: workgroups, data catalogs, databases and
 * table metadata, with the AWS API's output and errors. The executions are {@link
 * AthenaOperations}'s.
 */
final class AthenaMetadata {
  private final Map<String, AthenaStandIn.Workgroup> workgroups;
  private final List<String> catalogs;
  private final TableCatalog tables;

  AthenaMetadata(
      Map<String, AthenaStandIn.Workgroup> workgroups, List<String> catalogs, TableCatalog tables) {
    this.workgroups = workgroups;
    this.catalogs = catalogs;
    this.tables = tables;
  }

  /**
   * Answers one of the describing operations; unknown ones are {@code UnknownOperationException}.
   */
  Answer handle(String operation, JsonNode in) throws SQLException {
    return switch (operation) {
      case "ListWorkGroups" -> listWorkgroups();
      case "GetWorkGroup" -> getWorkgroup(in);
      case "ListDataCatalogs" -> listCatalogs();
      case "ListDatabases" -> listDatabases(in);
      case "ListTableMetadata" -> listTables(in);
      case "GetTableMetadata" -> getTable(in);
      default -> Answer.fail("UnknownOperationException", "Unknown operation " + operation);
    };
  }

  private Answer listWorkgroups() {
    ObjectNode out = AthenaStandIn.JSON.createObjectNode();
    ArrayNode arr = out.putArray("WorkGroups");
    for (AthenaStandIn.Workgroup w : workgroups.values()) {
      arr.addObject()
          .put("Name", w.name())
          .put("State", w.enabled() ? "ENABLED" : "DISABLED")
          .put("CreationTime", AthenaOperations.seconds(Instant.EPOCH));
    }
    return Answer.ok(out);
  }

  private Answer getWorkgroup(JsonNode in) {
    String name = in.path("WorkGroup").asText("");
    AthenaStandIn.Workgroup w = workgroups.get(name);
    if (w == null) {
      return Answer.invalid("WorkGroup " + name + " is not found.");
    }
    ObjectNode out = AthenaStandIn.JSON.createObjectNode();
    ObjectNode wg = out.putObject("WorkGroup");
    wg.put("Name", w.name()).put("State", w.enabled() ? "ENABLED" : "DISABLED");
    ObjectNode conf = wg.putObject("Configuration");
    conf.put("EnforceWorkGroupConfiguration", w.enforceConfiguration());
    if (w.outputLocation() != null) {
      conf.putObject("ResultConfiguration").put("OutputLocation", w.outputLocation());
    }
    return Answer.ok(out);
  }

  private Answer listCatalogs() {
    ObjectNode out = AthenaStandIn.JSON.createObjectNode();
    ArrayNode arr = out.putArray("DataCatalogsSummary");
    catalogs.forEach(c -> arr.addObject().put("CatalogName", c).put("Type", "GLUE"));
    return Answer.ok(out);
  }

  private Answer listDatabases(JsonNode in) throws SQLException {
    Answer bad = checkCatalog(in);
    if (bad != null) {
      return bad;
    }
    ObjectNode out = AthenaStandIn.JSON.createObjectNode();
    ArrayNode arr = out.putArray("DatabaseList");
    for (String d : tables.databases()) {
      arr.addObject().put("Name", d);
    }
    return Answer.ok(out);
  }

  private Answer listTables(JsonNode in) throws SQLException {
    Answer bad = checkCatalog(in);
    if (bad != null) {
      return bad;
    }
    String db = in.path("DatabaseName").asText("");
    if (!tables.hasDatabase(db)) {
      return Answer.fail("MetadataException", "Database " + db + " not found.");
    }
    String expression = in.path("Expression").asText(null);
    ObjectNode out = AthenaStandIn.JSON.createObjectNode();
    ArrayNode arr = out.putArray("TableMetadataList");
    for (TableCatalog.Table t : tables.tables(db)) {
      if (expression == null || GlueOperations.matches(expression, t.name())) {
        arr.add(metadata(t));
      }
    }
    return Answer.ok(out);
  }

  private Answer getTable(JsonNode in) throws SQLException {
    Answer bad = checkCatalog(in);
    if (bad != null) {
      return bad;
    }
    String db = in.path("DatabaseName").asText("");
    String name = in.path("TableName").asText("");
    Optional<TableCatalog.Table> t = tables.table(db, name);
    if (t.isEmpty()) {
      return Answer.fail("MetadataException", "Table " + name + " not found in " + db + ".");
    }
    ObjectNode out = AthenaStandIn.JSON.createObjectNode();
    out.set("TableMetadata", metadata(t.get()));
    return Answer.ok(out);
  }

  private Answer checkCatalog(JsonNode in) {
    String c = in.path("CatalogName").asText("");
    return catalogs.contains(c)
        ? null
        : Answer.fail("MetadataException", "Catalog " + c + " not found.");
  }

  private static ObjectNode metadata(TableCatalog.Table t) {
    ObjectNode o = AthenaStandIn.JSON.createObjectNode();
    o.put("Name", t.name()).put("TableType", t.tableType());
    ArrayNode cols = o.putArray("Columns");
    t.columns().forEach(c -> cols.addObject().put("Name", c.name()).put("Type", c.type()));
    ArrayNode keys = o.putArray("PartitionKeys");
    t.partitionKeys().forEach(c -> keys.addObject().put("Name", c.name()).put("Type", c.type()));
    ObjectNode params = o.putObject("Parameters");
    if (t.location() != null) {
      params.put("location", t.location());
    }
    return o;
  }
}

package com.quiltdata.mcp.standins.athena;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metadata Glue and Athena report, read from DuckDB's own information schema: a schema is a
 * database, its tables and views are tables, their columns are columns (in Hive type names), and
 * the columns declared as partition keys are reported as such instead.
 */
final class TableCatalog {
  /** A column as Glue describes it. */
  record Column(String name, String type) {}

  /** A table as Glue describes it. */
  record Table(
      String database,
      String name,
      String tableType,
      List<Column> columns,
      List<Column> partitionKeys,
      String location) {}

  private static final List<String> HIDDEN = List.of("main", "information_schema", "pg_catalog");

  private final Connection connection;
  private final Map<String, List<String>> partitionKeys;
  private final Map<String, String> locations;

  TableCatalog(
      Connection connection,
      Map<String, List<String>> partitionKeys,
      Map<String, String> locations) {
    this.connection = connection;
    this.partitionKeys = Map.copyOf(partitionKeys);
    this.locations = Map.copyOf(locations);
  }

  synchronized List<String> databases() throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement s =
            connection.prepareStatement(
                "SELECT DISTINCT schema_name FROM information_schema.schemata"
                    + " WHERE catalog_name = current_database() ORDER BY 1");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        if (!HIDDEN.contains(rs.getString(1))) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  synchronized boolean hasDatabase(String database) throws SQLException {
    return databases().contains(database);
  }

  synchronized List<Table> tables(String database) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                + " AND table_catalog = current_database() ORDER BY 1")) {
      s.setString(1, database);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    List<Table> out = new ArrayList<>();
    for (String name : names) {
      table(database, name).ifPresent(out::add);
    }
    return out;
  }

  synchronized Optional<Table> table(String database, String name) throws SQLException {
    String type;
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT table_type FROM information_schema.tables WHERE table_schema = ?"
                + " AND table_name = ? AND table_catalog = current_database()")) {
      s.setString(1, database);
      s.setString(2, name);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        type = rs.getString(1).equals("VIEW") ? "VIRTUAL_VIEW" : "EXTERNAL_TABLE";
      }
    }
    List<String> keys = partitionKeys.getOrDefault(database + "." + name, List.of());
    List<Column> columns = new ArrayList<>();
    List<Column> partitions = new ArrayList<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = ?"
                + " AND table_name = ? AND table_catalog = current_database()"
                + " ORDER BY ordinal_position")) {
      s.setString(1, database);
      s.setString(2, name);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Column c = new Column(rs.getString(1), hiveType(rs.getString(2)));
          (keys.contains(c.name()) ? partitions : columns).add(c);
        }
      }
    }
    return Optional.of(
        new Table(
            database,
            name,
            type,
            List.copyOf(columns),
            List.copyOf(partitions),
            locations.get(database + "." + name)));
  }

  private static String hiveType(String duck) {
    String athena = QueryRun.athenaType(duck);
    return switch (athena) {
      case "varchar" -> "string";
      case "integer" -> "int";
      case "varbinary" -> "binary";
      default -> athena;
    };
  }
}

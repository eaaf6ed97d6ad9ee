package com.quiltdata.mcp.standins.athena;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One query execution: its request, its state (QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED) and,
 * once it succeeded, its whole result held in memory (bounded: a larger result fails the query, as
 * the stand-in has no S3 to spill to). Thread-safe: the worker writes, request threads read.
 */
final class QueryRun {
  /** A result column: its name and Athena type. */
  record Column(String name, String type) {}

  final String id;
  final String query;
  final String catalog;
  final String database;
  final String workgroup;
  final String outputLocation;
  final String accessKey;
  final Instant submitted;
  private final Clock clock;

  private String state = "QUEUED";
  private String reason;
  private Instant completed;
  private List<Column> columns = List.of();
  private List<String[]> rows = List.of();
  private long scannedBytes;
  private long engineMillis;
  private Statement statement;
  private boolean stopRequested;

  QueryRun(
      String id,
      String query,
      String catalog,
      String database,
      String workgroup,
      String outputLocation,
      String accessKey,
      Clock clock) {
    this.id = id;
    this.query = query;
    this.catalog = catalog;
    this.database = database;
    this.workgroup = workgroup;
    this.outputLocation = outputLocation;
    this.accessKey = accessKey;
    this.clock = clock;
    this.submitted = clock.instant();
  }

  /**
   * Runs the query on {@code connection} (the worker's own), keeping at most {@code maxRows}, and
   * staying RUNNING for at least {@code minimumMillis} (a stop ends that wait at once).
   */
  void execute(Connection connection, int maxRows, long minimumMillis) {
    Statement st;
    long started = System.nanoTime();
    synchronized (this) {
      if (stopRequested) {
        return;
      }
      state = "RUNNING";
      try {
        st = connection.createStatement();
      } catch (SQLException e) {
        finish("FAILED", message(e));
        return;
      }
      statement = st;
      if (!holdRunning(started, minimumMillis)) {
        closeQuietly(st);
        finish("CANCELLED", null);
        return;
      }
    }
    try (Statement s = st) {
      if (database != null) {
        s.execute("SET schema = '" + database.replace("'", "''") + "'");
      }
      boolean hasResult = s.execute(query);
      List<Column> cols = new ArrayList<>();
      List<String[]> out = new ArrayList<>();
      long bytes = 0;
      if (hasResult) {
        try (ResultSet rs = s.getResultSet()) {
          ResultSetMetaData md = rs.getMetaData();
          int n = md.getColumnCount();
          for (int i = 1; i <= n; i++) {
            cols.add(new Column(md.getColumnLabel(i), athenaType(md.getColumnTypeName(i))));
          }
          while (rs.next()) {
            if (out.size() >= maxRows) {
              throw new SQLException(
                  "the result has more than " + maxRows + " rows, the stand-in's limit");
            }
            String[] row = new String[n];
            for (int i = 1; i <= n; i++) {
              row[i - 1] = rs.getString(i);
              bytes += row[i - 1] == null ? 1 : row[i - 1].length();
            }
            out.add(row);
          }
        }
      }
      synchronized (this) {
        columns = List.copyOf(cols);
        rows = out;
        scannedBytes = bytes;
        engineMillis = (System.nanoTime() - started) / 1_000_000;
        finish("SUCCEEDED", null);
      }
    } catch (SQLException e) {
      synchronized (this) {
        engineMillis = (System.nanoTime() - started) / 1_000_000;
        finish(stopRequested ? "CANCELLED" : "FAILED", stopRequested ? null : message(e));
      }
    }
  }

  /** Waits (holding the monitor's wait set) until the minimum run time passed; false if stopped. */
  private boolean holdRunning(long started, long minimumMillis) {
    long end = started + minimumMillis * 1_000_000;
    while (!stopRequested) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return true;
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  private static void closeQuietly(Statement st) {
    try {
      st.close();
    } catch (SQLException e) {
      // The statement never ran.
    }
  }

  /** StopQueryExecution: a queued query never starts, a running one is interrupted. */
  synchronized void stop() {
    if (isDone()) {
      return;
    }
    stopRequested = true;
    notifyAll();
    if (statement == null) {
      finish("CANCELLED", null);
      return;
    }
    try {
      statement.cancel();
    } catch (SQLException e) {
      // The worker sees the stop request when the statement ends.
    }
  }

  synchronized String state() {
    return state;
  }

  synchronized String reason() {
    return reason;
  }

  synchronized Instant completed() {
    return completed;
  }

  synchronized List<Column> columns() {
    return columns;
  }

  synchronized List<String[]> rows() {
    return rows;
  }

  synchronized long scannedBytes() {
    return scannedBytes;
  }

  synchronized long engineMillis() {
    return engineMillis;
  }

  synchronized boolean stopRequested() {
    return stopRequested;
  }

  synchronized boolean isDone() {
    return state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("CANCELLED");
  }

  private void finish(String newState, String why) {
    state = newState;
    reason = why;
    completed = clock.instant();
    statement = null;
  }

  private static String message(SQLException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.length() > 2000 ? m.substring(0, 2000) : m;
  }

  /** DuckDB's type names as Athena reports them. */
  static String athenaType(String duck) {
    String t = duck == null ? "" : duck.toUpperCase(Locale.ROOT);
    if (t.startsWith("DECIMAL")) {
      return "decimal";
    }
    return switch (t) {
      case "BOOLEAN" -> "boolean";
      case "TINYINT" -> "tinyint";
      case "SMALLINT" -> "smallint";
      case "INTEGER" -> "integer";
      case "BIGINT", "HUGEINT", "UBIGINT", "UINTEGER" -> "bigint";
      case "FLOAT" -> "float";
      case "DOUBLE" -> "double";
      case "DATE" -> "date";
      case "TIMESTAMP", "TIMESTAMP WITH TIME ZONE" -> "timestamp";
      case "BLOB" -> "varbinary";
      default -> t.endsWith("[]") ? "array" : t.startsWith("STRUCT") ? "row" : "varchar";
    };
  }
}

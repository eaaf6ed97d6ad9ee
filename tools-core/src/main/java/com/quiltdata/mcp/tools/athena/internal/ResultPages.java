package com.quiltdata.mcp.tools.athena.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.athena.AthenaSettings;
import com.quiltdata.mcp.tools.aws.AwsCall;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.Row;

/**
 * Reads one response's worth of a query's rows through GetQueryResults, bounded by rows and by
 * bytes of cell text, cutting long cells with a marker, dropping the header row Athena puts first,
 * and keeping SQL NULL as null. The {@code next_token} it returns continues exactly where the
 * response ended, even inside one of Athena's pages: {@code v1.<skip>.<athena token>}.
 */
final class ResultPages {
  /** What ends a cut cell. */
  static final String CUT_MARKER = "...[truncated]";

  /** A page: columns, rows of cells (null = SQL NULL), where to continue, and what was cut. */
  record Page(List<ColumnInfo> columns, List<String[]> rows, String nextToken, int cellsCut) {}

  private static final int ATHENA_MAX = 1000;
  private static final int MAX_TOKEN = 4096;

  private final AthenaTool tool;
  private final AthenaSettings settings;

  ResultPages(AthenaTool tool, AthenaSettings settings) {
    this.tool = tool;
    this.settings = settings;
  }

  Page read(AwsCall call, String id, String token, int maxRows) {
    String athenaToken = null;
    int skip = 0;
    if (token != null) {
      String[] parts = decode(token);
      skip = Integer.parseInt(parts[0]);
      athenaToken = parts[1].isEmpty() ? null : parts[1];
    }
    List<ColumnInfo> columns = null;
    List<String[]> rows = new ArrayList<>();
    long bytes = 0;
    int cut = 0;
    while (true) {
      String t = athenaToken;
      int want = Math.min(ATHENA_MAX, maxRows - rows.size() + skip + (t == null ? 1 : 0));
      GetQueryResultsResponse page =
          tool.withAthena(
              call,
              "query " + id,
              (a, c) ->
                  a.getQueryResults(
                      b ->
                          b.queryExecutionId(id)
                              .nextToken(t)
                              .maxResults(want)
                              .overrideConfiguration(c.override())));
      if (columns == null) {
        columns = page.resultSet().resultSetMetadata().columnInfo();
      }
      List<Row> raw = page.resultSet().rows();
      for (int i = skip; i < raw.size(); i++) {
        if (t == null && i == 0 && isHeader(raw.get(0), columns)) {
          continue;
        }
        if (rows.size() >= maxRows || bytes >= settings.maxResponseBytes()) {
          return new Page(columns, rows, encode(i, t), cut);
        }
        List<Datum> data = raw.get(i).data();
        String[] cells = new String[columns.size()];
        for (int c = 0; c < cells.length && c < data.size(); c++) {
          String v = data.get(c).varCharValue();
          if (v != null && v.length() > settings.maxCellChars()) {
            v = v.substring(0, settings.maxCellChars()) + CUT_MARKER;
            cut++;
          }
          cells[c] = v;
          bytes += v == null ? 4 : v.length() + 2;
        }
        rows.add(cells);
      }
      skip = 0;
      if (page.nextToken() == null) {
        return new Page(columns, rows, null, cut);
      }
      athenaToken = page.nextToken();
      if (rows.size() >= maxRows || bytes >= settings.maxResponseBytes()) {
        return new Page(columns, rows, encode(0, athenaToken), cut);
      }
    }
  }

  /** Adds {@code columns}, {@code rows} (objects by column name), {@code row_count} and paging. */
  static void write(ObjectNode out, Page page, String format) {
    ArrayNode cols = out.putArray("columns");
    List<String> keys = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ColumnInfo c : page.columns()) {
      cols.addObject().put("name", c.name()).put("type", c.type());
      String key = c.name();
      for (int n = 2; !seen.add(key); n++) {
        key = c.name() + "_" + n;
      }
      keys.add(key);
    }
    ArrayNode rows = out.putArray("rows");
    for (String[] r : page.rows()) {
      ObjectNode o = rows.addObject();
      for (int i = 0; i < r.length; i++) {
        o.put(keys.get(i), r[i]);
      }
    }
    out.put("row_count", page.rows().size());
    out.put("truncated", page.nextToken() != null);
    out.put("next_token", page.nextToken());
    out.put("cells_truncated", page.cellsCut());
    if (format.equals("csv")) {
      out.put("formatted", Formats.csv(keys, page.rows()));
    } else if (format.equals("table")) {
      out.put("formatted", Formats.table(keys, page.rows()));
    }
  }

  /** The output schema members {@link #write} fills. */
  static void describe(ObjectNode schema) {
    ObjectNode column = JsonSchema.output();
    JsonSchema.property(column, "name", JsonSchema.typed("string"));
    JsonSchema.property(column, "type", JsonSchema.typed("string"));
    JsonSchema.property(
        schema, "columns", JsonSchema.arrayOf(column, "Result columns with Athena types"));
    JsonSchema.property(
        schema,
        "rows",
        JsonSchema.arrayOf(
            JsonSchema.typed("object"), "Rows as objects by column name; SQL NULL is null"));
    JsonSchema.property(schema, "row_count", JsonSchema.typed("integer"));
    JsonSchema.property(schema, "truncated", JsonSchema.typed("boolean"));
    JsonSchema.property(schema, "next_token", JsonSchema.typed("string", "null"));
    JsonSchema.property(schema, "cells_truncated", JsonSchema.typed("integer"));
    JsonSchema.property(schema, "formatted", JsonSchema.typed("string"));
  }

  private static boolean isHeader(Row row, List<ColumnInfo> columns) {
    List<Datum> data = row.data();
    if (data.size() != columns.size()) {
      return false;
    }
    for (int i = 0; i < data.size(); i++) {
      if (!columns.get(i).name().equals(data.get(i).varCharValue())) {
        return false;
      }
    }
    return true;
  }

  private static String encode(int skip, String athenaToken) {
    String raw = skip + "." + (athenaToken == null ? "" : athenaToken);
    return "v1."
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static String[] decode(String token) {
    try {
      if (token.length() > MAX_TOKEN || !token.startsWith("v1.")) {
        throw new IllegalArgumentException();
      }
      String raw =
          new String(Base64.getUrlDecoder().decode(token.substring(3)), StandardCharsets.UTF_8);
      int dot = raw.indexOf('.');
      String skip = raw.substring(0, dot);
      if (!skip.matches("[0-9]{1,4}")) {
        throw new IllegalArgumentException();
      }
      return new String[] {skip, raw.substring(dot + 1)};
    } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
      throw ToolFailure.invalidArgument(
          "Argument 'next_token' is not a token this server gave; pass the next_token of the"
              + " previous response unchanged");
    }
  }
}

package com.quiltdata.mcp.tools.athena.internal;

import java.util.List;

/** Rows as CSV (RFC 4180, NULL as an empty field) or as a plain text table (NULL as NULL). */
final class Formats {
  private Formats() {}

  static String csv(List<String> columns, List<String[]> rows) {
    StringBuilder b = new StringBuilder();
    line(b, columns.toArray(new String[0]));
    for (String[] r : rows) {
      line(b, r);
    }
    return b.toString();
  }

  static String table(List<String> columns, List<String[]> rows) {
    StringBuilder b = new StringBuilder("| ");
    b.append(String.join(" | ", columns)).append(" |\n|");
    columns.forEach(c -> b.append(" --- |"));
    b.append('\n');
    for (String[] r : rows) {
      b.append("| ");
      for (int i = 0; i < r.length; i++) {
        if (i > 0) {
          b.append(" | ");
        }
        b.append(r[i] == null ? "NULL" : r[i].replace("|", "\\|").replace("\n", " "));
      }
      b.append(" |\n");
    }
    return b.toString();
  }

  private static void line(StringBuilder b, String[] cells) {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      String v = cells[i];
      if (v == null) {
        continue;
      }
      if (v.indexOf(',') >= 0
          || v.indexOf('"') >= 0
          || v.indexOf('\n') >= 0
          || v.indexOf('\r') >= 0) {
        b.append('"').append(v.replace("\"", "\"\"")).append('"');
      } else {
        b.append(v);
      }
    }
    b.append("\r\n");
  }
}

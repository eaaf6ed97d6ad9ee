package com.quiltdata.mcp.tools.athena.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Judges whether SQL text only reads, by the leading keyword of each statement with comments,
 * string literals and quoted identifiers removed first (so {@code created_at} or {@code '; DROP'}
 * decide nothing). SELECT, SHOW and DESCRIBE read; WITH reads only when the statement after its
 * common table expressions does ({@code WITH x AS (...) DELETE ...} does not); EXPLAIN is judged by
 * the statement it explains, because {@code EXPLAIN ANALYZE} runs it. Anything else writes, and a
 * write is known only when its IAM action is ({@link Judgment#writeAction()}); an unknown keyword
 * is refused even when writes are enabled. Stateless and thread-safe.
 */
final class StatementJudge {
  /** The verdict on a text. */
  record Judgment(boolean readOnly, String keyword, String writeAction, String reason) {}

  private static final Set<String> READS = Set.of("SELECT", "SHOW", "DESCRIBE");

  private static final Map<String, String> WRITES =
      Map.ofEntries(
          Map.entry("CREATE", "glue:CreateTable"),
          Map.entry("CREATE DATABASE", "glue:CreateDatabase"),
          Map.entry("CREATE SCHEMA", "glue:CreateDatabase"),
          Map.entry("DROP", "glue:DeleteTable"),
          Map.entry("DROP DATABASE", "glue:DeleteDatabase"),
          Map.entry("DROP SCHEMA", "glue:DeleteDatabase"),
          Map.entry("ALTER", "glue:UpdateTable"),
          Map.entry("MSCK", "glue:BatchCreatePartition"),
          Map.entry("INSERT", "s3:PutObject"),
          Map.entry("UNLOAD", "s3:PutObject"),
          Map.entry("MERGE", "s3:PutObject"),
          Map.entry("UPDATE", "s3:PutObject"),
          Map.entry("OPTIMIZE", "s3:PutObject"),
          Map.entry("DELETE", "s3:DeleteObject"),
          Map.entry("VACUUM", "s3:DeleteObject"));

  private StatementJudge() {}

  /** Judges every statement of {@code sql}; the first one that writes decides. */
  static Judgment judge(String sql) {
    List<List<String>> statements = statements(sql);
    if (statements.isEmpty()) {
      return new Judgment(false, "", null, "the query has no statement (only comments or blanks)");
    }
    if (statements.size() > 1) {
      return new Judgment(
          false,
          "",
          null,
          "the query has " + statements.size() + " statements; send one at a time");
    }
    return judgeTokens(statements.get(0), 0);
  }

  private static Judgment judgeTokens(List<String> tokens, int depth) {
    int i = 0;
    while (i < tokens.size() && tokens.get(i).equals("(")) {
      i++;
    }
    if (i >= tokens.size()) {
      return new Judgment(false, "", null, "the statement has no keyword");
    }
    String keyword = tokens.get(i);
    if (READS.contains(keyword)) {
      return new Judgment(true, keyword, null, keyword + " only reads");
    }
    if (keyword.equals("WITH")) {
      int main = afterCommonTableExpressions(tokens, i + 1);
      if (main < 0) {
        return new Judgment(false, "WITH", null, "the WITH clause could not be read to its end");
      }
      Judgment inner = judgeTokens(tokens.subList(main, tokens.size()), depth + 1);
      return inner.readOnly()
          ? new Judgment(true, "WITH", null, "WITH ... " + inner.keyword() + " only reads")
          : new Judgment(
              false,
              "WITH",
              inner.writeAction(),
              "the statement after WITH is " + describe(inner.keyword()) + ", which is not a read");
    }
    if (keyword.equals("EXPLAIN")) {
      int j = i + 1;
      while (j < tokens.size()
          && (tokens.get(j).equals("ANALYZE") || tokens.get(j).equals("VERBOSE"))) {
        j++;
      }
      if (j < tokens.size() && tokens.get(j).equals("(")) {
        j = closing(tokens, j);
        if (j < 0) {
          return new Judgment(false, "EXPLAIN", null, "the EXPLAIN options are not closed");
        }
        j++;
      }
      if (depth > 4) {
        return new Judgment(false, "EXPLAIN", null, "EXPLAIN is nested too deeply");
      }
      Judgment inner = judgeTokens(tokens.subList(j, tokens.size()), depth + 1);
      return inner.readOnly()
          ? new Judgment(true, "EXPLAIN", null, "EXPLAIN of a read only reads")
          : new Judgment(
              false,
              "EXPLAIN",
              inner.writeAction(),
              "EXPLAIN of " + describe(inner.keyword()) + " can run it, and it is not a read");
    }
    String two = i + 1 < tokens.size() ? keyword + " " + tokens.get(i + 1) : keyword;
    String action = WRITES.containsKey(two) ? WRITES.get(two) : WRITES.get(keyword);
    return new Judgment(
        false,
        keyword,
        action,
        action == null
            ? describe(keyword) + " is not a statement this server knows; it is refused"
            : describe(keyword) + " changes data or metadata");
  }

  private static String describe(String keyword) {
    return keyword.isEmpty() ? "an empty statement" : keyword;
  }

  /** The index of the statement after {@code WITH [RECURSIVE] name [(cols)] AS (...), ...}. */
  private static int afterCommonTableExpressions(List<String> t, int i) {
    if (i < t.size() && t.get(i).equals("RECURSIVE")) {
      i++;
    }
    while (true) {
      if (i >= t.size() || !isWord(t.get(i))) {
        return -1;
      }
      i++;
      if (i < t.size() && t.get(i).equals("(")) {
        i = closing(t, i);
        if (i < 0) {
          return -1;
        }
        i++;
      }
      if (i >= t.size() || !t.get(i).equals("AS")) {
        return -1;
      }
      i++;
      while (i < t.size() && (t.get(i).equals("NOT") || t.get(i).equals("MATERIALIZED"))) {
        i++;
      }
      if (i >= t.size() || !t.get(i).equals("(")) {
        return -1;
      }
      i = closing(t, i);
      if (i < 0) {
        return -1;
      }
      i++;
      if (i < t.size() && t.get(i).equals(",")) {
        i++;
        continue;
      }
      return i < t.size() ? i : -1;
    }
  }

  private static int closing(List<String> t, int open) {
    int depth = 0;
    for (int i = open; i < t.size(); i++) {
      if (t.get(i).equals("(")) {
        depth++;
      } else if (t.get(i).equals(")") && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isWord(String token) {
    return !token.isEmpty()
        && (Character.isLetterOrDigit(token.charAt(0))
            || token.charAt(0) == '_'
            || token.equals("\"\""));
  }

  /**
   * The statements of {@code sql} as tokens: upper-cased words, {@code (}, {@code )}, {@code ,} and
   * other single characters; a string literal becomes {@code ''} and a quoted identifier {@code
   * ""}; comments are dropped; statements are split on {@code ;}.
   */
  static List<List<String>> statements(String sql) {
    List<List<String>> out = new ArrayList<>();
    List<String> current = new ArrayList<>();
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '\'' || c == '"' || c == '`') {
        i = skipQuoted(sql, i, c);
        current.add(c == '\'' ? "''" : "\"\"");
      } else if (c == ';') {
        if (!current.isEmpty()) {
          out.add(current);
        }
        current = new ArrayList<>();
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isLetterOrDigit(c) || c == '_') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
          i++;
        }
        current.add(sql.substring(start, i).toUpperCase(Locale.ROOT));
      } else {
        current.add(String.valueOf(c));
        i++;
      }
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  /** The index after the quoted run starting at {@code start}; a doubled quote escapes itself. */
  private static int skipQuoted(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }
}

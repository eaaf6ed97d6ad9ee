package com.quiltdata.mcp.tools.athena.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatementJudgeTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT * FROM t",
        "select created_at, updated_by from t",
        "  -- DELETE everything\n SELECT 1",
        "/* DROP TABLE t; */ SELECT 1",
        "SELECT 'a; DROP TABLE t' FROM t",
        "SELECT \"delete\" FROM t",
        "SELECT 'it''s; DELETE' FROM t",
        "WITH a AS (SELECT 1), b (x) AS (SELECT 2) SELECT * FROM a, b",
        "WITH RECURSIVE r AS (SELECT 1) SELECT * FROM r",
        "WITH a AS (SELECT '(' AS p) SELECT * FROM a",
        "(SELECT 1) UNION (SELECT 2)",
        "SHOW DATABASES",
        "DESCRIBE t",
        "EXPLAIN SELECT 1",
        "EXPLAIN (FORMAT JSON) SELECT 1",
        "SELECT 1;",
        "SELECT 1; -- trailing comment"
      })
  void reads_pass(String sql) {
    StatementJudge.Judgment j = StatementJudge.judge(sql);
    assertTrue(j.readOnly(), sql + " -> " + j);
    assertNull(j.writeAction());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "DROP TABLE t|glue:DeleteTable",
        "drop database d|glue:DeleteDatabase",
        "CREATE TABLE t AS SELECT 1|glue:CreateTable",
        "CREATE SCHEMA s|glue:CreateDatabase",
        "INSERT INTO t VALUES (1)|s3:PutObject",
        "WITH x AS (SELECT 1) DELETE FROM t|s3:DeleteObject",
        "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x|s3:PutObject",
        "EXPLAIN ANALYZE INSERT INTO t SELECT 1|s3:PutObject",
        "ALTER TABLE t ADD COLUMNS (c int)|glue:UpdateTable",
        "MSCK REPAIR TABLE t|glue:BatchCreatePartition",
        "UNLOAD (SELECT 1) TO 's3://b/' WITH (format = 'CSV')|s3:PutObject",
        "/* SELECT */ UPDATE t SET a = 1|s3:PutObject"
      })
  void writes_areJudgedWithTheirAction(String sql, String action) {
    StatementJudge.Judgment j = StatementJudge.judge(sql);
    assertFalse(j.readOnly(), sql);
    assertEquals(action, j.writeAction(), sql);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "-- only a comment",
        "SELECT 1; DROP TABLE t",
        "SELECT 1; SELECT 2",
        "GRANT SELECT ON t TO u",
        "WITH x AS (SELECT 1",
        "WITH x SELECT 1",
        "CALL system.do()",
        "USE other"
      })
  void emptyMultipleUnknownOrBroken_areRefusedWithoutAnAction(String sql) {
    StatementJudge.Judgment j = StatementJudge.judge(sql);
    assertFalse(j.readOnly(), sql);
    assertNull(j.writeAction(), sql);
    assertFalse(j.reason().isEmpty());
  }
}

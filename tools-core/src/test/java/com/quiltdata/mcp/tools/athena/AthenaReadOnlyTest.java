package com.quiltdata.mcp.tools.athena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.tools.s3.ToolRig.Reply;
import org.junit.jupiter.api.Test;

/**
 * The read-only model through the tools: refusals send nothing; writes need the operator and the
 * token.
 */
class AthenaReadOnlyTest {
  static String json(String s) {
    return AthenaRig.JSON.valueToTree(s).toString();
  }

  @Test
  void writes_areRefusedByDefault_andNothingIsSent() {
    try (AthenaRig rig = AthenaRig.start(AthenaRig.fast())) {
      for (String q :
          new String[] {
            "DROP TABLE readings",
            "WITH x AS (SELECT 1) DELETE FROM readings",
            "/* SELECT */ INSERT INTO readings VALUES (1)",
            "EXPLAIN ANALYZE INSERT INTO readings SELECT * FROM readings",
            "SELECT 1; DROP TABLE readings",
            "GRANT SELECT ON readings TO bob"
          }) {
        int before = rig.athena.requests().size();
        Reply r =
            rig.call(
                rig.alice(),
                "athena_query_execute",
                "{\"query\":" + json(q) + ",\"database_name\":\"demo\"}");
        assertEquals("NOT_READ_ONLY", r.reason(), q + " -> " + r);
        assertEquals(before, rig.athena.requests().size(), q);
        Reply v = rig.call(rig.alice(), "athena_query_validate", "{\"query\":" + json(q) + "}");
        assertFalse(v.structured().path("valid").asBoolean(), q);
        assertTrue(v.structured().path("refusal").asText().startsWith("NOT_READ_ONLY"), q);
      }
    }
  }

  @Test
  void reads_withWriteWordsInNamesCommentsOrStrings_pass() {
    try (AthenaRig rig = AthenaRig.start(AthenaRig.fast())) {
      for (String q :
          new String[] {
            "SELECT id AS created_at FROM readings LIMIT 1",
            "-- DROP TABLE readings\nSELECT 1",
            "SELECT 'x; DROP TABLE readings' AS s",
            "WITH deleted AS (SELECT id FROM readings) SELECT count(*) FROM deleted",
            "  (SELECT 1)",
            "SHOW TABLES",
            "DESCRIBE readings"
          }) {
        Reply v = rig.call(rig.alice(), "athena_query_validate", "{\"query\":" + json(q) + "}");
        assertTrue(v.structured().path("valid").asBoolean(), q + " -> " + v);
      }
      Reply r =
          rig.call(
              rig.alice(),
              "athena_query_execute",
              "{\"query\":"
                  + json("SELECT id AS created_at FROM readings ORDER BY id LIMIT 1")
                  + ",\"database_name\":\"demo\"}");
      assertFalse(r.isError(), r.toString());
      assertEquals(0, r.structured().path("rows").path(0).path("created_at").asInt());
    }
  }

  @Test
  void enabledWrites_stillNeedTheStatementsActionInTheToken() {
    try (AthenaRig rig = AthenaRig.start(AthenaRig.fast().withAllowWrites(true))) {
      String create = "CREATE TABLE copy AS SELECT * FROM readings";
      Reply refused =
          rig.call(
              rig.alice(),
              "athena_query_execute",
              "{\"query\":" + json(create) + ",\"database_name\":\"demo\"}");
      assertEquals("NOT_READ_ONLY", refused.reason());
      assertTrue(refused.structured().path("message").asText().contains("glue:CreateTable"));

      Reply ran =
          rig.call(
              rig.with("glue:CreateTable"),
              "athena_query_execute",
              "{\"query\":" + json(create) + ",\"database_name\":\"demo\"}");
      assertFalse(ran.isError(), ran.toString());
      Reply unknown =
          rig.call(
              rig.with("glue:CreateTable"),
              "athena_query_execute",
              "{\"query\":\"GRANT SELECT ON readings TO bob\"}");
      assertEquals("NOT_READ_ONLY", unknown.reason(), "an unknown statement is never run");
    }
  }

  @Test
  void oversizedQuery_isRefusedBeforeAnythingIsSent() {
    try (AthenaRig rig =
        AthenaRig.start(AthenaRig.fast().withBounds(1000, 1024 * 1024, 4096, 64))) {
      Reply r =
          rig.call(
              rig.alice(),
              "athena_query_execute",
              "{\"query\":" + json("SELECT " + "1 + ".repeat(30) + "1") + "}");
      assertEquals("QUERY_TOO_LARGE", r.reason());
      assertTrue(rig.athena.requests().isEmpty());
    }
  }
}

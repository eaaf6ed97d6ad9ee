package com.quiltdata.mcp.tools.athena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.tools.s3.S3ProxyServer;
import com.quiltdata.mcp.tools.s3.ToolRig.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** athena_query_execute and athena_query_results against the stand-in, through the engine. */
class AthenaQueryTest {
  static AthenaRig rig;
  static Principal alice;

  @BeforeAll
  static void start() {
    rig = AthenaRig.start(AthenaRig.fast().withBounds(1000, 64 * 1024, 100, 262_144));
    alice = rig.alice();
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  static String json(String s) {
    return rig.JSON.valueToTree(s).toString();
  }

  @Test
  void select_returnsTypedColumns_nullsAsNull_andTheExecutionId() {
    Reply r =
        rig.call(
            alice,
            "athena_query_execute",
            "{\"query\":"
                + json("SELECT id, label, date FROM readings WHERE id < 4 ORDER BY id")
                + ",\"database_name\":\"demo\"}");
    assertFalse(r.isError(), r.toString());
    JsonNode s = r.structured();
    assertFalse(s.path("query_execution_id").asText().isEmpty());
    assertEquals("SUCCEEDED", s.path("state").asText());
    assertEquals("bigint", s.path("columns").path(0).path("type").asText());
    assertEquals("varchar", s.path("columns").path(1).path("type").asText());
    assertEquals("date", s.path("columns").path(2).path("type").asText());
    assertEquals(4, s.path("rows").size());
    assertTrue(s.path("rows").path(0).path("label").isNull(), "SQL NULL stays null");
    assertEquals("v1", s.path("rows").path(1).path("label").asText());
    assertEquals("2024-01-02", s.path("rows").path(1).path("date").asText());
    assertFalse(s.path("truncated").asBoolean());
    assertTrue(s.path("next_token").isNull());
    assertEquals("primary", s.path("workgroup").asText());
  }

  @Test
  void longResult_pagesAcrossSeveralAthenaPages_withoutLossOrRepeat() {
    Reply first =
        rig.call(
            alice,
            "athena_query_execute",
            "{\"query\":\"SELECT id FROM readings ORDER BY id\",\"database_name\":\"demo\","
                + "\"max_results\":700}");
    assertFalse(first.isError(), first.toString());
    String id = first.structured().path("query_execution_id").asText();
    List<Long> ids = new ArrayList<>();
    first.structured().path("rows").forEach(row -> ids.add(row.path("id").asLong()));
    assertTrue(first.structured().path("truncated").asBoolean());
    String token = first.structured().path("next_token").asText();
    int pages = 1;
    while (token != null) {
      Reply next =
          rig.call(
              alice,
              "athena_query_results",
              "{\"query_execution_id\":\""
                  + id
                  + "\",\"next_token\":\""
                  + token
                  + "\",\"max_results\":700}");
      assertFalse(next.isError(), next.toString());
      next.structured().path("rows").forEach(row -> ids.add(row.path("id").asLong()));
      JsonNode t = next.structured().path("next_token");
      token = t.isNull() ? null : t.asText();
      pages++;
    }
    assertEquals(4, pages);
    assertEquals(2500, ids.size());
    for (int i = 0; i < ids.size(); i++) {
      assertEquals(i, ids.get(i), "row " + i);
    }
  }

  @Test
  void wideResult_isCutByTheByteBoundAndCellBound_andContinuesExactly() {
    Reply first =
        rig.call(
            alice,
            "athena_query_execute",
            "{\"query\":\"SELECT id, label || repeat('y', 300) AS l FROM readings WHERE label IS NOT"
                + " NULL ORDER BY id\",\"database_name\":\"demo\"}");
    assertFalse(first.isError(), first.toString());
    JsonNode s = first.structured();
    int rows = s.path("rows").size();
    assertTrue(rows > 10 && rows < 1000, "the 64 KiB bound ends the page early: " + rows);
    assertTrue(s.path("truncated").asBoolean());
    String cell = s.path("rows").path(0).path("l").asText();
    assertTrue(cell.endsWith("...[truncated]"), cell);
    assertEquals(100 + "...[truncated]".length(), cell.length());
    assertEquals(rows, s.path("cells_truncated").asInt());
    Reply next =
        rig.call(
            alice,
            "athena_query_results",
            "{\"query_execution_id\":\""
                + s.path("query_execution_id").asText()
                + "\",\"next_token\":\""
                + s.path("next_token").asText()
                + "\",\"max_results\":1}");
    String before = s.path("rows").path(rows - 1).path("l").asText();
    String after = next.structured().path("rows").path(0).path("l").asText();
    long b = Long.parseLong(before.substring(1, before.indexOf('y')));
    long a = Long.parseLong(after.substring(1, after.indexOf('y')));
    assertEquals(b % 3 == 2 ? b + 2 : b + 1, a, "the next page starts right after the last row");
  }

  @Test
  void csvAndTableFormats_areOfferedBesideTheRows() {
    Reply r =
        rig.call(
            alice,
            "athena_query_execute",
            "{\"query\":\"SELECT id, label FROM readings WHERE id < 2 ORDER BY id\","
                + "\"database_name\":\"demo\",\"output_format\":\"csv\"}");
    assertEquals("id,label\r\n0,\r\n1,v1\r\n", r.structured().path("formatted").asText());
    Reply t =
        rig.call(
            alice,
            "athena_query_execute",
            "{\"query\":\"SELECT id, label FROM readings WHERE id < 2 ORDER BY id\","
                + "\"database_name\":\"demo\",\"output_format\":\"table\"}");
    assertEquals(
        "| id | label |\n| --- | --- |\n| 0 | NULL |\n| 1 | v1 |\n",
        t.structured().path("formatted").asText());
  }

  @Test
  void failedQuery_isQueryFailedWithTheEnginesMessageAndTheId() {
    Reply r =
        rig.call(
            alice,
            "athena_query_execute",
            "{\"query\":\"SELECT no_such_column FROM readings\",\"database_name\":\"demo\"}");
    assertTrue(r.isError());
    assertEquals("QUERY_FAILED", r.reason());
    assertTrue(r.structured().path("message").asText().contains("no_such_column"), r.toString());
    assertFalse(r.structured().path("query_execution_id").asText().isEmpty());
  }

  @Test
  void everyRequest_isSignedWithTheCallersExchangedKey_neverTheServersOwn() {
    int before = rig.athena.requests().size();
    rig.call(alice, "athena_query_execute", "{\"query\":\"SELECT 1\"}");
    var seen = rig.athena.requests().subList(before, rig.athena.requests().size());
    assertTrue(seen.size() >= 4, seen.toString()); // GetWorkGroup, Start, Get..., Results
    assertTrue(seen.stream().allMatch(q -> q.accessKey().equals(S3ProxyServer.ACCESS_KEY)));
    assertTrue(seen.stream().anyMatch(q -> q.target().equals("AmazonAthena.StartQueryExecution")));
  }

  @Test
  void missingAction_isRefusedBeforeAnythingIsSent() {
    Principal weak =
        rig.user(
            "bob@example.com",
            List.of("quilt-data"),
            List.of("athena:StartQueryExecution", "athena:GetQueryExecution"));
    int before = rig.athena.requests().size();
    Reply r = rig.call(weak, "athena_query_execute", "{\"query\":\"SELECT 1\"}");
    assertTrue(r.isError() || !r.error().isMissingNode(), r.toString());
    assertTrue(r.toString().contains("athena:GetQueryResults"), r.toString());
    assertEquals(before, rig.athena.requests().size());
  }

  @Test
  void statusAndHistory_showTheQuery() {
    Reply r = rig.call(alice, "athena_query_execute", "{\"query\":\"SELECT 42 AS answer\"}");
    String id = r.structured().path("query_execution_id").asText();
    Reply status =
        rig.call(alice, "athena_query_status", "{\"query_execution_id\":\"" + id + "\"}");
    assertEquals("SUCCEEDED", status.structured().path("state").asText());
    assertEquals("SELECT 42 AS answer", status.structured().path("query").asText());
    Reply history = rig.call(alice, "athena_query_history", "{\"workgroup_name\":\"primary\"}");
    assertFalse(history.isError(), history.toString());
    boolean found = false;
    for (JsonNode q : history.structured().path("queries")) {
      found |= q.path("query_execution_id").asText().equals(id);
    }
    assertTrue(found, history.toString());
    Reply unknown =
        rig.call(alice, "athena_query_status", "{\"query_execution_id\":\"no-such-id\"}");
    assertEquals("QUERY_NOT_FOUND", unknown.reason());
  }
}

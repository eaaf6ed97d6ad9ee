package com.quiltdata.mcp.tools.athena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.standins.graphql.CatalogStandIn;
import com.quiltdata.mcp.tools.catalog.CatalogClient;
import com.quiltdata.mcp.tools.engine.EngineResponse;
import com.quiltdata.mcp.tools.engine.ErrorCodes;
import com.quiltdata.mcp.tools.s3.DirectContext;
import com.quiltdata.mcp.tools.s3.ToolRig;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tabulator table tools through the catalog stand-in: the round trip, configs refused before
 * anything is sent (and the stand-in refusing the same ones on its own), the registry's own
 * refusals, a refused token, the authorizer, and an older registry's {@code admin} mutations.
 */
class TabulatorTablesTest {
  static final String GOOD =
      "schema:\n"
          + "  - name: id\n"
          + "    type: BIGINT\n"
          + "source:\n"
          + "  type: quilt-packages\n"
          + "  package_name: ^team/(?P<day>[0-9-]+)$\n"
          + "  logical_key: \\.csv$\n"
          + "parser:\n"
          + "  format: csv\n"
          + "  header: true\n";

  /** Configs that break one rule each; the stand-in refuses them on its own too. */
  static final List<String> BAD =
      List.of(
          GOOD + "extra: 1\n",
          GOOD.replace("type: BIGINT", "type: VARCHAR"),
          GOOD.replace("name: id", "name: 1st"),
          GOOD.replace("type: quilt-packages", "type: s3"),
          GOOD.replace("format: csv", "format: json"),
          GOOD.replace("\\.csv$", "(unclosed"),
          "schema: []\n" + GOOD.substring(GOOD.indexOf("source:")));

  private static TabulatorRig rig;

  @BeforeAll
  static void start() {
    rig = TabulatorRig.start(TabulatorRig.SECRET, CatalogStandIn.Release.CURRENT);
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  @BeforeEach
  void empty() {
    for (String t : rig.model.tabulatorTables(TabulatorRig.DATA).keySet()) {
      rig.model.setTabulatorTable(TabulatorRig.DATA, t, null);
    }
  }

  private static ToolRig.Reply call(ToolRig r, String tool, Map<String, Object> args) {
    ObjectNode a = ToolRig.JSON.valueToTree(args);
    return r.call(((TabulatorRig) r).alice(), tool, a.toString());
  }

  private static ToolRig.Reply ok(ToolRig r, String tool, Map<String, Object> args) {
    ToolRig.Reply reply = call(r, tool, args);
    assertFalse(reply.isError(), reply.toString());
    return reply;
  }

  @Test
  void setListReplaceRenameDelete_roundTrip() {
    JsonNode set =
        ok(
                rig,
                "tabulator_table_set",
                Map.of("bucket", "quilt-data", "table_name", "runs", "config", GOOD))
            .structured();
    assertEquals("[\"runs\"]", set.path("table_names").toString());
    assertEquals(GOOD, rig.model.tabulatorTables("quilt-data").get("runs"));

    JsonNode list = ok(rig, "tabulator_tables_list", Map.of("bucket", "quilt-data")).structured();
    assertEquals(1, list.path("count").asInt());
    assertEquals("runs", list.path("tables").get(0).path("name").asText());
    assertEquals(GOOD, list.path("tables").get(0).path("config").asText());

    // replace, with the config as an object this time
    Map<String, Object> object =
        Map.of(
            "schema", List.of(Map.of("name", "flag", "type", "BOOLEAN", "nullable", true)),
            "source",
                Map.of(
                    "type", "quilt-packages", "package_name", "^a/b$", "logical_key", ".parquet$"),
            "parser", Map.of("format", "parquet"));
    ok(
        rig,
        "tabulator_table_set",
        Map.of("bucket", "quilt-data", "table_name", "runs", "config", object));
    String stored = rig.model.tabulatorTables("quilt-data").get("runs");
    assertTrue(stored.contains("BOOLEAN") && stored.contains("parquet"), stored);
    assertEquals(1, rig.model.tabulatorTables("quilt-data").size());

    JsonNode renamed =
        ok(
                rig,
                "tabulator_table_rename",
                Map.of("bucket", "quilt-data", "table_name", "runs", "new_table_name", "runs_v2"))
            .structured();
    assertEquals("[\"runs_v2\"]", renamed.path("table_names").toString());
    assertEquals(stored, rig.model.tabulatorTables("quilt-data").get("runs_v2"));

    JsonNode deleted =
        ok(rig, "tabulator_table_delete", Map.of("bucket", "quilt-data", "table_name", "runs_v2"))
            .structured();
    assertEquals(0, deleted.path("table_names").size());
    assertTrue(rig.model.tabulatorTables("quilt-data").isEmpty());
    assertEquals(
        0,
        ok(rig, "tabulator_tables_list", Map.of("bucket", "quilt-data"))
            .structured()
            .path("count")
            .asInt());
  }

  @Test
  void badConfigs_areRefusedLocally_withNothingSent_andTheStandInRefusesThemToo() {
    for (String bad : BAD) {
      int before = rig.catalog.requests();
      ToolRig.Reply r =
          call(
              rig,
              "tabulator_table_set",
              Map.of("bucket", "quilt-data", "table_name", "t", "config", bad));
      assertTrue(r.isError(), bad);
      assertEquals("TABULATOR_CONFIG_INVALID", r.reason(), r.toString());
      assertTrue(r.text().contains("nothing was sent"), r.text());
      assertEquals(before, rig.catalog.requests(), "nothing may reach the catalog for " + bad);
    }
    // the registry's own judgment of the same configs, sent past the validator
    ObjectNode vars = ToolRig.JSON.createObjectNode().put("b", "quilt-data").put("t", "t");
    for (String bad : BAD) {
      vars.put("c", bad);
      JsonNode answer = direct(vars);
      assertEquals("InvalidInput", answer.path("__typename").asText(), bad);
      assertEquals("config", answer.path("errors").get(0).path("path").asText());
    }
    vars.put("c", GOOD);
    assertEquals("BucketConfig", direct(vars).path("__typename").asText());
  }

  private static JsonNode direct(ObjectNode vars) {
    return CatalogClient.builder(rig.catalog.url())
        .build()
        .query(
            new DirectContext(rig.alice(), null, Clock.systemUTC(), () -> false),
            "mutation($b: String!, $t: String!, $c: String) {"
                + " bucketSetTabulatorTable(bucketName: $b, tableName: $t, config: $c) {"
                + " __typename ... on InvalidInput { errors { path message } } } }",
            vars,
            "set a table directly")
        .path("bucketSetTabulatorTable");
  }

  @Test
  void theRegistrysInvalidInput_reachesTheUser() {
    ok(
        rig,
        "tabulator_table_set",
        Map.of("bucket", "quilt-data", "table_name", "a", "config", GOOD));
    ok(
        rig,
        "tabulator_table_set",
        Map.of("bucket", "quilt-data", "table_name", "b", "config", GOOD));
    ToolRig.Reply r =
        call(
            rig,
            "tabulator_table_rename",
            Map.of("bucket", "quilt-data", "table_name", "a", "new_table_name", "b"));
    assertTrue(r.isError(), r.toString());
    assertEquals("CATALOG_INVALID_INPUT", r.reason());
    assertTrue(r.text().contains("newTableName: Table b already exists"), r.text());
    assertEquals(
        "newTableName", r.structured().path("catalog_errors").get(0).path("path").asText());
    assertEquals(GOOD, rig.model.tabulatorTables("quilt-data").get("a"));
  }

  @Test
  void aBucketTheTokenDoesNotGrant_isRefusedWithoutARequest() {
    int before = rig.catalog.requests();
    for (String[] call :
        new String[][] {
          {"tabulator_tables_list", "{\"bucket\":\"quilt-other\"}"},
          {"tabulator_table_delete", "{\"bucket\":\"quilt-other\",\"table_name\":\"t\"}"},
          {
            "tabulator_table_rename",
            "{\"bucket\":\"quilt-other\",\"table_name\":\"t\",\"new_table_name\":\"u\"}"
          }
        }) {
      ToolRig.Reply r = rig.call(rig.alice(), call[0], call[1]);
      assertEquals(ErrorCodes.FORBIDDEN, r.error().path("code").asInt(), r.toString());
      assertEquals(EngineResponse.Outcome.FORBIDDEN, r.outcome());
      assertTrue(r.toString().contains("quilt-other"), r.toString());
    }
    assertEquals(before, rig.catalog.requests());
  }

  @Test
  void aTokenTheCatalogRefuses_isAccessDenied() {
    try (TabulatorRig refusing =
        TabulatorRig.start(
            "a-secret-the-catalog-has-and-the-server-has-not-0123",
            CatalogStandIn.Release.CURRENT)) {
      ToolRig.Reply r = call(refusing, "tabulator_tables_list", Map.of("bucket", "quilt-data"));
      assertTrue(r.isError(), r.toString());
      assertEquals("CATALOG_ACCESS_DENIED", r.reason(), r.toString());
      assertTrue(r.text().contains("HTTP 401"), r.text());
      ToolRig.Reply w =
          call(
              refusing,
              "tabulator_table_set",
              Map.of("bucket", "quilt-data", "table_name", "t", "config", GOOD));
      assertEquals("CATALOG_ACCESS_DENIED", w.reason(), w.toString());
    }
  }

  @Test
  void anOlderRegistry_getsTheMutationsUnderAdmin() {
    try (TabulatorRig old =
        TabulatorRig.start(TabulatorRig.SECRET, CatalogStandIn.Release.TABULATOR_UNDER_ADMIN)) {
      int before = old.catalog.requests();
      ok(
          old,
          "tabulator_table_set",
          Map.of("bucket", "quilt-data", "table_name", "t", "config", GOOD));
      // the top-level field is refused by validation, then the same mutation under admin
      assertEquals(before + 2, old.catalog.requests());
      assertEquals(GOOD, old.model.tabulatorTables("quilt-data").get("t"));
      ok(
          old,
          "tabulator_table_rename",
          Map.of("bucket", "quilt-data", "table_name", "t", "new_table_name", "u"));
      ok(old, "tabulator_table_delete", Map.of("bucket", "quilt-data", "table_name", "u"));
      assertTrue(old.model.tabulatorTables("quilt-data").isEmpty());
      ToolRig.Reply bad =
          call(
              old,
              "tabulator_table_rename",
              Map.of("bucket", "quilt-data", "table_name", "gone", "new_table_name", "x"));
      assertEquals("CATALOG_INVALID_INPUT", bad.reason(), bad.toString());
    }
  }
}

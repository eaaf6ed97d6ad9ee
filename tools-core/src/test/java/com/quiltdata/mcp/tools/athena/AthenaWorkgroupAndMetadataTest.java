package com.quiltdata.mcp.tools.athena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.standins.athena.AthenaStandIn;
import com.quiltdata.mcp.tools.s3.ToolRig.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which workgroup and output location a query gets, and the catalog browsing tools. */
class AthenaWorkgroupAndMetadataTest {
  static String id(Reply r) {
    assertFalse(r.isError(), r.toString());
    return r.structured().path("query_execution_id").asText();
  }

  @Test
  void noWorkgroupGiven_prefersTheCallersWorkgroupWithAResultLocation() {
    try (AthenaRig rig =
        AthenaRig.start(
            AthenaRig.fast(),
            b ->
                b.workgroup(new AthenaStandIn.Workgroup("analytics", null, false, true))
                    .workgroup(
                        new AthenaStandIn.Workgroup(
                            "quilt-users", "s3://quilt-results/", false, true))
                    .workgroup(
                        new AthenaStandIn.Workgroup("old-quilt", "s3://old/", false, false)))) {
      String id = id(rig.call(rig.alice(), "athena_query_execute", "{\"query\":\"SELECT 1\"}"));
      assertEquals("quilt-users", rig.athena.execution(id).get("workgroup"));
      assertEquals("s3://quilt-results/", rig.athena.execution(id).get("outputLocation"));

      Reply disabled =
          rig.call(
              rig.alice(),
              "athena_query_execute",
              "{\"query\":\"SELECT 1\",\"workgroup_name\":\"old-quilt\"}");
      assertEquals("WORKGROUP_NOT_FOUND", disabled.reason());
      Reply missing =
          rig.call(
              rig.alice(),
              "athena_query_execute",
              "{\"query\":\"SELECT 1\",\"workgroup_name\":\"nope\"}");
      assertEquals("WORKGROUP_NOT_FOUND", missing.reason());
      Reply bare =
          rig.call(
              rig.alice(),
              "athena_query_execute",
              "{\"query\":\"SELECT 1\",\"workgroup_name\":\"analytics\"}");
      assertEquals("NO_OUTPUT_LOCATION", bare.reason());
    }
  }

  @Test
  void configuredLocation_isSentOnlyWhenTheWorkgroupDoesNotEnforceItsOwn() {
    AthenaSettings s = AthenaRig.fast().withWorkgroup("primary", "s3://configured/results/");
    try (AthenaRig rig =
        AthenaRig.start(
            s,
            b ->
                b.workgroup(new AthenaStandIn.Workgroup("primary", null, false, true))
                    .workgroup(
                        new AthenaStandIn.Workgroup("locked", "s3://locked/", true, true)))) {
      String id = id(rig.call(rig.alice(), "athena_query_execute", "{\"query\":\"SELECT 1\"}"));
      assertEquals("primary", rig.athena.execution(id).get("workgroup"));
      assertEquals("s3://configured/results/", rig.athena.execution(id).get("outputLocation"));
      String locked =
          id(
              rig.call(
                  rig.alice(),
                  "athena_query_execute",
                  "{\"query\":\"SELECT 1\",\"workgroup_name\":\"locked\"}"));
      assertEquals("s3://locked/", rig.athena.execution(locked).get("outputLocation"));
    }
  }

  @Test
  void noEnabledWorkgroup_isNoWorkgroup() {
    try (AthenaRig rig = AthenaRig.start(AthenaRig.fast(), b -> b.withoutWorkgroup("primary"))) {
      Reply r = rig.call(rig.alice(), "athena_query_execute", "{\"query\":\"SELECT 1\"}");
      assertEquals("NO_WORKGROUP", r.reason());
      Reply list = rig.call(rig.alice(), "athena_workgroups_list", "{}");
      assertEquals(0, list.structured().path("workgroups").size());
    }
  }

  @Test
  void catalogTools_listDatabasesTablesAndTheExactSchema() {
    try (AthenaRig rig = AthenaRig.start(AthenaRig.fast())) {
      Reply dbs = rig.call(rig.alice(), "athena_databases_list", "{}");
      assertFalse(dbs.isError(), dbs.toString());
      List<String> names = new ArrayList<>();
      dbs.structured().path("databases").forEach(d -> names.add(d.path("name").asText()));
      assertTrue(names.contains("demo"), names.toString());

      Reply tables =
          rig.call(
              rig.alice(),
              "athena_tables_list",
              "{\"database_name\":\"demo\",\"pattern\":\"read*|wide\"}");
      List<String> t = new ArrayList<>();
      tables.structured().path("tables").forEach(x -> t.add(x.path("name").asText()));
      assertEquals(List.of("readings", "wide"), t);

      Reply schema =
          rig.call(
              rig.alice(),
              "athena_table_schema",
              "{\"database_name\":\"demo\",\"table_name\":\"readings\"}");
      JsonNode s = schema.structured();
      List<String> cols = new ArrayList<>();
      s.path("columns").forEach(c -> cols.add(c.path("name").asText()));
      assertEquals(List.of("id", "label", "date"), cols, "a column named date is no partition");
      assertEquals(1, s.path("partition_keys").size());
      assertEquals("year", s.path("partition_keys").path(0).path("name").asText());
      assertEquals("s3://quilt-data/readings/", s.path("location").asText());

      Reply none =
          rig.call(
              rig.alice(),
              "athena_table_schema",
              "{\"database_name\":\"demo\",\"table_name\":\"nope\"}");
      assertEquals("NOT_FOUND", none.reason());
      Reply injected =
          rig.call(
              rig.alice(),
              "athena_tables_list",
              "{\"database_name\":\"demo\",\"pattern\":\"x' OR '1'='1\"}");
      assertEquals("INVALID_ARGUMENT", injected.reason());
    }
  }
}

package com.quiltdata.mcp.tools.athena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.tools.s3.ToolRig.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;

/** tabulator_query: the tabulator catalog found by name, the bucket as database and as grant. */
class TabulatorQueryTest {
  @Test
  void query_runsOnTheTabulatorCatalogWithTheBucketAsDatabase() {
    try (AthenaRig rig =
        AthenaRig.start(
            AthenaRig.fast(),
            b ->
                b.workgroup(
                        new com.quiltdata.mcp.standins.athena.AthenaStandIn.Workgroup(
                            "primary", "s3://results/", false, true))
                    .catalog("other-catalog")
                    .catalog("quilt-stack-tabulator")
                    .seed(
                        "CREATE SCHEMA \"quilt-data\"; CREATE TABLE \"quilt-data\".samples AS"
                            + " SELECT 'team/a' AS \"$pkg_name\", 7 AS n"))) {
      Reply r =
          rig.call(
              rig.alice(),
              "tabulator_query",
              "{\"bucket\":\"quilt-data\",\"query\":\"SELECT \\\"$pkg_name\\\", n FROM samples\"}");
      assertFalse(r.isError(), r.toString());
      assertEquals("quilt-stack-tabulator", r.structured().path("data_catalog_name").asText());
      assertEquals("team/a", r.structured().path("rows").path(0).path("$pkg_name").asText());
      assertEquals(7, r.structured().path("rows").path(0).path("n").asInt());

      Reply write =
          rig.call(
              rig.alice(),
              "tabulator_query",
              "{\"bucket\":\"quilt-data\",\"query\":\"DROP TABLE samples\"}");
      assertEquals("NOT_READ_ONLY", write.reason());

      int before = rig.athena.requests().size();
      Reply other =
          rig.call(
              rig.user("alice@example.com", List.of("other-bucket"), AthenaRig.ALL_ACTIONS),
              "tabulator_query",
              "{\"bucket\":\"quilt-data\",\"query\":\"SELECT 1\"}");
      assertTrue(other.toString().contains("quilt-data"), other.toString());
      assertFalse(other.error().isMissingNode(), "a bucket outside the token is refused");
      assertEquals(before, rig.athena.requests().size(), "nothing was sent");
    }
  }

  @Test
  void noTabulatorCatalog_isNotFound() {
    try (AthenaRig rig = AthenaRig.start(AthenaRig.fast())) {
      Reply r =
          rig.call(
              rig.alice(), "tabulator_query", "{\"bucket\":\"quilt-data\",\"query\":\"SELECT 1\"}");
      assertEquals("NOT_FOUND", r.reason());
    }
  }
}

package com.quiltdata.mcp.tools.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.standins.graphql.CatalogModel;
import com.quiltdata.mcp.standins.graphql.CatalogStandIn;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What only the GraphQL backend does, against the catalog stand-in: the catalog's own refusals
 * reach the user verbatim, a refused token is access denied, large packages are walked by
 * directory, search pages with the catalog's cursor, older registries' buckets, and the auto rule.
 */
class PackagesGraphqlTest {
  private static PackagesRig rig;

  @BeforeAll
  static void start() {
    rig = PackagesRig.graphql();
    rig.put(PackagesRig.DATA, "raw/a.txt", "a");
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  private static String create(String registry, String name, String extra) {
    return "{\"package_name\":\""
        + name
        + "\",\"registry\":\""
        + registry
        + "\",\"s3_uris\":[\"s3://quilt-data/raw/a.txt\"]"
        + extra
        + "}";
  }

  @Test
  void invalidInput_reachesTheUserVerbatim_andNothingIsWritten() {
    PackagesRig.Reply r =
        rig.call(
            rig.alice(),
            "package_create",
            create("quilt-registry", "team/flow", ",\"workflow\":\"nightly\""));
    assertTrue(r.isError(), r.toString());
    assertEquals("CATALOG_INVALID_INPUT", r.reason());
    assertTrue(
        r.text()
            .contains(
                "params.workflow: Workflow 'nightly' is not configured for bucket quilt-registry"
                    + " (WorkflowValidationError)"),
        r.text());
    JsonNode e = r.structured().path("catalog_errors").get(0);
    assertEquals("params.workflow", e.path("path").asText());
    assertEquals("WorkflowValidationError", e.path("name").asText());
    assertTrue(rig.model.revisions(PackagesRig.REGISTRY, "team/flow").isEmpty());

    rig.model.setWorkflows(PackagesRig.REGISTRY, Set.of("nightly"));
    PackagesRig.Reply ok =
        rig.call(
            rig.alice(),
            "package_create",
            create("quilt-registry", "team/flow", ",\"workflow\":\"nightly\""));
    assertFalse(ok.isError(), ok.toString());
    assertEquals(
        "nightly", rig.model.revisions(PackagesRig.REGISTRY, "team/flow").get(0).workflow());
  }

  @Test
  void operationError_reachesTheUserVerbatim() {
    // the token grants quilt-other, the catalog has no such bucket
    PackagesRig.Reply r =
        rig.call(rig.alice(), "package_create", create("quilt-other", "team/elsewhere", ""));
    assertTrue(r.isError(), r.toString());
    assertEquals("CATALOG_OPERATION_FAILED", r.reason());
    assertTrue(r.text().contains("No access to bucket quilt-other (Forbidden)"), r.text());
    assertEquals("Forbidden", r.structured().path("catalog_errors").get(0).path("name").asText());
  }

  @Test
  void aTokenTheCatalogRefuses_isAccessDenied() {
    try (PackagesRig refusing =
        PackagesRig.withCatalog(
            PackageSettings.Backend.GRAPHQL,
            "a-secret-the-catalog-has-and-the-server-has-not-0123",
            CatalogStandIn.Release.CURRENT)) {
      for (String[] call :
          new String[][] {
            {"package_browse", "{\"package_name\":\"a/b\",\"registry\":\"quilt-registry\"}"},
            {"packages_list", "{\"registry\":\"quilt-registry\"}"},
            {"bucket_list", "{}"}
          }) {
        PackagesRig.Reply r = refusing.call(refusing.alice(), call[0], call[1]);
        assertTrue(r.isError(), r.toString());
        assertEquals("CATALOG_ACCESS_DENIED", r.reason(), r.toString());
        assertTrue(r.text().contains("HTTP 401"), r.text());
        assertFalse(r.structured().path("retryable").asBoolean());
      }
    }
  }

  @Test
  void aPackageTooLargeForTheFlatMap_isWalkedByDirectory_inBatches() {
    List<CatalogModel.Entry> entries = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      entries.add(
          new CatalogModel.Entry(
              "d" + (i % 7) + "/s" + (i % 3) + "/f" + i + ".csv",
              "s3://quilt-data/f" + i,
              i,
              "sha2-256-chunked",
              "AAAA",
              null));
    }
    rig.model.push(PackagesRig.REGISTRY, "big/walk", "wide", null, null, entries);
    int before = rig.catalog.requests();
    JsonNode s =
        rig.call(
                rig.alice(),
                "package_browse",
                "{\"package_name\":\"big/walk\",\"registry\":\"quilt-registry\",\"limit\":1000}")
            .structured();
    // one read (contentsFlatMap is null past 1000 entries), then root, 7 and 21 directories
    assertEquals(4, rig.catalog.requests() - before, s.toString());
    assertEquals(1500, s.path("total_entries").asInt(), s.toString());
    assertEquals(1500, s.path("package_entries").asInt());
    assertEquals(1000, s.path("entries").size());
    assertTrue(s.path("truncated").asBoolean());
    assertEquals(7, s.path("directories").size());
    assertEquals("d0/s0/f0.csv", s.path("entries").get(0).path("logical_key").asText());
    assertEquals("s3://quilt-data/f0", s.path("entries").get(0).path("physical_key").asText());
    assertEquals("wide", s.path("message").asText());
  }

  @Test
  void search_pagesWithTheCatalogsCursor_andABadCursorIsTheCatalogsInvalidInput() {
    for (String n : new String[] {"paged/one", "paged/two", "paged/three"}) {
      assertFalse(
          rig.call(rig.alice(), "package_create", create("quilt-registry", n, "")).isError());
    }
    JsonNode first =
        rig.call(rig.alice(), "packages_search", "{\"query\":\"paged\",\"limit\":2}").structured();
    assertEquals(3, first.path("total").asInt(), first.toString());
    assertEquals(2, first.path("results").size());
    assertEquals(64, first.path("results").get(0).path("top_hash").asText().length());
    String cursor = first.path("next_cursor").asText();
    JsonNode rest =
        rig.call(
                rig.alice(),
                "packages_search",
                "{\"query\":\"paged\",\"limit\":2,\"cursor\":\"" + cursor + "\"}")
            .structured();
    assertEquals(1, rest.path("results").size());
    assertTrue(rest.path("next_cursor").isNull());
    PackagesRig.Reply used =
        rig.call(
            rig.alice(), "packages_search", "{\"query\":\"paged\",\"cursor\":\"" + cursor + "\"}");
    assertEquals("CATALOG_INVALID_INPUT", used.reason(), used.toString());
    assertTrue(used.text().contains("after: Unknown or used cursor (InvalidCursor)"), used.text());
  }

  @Test
  void anOlderRegistry_listsBucketConfigs_keptToTheTokensBuckets() {
    try (PackagesRig old =
        PackagesRig.withCatalog(
            PackageSettings.Backend.GRAPHQL,
            PackagesRig.SECRET,
            CatalogStandIn.Release.WITHOUT_ROLE_SCOPED_BUCKETS)) {
      JsonNode out = old.call(old.admin(), "bucket_list", "{}").structured();
      List<String> names = new ArrayList<>();
      out.path("buckets").forEach(b -> names.add(b.path("name").asText()));
      // an admin sees quilt-unseen in bucketConfigs; the token does not grant it
      assertEquals(List.of(PackagesRig.REGISTRY, PackagesRig.DATA), names, out.toString());
      assertTrue(out.path("source").asText().contains("bucketConfigs"));
      assertEquals("Registry", out.path("buckets").get(0).path("title").asText());
    }
  }

  @Test
  void auto_usesGraphqlWhereTheRegistryAnswersIt_andKeepsTheVerdictForFiveMinutes() {
    try (PackagesRig auto =
        PackagesRig.withCatalog(
            PackageSettings.Backend.AUTO, PackagesRig.SECRET, CatalogStandIn.Release.CURRENT)) {
      int start = auto.catalog.requests();
      JsonNode first = auto.call(auto.alice(), "bucket_list", "{}").structured();
      assertEquals("catalog", first.path("source").asText());
      assertEquals(2, auto.catalog.requests() - start, "the probe, then the query");
      int next = auto.catalog.requests();
      auto.call(auto.alice(), "bucket_list", "{}");
      assertEquals(1, auto.catalog.requests() - next, "the verdict is kept");
      auto.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
      int later = auto.catalog.requests();
      auto.call(auto.alice(), "bucket_list", "{}");
      assertEquals(2, auto.catalog.requests() - later, "asked again after five minutes");

      // a registry whose /graphql is not GraphQL (404): S3, and that verdict is kept too
      URI elsewhere = URI.create(auto.catalog.url() + "/elsewhere");
      try (PackagesRig s3 =
          new PackagesRig(s -> s.withBackend(PackageSettings.Backend.AUTO, elsewhere))) {
        s3.put(PackagesRig.DATA, "raw/a.txt", "a");
        int before = auto.catalog.misses();
        PackagesRig.Reply made =
            s3.call(s3.alice(), "package_create", create("quilt-registry", "team/auto", ""));
        assertEquals("s3", made.structured().path("backend").asText(), made.toString());
        assertEquals(1, auto.catalog.misses() - before, "one probe, of /elsewhere/graphql");
        assertEquals(
            "token", s3.call(s3.alice(), "bucket_list", "{}").structured().path("source").asText());
        assertEquals(1, auto.catalog.misses() - before, "no second probe");
      }
    }
  }

  @Test
  void auto_withTheRegistryDown_usesS3() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    URI down = URI.create("http://127.0.0.1:" + port);
    try (PackagesRig s3 = new PackagesRig(s -> s.withBackend(PackageSettings.Backend.AUTO, down))) {
      JsonNode out = s3.call(s3.alice(), "bucket_list", "{}").structured();
      assertEquals("token", out.path("source").asText());
    }
  }
}

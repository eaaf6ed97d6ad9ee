package com.quiltdata.mcp.tools.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the package tools do the same on both backends: quilt3's S3 format over S3Proxy, and the
 * catalog's GraphQL over the stand-in (with S3Proxy holding the data). Same tool names, arguments
 * and output shapes; where a backend adds a fact (S3's pointer files) it is checked too.
 */
class PackagesBackendsTest {
  private static Map<String, PackagesRig> rigs;

  @BeforeAll
  static void start() {
    rigs = Map.of("s3", new PackagesRig(), "graphql", PackagesRig.graphql());
    for (PackagesRig rig : rigs.values()) {
      rig.put(PackagesRig.DATA, "raw/hello.txt", "Hello, World!");
      rig.put(PackagesRig.DATA, "raw/a.txt", "a");
      rig.put(PackagesRig.DATA, "raw/sub/b.txt", "b");
    }
  }

  @AfterAll
  static void stop() {
    rigs.values().forEach(PackagesRig::close);
  }

  static String create(String name, String uris, String extra) {
    return "{\"package_name\":\""
        + name
        + "\",\"registry\":\"s3://quilt-registry\",\"s3_uris\":"
        + uris
        + extra
        + "}";
  }

  private static PackagesRig.Reply call(String backend, String tool, String args) {
    PackagesRig rig = rigs.get(backend);
    PackagesRig.Reply r = rig.call(rig.alice(), tool, args);
    assertFalse(r.isError(), backend + " " + tool + ": " + r);
    return r;
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3", "graphql"})
  void create_thenBrowse_givesTheEntriesHashesAndMetadata(String backend) {
    PackagesRig.Reply created =
        call(
            backend,
            "package_create",
            create(
                "team/hello",
                "[\"s3://quilt-data/raw/hello.txt\",\"s3://quilt-data/raw/sub/\"]",
                ",\"metadata\":{\"owner\":\"ada\",\"ratio\":0.5},\"message\":\"first\""));
    assertEquals(backend, created.structured().path("backend").asText());
    String hash = created.structured().path("top_hash").asText();
    assertEquals(64, hash.length());
    assertEquals(2, created.structured().path("entries").asInt());
    if (backend.equals("s3")) {
      PackagesRig rig = rigs.get(backend);
      assertEquals(hash, rig.get(PackagesRig.REGISTRY, ".quilt/named_packages/team/hello/latest"));
      String pointer = created.structured().path("pointer").asText();
      assertEquals(
          hash, rig.get(PackagesRig.REGISTRY, ".quilt/named_packages/team/hello/" + pointer));
    }

    JsonNode s =
        call(
                backend,
                "package_browse",
                "{\"package_name\":\"team/hello\",\"registry\":\"quilt-registry\"}")
            .structured();
    assertEquals(hash, s.path("top_hash").asText());
    // S3: the manifest hashes to its name as quilt3 computes it; the stand-in's hashes are its own
    assertEquals(backend.equals("s3"), s.path("top_hash_verified").asBoolean());
    assertEquals("first", s.path("message").asText());
    assertEquals("ada", s.path("metadata").path("owner").asText());
    assertEquals(0.5, s.path("metadata").path("ratio").asDouble());
    assertEquals(2, s.path("total_entries").asInt());
    assertEquals(2, s.path("package_entries").asInt());
    assertEquals(14, s.path("package_bytes").asLong());
    JsonNode first = s.path("entries").get(0);
    assertEquals("b.txt", first.path("logical_key").asText());
    assertEquals("s3://quilt-data/raw/sub/b.txt", first.path("physical_key").asText());
    // quilt3's golden values for "b" and "Hello, World!"
    assertEquals(
        "OTYRYJA8ZpXGgEtxV8e9EAE+m6ibH5VCQ7yOOZCwjbk=", first.path("hash").path("value").asText());
    assertEquals(
        "BCp9ZKWB7y7pg/IQWIAcw1ZjtwXmxV9i+o4PGOzHCYk=",
        s.path("entries").get(1).path("hash").path("value").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3", "graphql"})
  void flattenFalse_keepsTheKeys_andPathDepthAndPagingWork(String backend) {
    call(
        backend,
        "package_create",
        create("team/tree", "[\"s3://quilt-data/raw/\"]", ",\"flatten\":false"));
    JsonNode top =
        call(
                backend,
                "package_browse",
                "{\"package_name\":\"team/tree\",\"registry\":\"quilt-registry\",\"path\":\"raw/\","
                    + "\"recursive\":false}")
            .structured();
    List<String> keys = new ArrayList<>();
    top.path("entries").forEach(e -> keys.add(e.path("logical_key").asText()));
    assertEquals(List.of("raw/a.txt", "raw/hello.txt"), keys);
    assertEquals("raw/sub/", top.path("directories").get(0).path("path").asText());
    assertEquals(1, top.path("directories").get(0).path("entries").asInt());

    JsonNode page1 =
        call(
                backend,
                "package_browse",
                "{\"package_name\":\"team/tree\",\"registry\":\"quilt-registry\",\"limit\":2}")
            .structured();
    assertTrue(page1.path("truncated").asBoolean());
    JsonNode page2 =
        call(
                backend,
                "package_browse",
                "{\"package_name\":\"team/tree\",\"registry\":\"quilt-registry\",\"limit\":2,"
                    + "\"cursor\":\""
                    + page1.path("next_cursor").asText()
                    + "\"}")
            .structured();
    assertEquals(1, page2.path("entries").size());
    assertEquals("raw/sub/b.txt", page2.path("entries").get(0).path("logical_key").asText());
    assertTrue(page2.path("next_cursor").isNull());
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3", "graphql"})
  void update_keepsEntriesIntact_addsRemovesAndMergesMetadata_thenDiffSaysWhat(String backend) {
    call(
        backend,
        "package_create",
        create(
            "team/evolving",
            "[\"s3://quilt-data/raw/a.txt\",\"s3://quilt-data/raw/sub/b.txt\"]",
            ",\"metadata\":{\"keep\":1,\"change\":\"old\"}"));
    JsonNode before =
        call(
                backend,
                "package_browse",
                "{\"package_name\":\"team/evolving\",\"registry\":\"quilt-registry\"}")
            .structured();
    rigs.get(backend).put(PackagesRig.DATA, "more/c.txt", "0123456789abcdef");
    JsonNode updated =
        call(
                backend,
                "package_update",
                "{\"package_name\":\"team/evolving\",\"registry\":\"quilt-registry\","
                    + "\"s3_uris\":[\"s3://quilt-data/more/c.txt\"],\"remove\":[\"b.txt\"],"
                    + "\"metadata\":{\"change\":\"new\",\"added\":true},\"message\":\"second\"}")
            .structured();
    assertEquals(before.path("top_hash").asText(), updated.path("previous_top_hash").asText());
    JsonNode after =
        call(
                backend,
                "package_browse",
                "{\"package_name\":\"team/evolving\",\"registry\":\"quilt-registry\"}")
            .structured();
    assertEquals(updated.path("top_hash").asText(), after.path("top_hash").asText());
    assertEquals(before.path("entries").get(0), after.path("entries").get(0), "a.txt untouched");
    assertEquals("c.txt", after.path("entries").get(1).path("logical_key").asText());
    assertEquals(
        "Xb1PbjJeWof4zD7zuHc9PI7sLiz/Ykj4gphlaZEt3xA=",
        after.path("entries").get(1).path("hash").path("value").asText());
    assertEquals(1, after.path("metadata").path("keep").asInt());
    assertEquals("new", after.path("metadata").path("change").asText());
    assertEquals("second", after.path("message").asText());

    JsonNode diff =
        call(
                backend,
                "package_diff",
                "{\"package1_name\":\"team/evolving\",\"package2_name\":\"team/evolving\","
                    + "\"registry\":\"quilt-registry\",\"package1_hash\":\""
                    + before.path("top_hash").asText()
                    + "\"}")
            .structured();
    assertEquals(1, diff.path("counts").path("added").asInt());
    assertEquals(1, diff.path("counts").path("deleted").asInt());
    assertEquals(0, diff.path("counts").path("modified").asInt());
    assertEquals(1, diff.path("counts").path("unchanged").asInt());
    assertEquals("b.txt", diff.path("deleted").get(0).path("logical_key").asText());
    assertTrue(diff.path("metadata_changes").path("added").has("added"));
    assertEquals(
        "old", diff.path("metadata_changes").path("changed").path("change").path("old").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3", "graphql"})
  void delete_oneRevisionMovesLatest_thenAllRevisionsGo(String backend) {
    PackagesRig rig = rigs.get(backend);
    String first =
        call(backend, "package_create", create("team/gone", "[\"s3://quilt-data/raw/a.txt\"]", ""))
            .structured()
            .path("top_hash")
            .asText();
    rig.clock.advance(java.time.Duration.ofSeconds(5));
    String second =
        call(
                backend,
                "package_create",
                create("team/gone", "[\"s3://quilt-data/raw/sub/b.txt\"]", ""))
            .structured()
            .path("top_hash")
            .asText();
    JsonNode one =
        call(
                backend,
                "package_delete",
                "{\"package_name\":\"team/gone\",\"registry\":\"quilt-registry\",\"top_hash\":\""
                    + second
                    + "\"}")
            .structured();
    assertEquals(first, one.path("latest").asText());
    assertEquals(1, one.path("removed").size());
    assertEquals(second, one.path("removed").get(0).path("top_hash").asText());
    assertEquals(1, one.path("remaining_revisions").asInt());
    if (backend.equals("s3")) {
      assertEquals(first, rig.get(PackagesRig.REGISTRY, ".quilt/named_packages/team/gone/latest"));
    }
    JsonNode browsed =
        call(
                backend,
                "package_browse",
                "{\"package_name\":\"team/gone\",\"registry\":\"quilt-registry\"}")
            .structured();
    assertEquals(first, browsed.path("top_hash").asText());

    JsonNode all =
        call(
                backend,
                "package_delete",
                "{\"package_name\":\"team/gone\",\"registry\":\"quilt-registry\"}")
            .structured();
    assertTrue(all.path("latest").isNull());
    assertEquals(0, all.path("remaining_revisions").asInt());
    PackagesRig.Reply browse =
        rig.call(
            rig.alice(),
            "package_browse",
            "{\"package_name\":\"team/gone\",\"registry\":\"quilt-registry\"}");
    assertEquals("NO_SUCH_PACKAGE", browse.reason(), browse.toString());
    PackagesRig.Reply again =
        rig.call(
            rig.alice(),
            "package_delete",
            "{\"package_name\":\"team/gone\",\"registry\":\"quilt-registry\"}");
    assertEquals("NO_SUCH_PACKAGE", again.reason(), again.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3", "graphql"})
  void listAndSearch_findThePackages(String backend) {
    call(
        backend,
        "package_create",
        create("search/alpha-one", "[\"s3://quilt-data/raw/a.txt\"]", ""));
    call(backend, "package_create", create("search/beta", "[\"s3://quilt-data/raw/a.txt\"]", ""));
    JsonNode list =
        call(
                backend,
                "packages_list",
                "{\"registry\":\"quilt-registry\",\"prefix\":\"search/\",\"limit\":1}")
            .structured();
    assertEquals(1, list.path("packages").size());
    assertEquals("search/alpha-one", list.path("packages").get(0).asText());
    JsonNode next =
        call(
                backend,
                "packages_list",
                "{\"registry\":\"quilt-registry\",\"prefix\":\"search/\",\"cursor\":\""
                    + list.path("next_cursor").asText()
                    + "\"}")
            .structured();
    assertEquals(List.of("search/beta"), names(next.path("packages")));
    assertTrue(next.path("next_cursor").isNull());
    JsonNode found =
        call(backend, "packages_search", "{\"query\":\"ALPHA\",\"buckets\":[\"quilt-registry\"]}")
            .structured();
    assertEquals(1, found.path("results").size(), found.toString());
    assertEquals("search/alpha-one", found.path("results").get(0).path("name").asText());
    assertEquals("quilt-registry", found.path("results").get(0).path("bucket").asText());
    assertEquals(
        backend.equals("s3") ? "name match (the catalog's search is not used)" : "catalog search",
        found.path("mode").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3", "graphql"})
  void bucketList_namesTheCallersBuckets(String backend) {
    JsonNode out = call(backend, "bucket_list", "{}").structured();
    List<String> names = new ArrayList<>();
    out.path("buckets").forEach(b -> names.add(b.path("name").asText()));
    if (backend.equals("s3")) {
      assertEquals(List.of(PackagesRig.REGISTRY, PackagesRig.DATA, PackagesRig.OTHER), names);
      assertEquals("token", out.path("source").asText());
      assertTrue(out.path("buckets").get(0).path("title").isNull());
    } else {
      // role-scoped: the catalog's buckets that the token grants, with the catalog's titles
      assertEquals(List.of(PackagesRig.REGISTRY, PackagesRig.DATA), names);
      assertEquals("catalog", out.path("source").asText());
      assertEquals("Raw data", out.path("buckets").get(1).path("description").asText());
    }
    assertEquals("s3://quilt-data", out.path("buckets").get(1).path("s3_uri").asText());
  }

  @org.junit.jupiter.api.Test
  void aPackageTheS3BackendWrote_readsTheSameThroughTheCatalog_withQuilt3sTopHash() {
    JsonNode made =
        call(
                "s3",
                "package_create",
                create(
                    "cross/made",
                    "[\"s3://quilt-data/raw/\"]",
                    ",\"flatten\":false,\"metadata\":{\"n\":1.5,\"s\":\"\u00e9\"},"
                        + "\"message\":\"from s3\""))
            .structured();
    String hash = made.path("top_hash").asText();
    // the catalog indexes what was pushed to the registry bucket, as its indexer does
    byte[] manifest =
        rigs.get("s3")
            .s3
            .admin()
            .getObjectAsBytes(b -> b.bucket(PackagesRig.REGISTRY).key(".quilt/packages/" + hash))
            .asByteArray();
    rigs.get("graphql")
        .model
        .index(PackagesRig.REGISTRY, "cross/made", hash, manifest, java.time.Instant.now());
    String browse = "{\"package_name\":\"cross/made\",\"registry\":\"quilt-registry\"}";
    JsonNode viaS3 = call("s3", "package_browse", browse).structured();
    JsonNode viaCatalog = call("graphql", "package_browse", browse).structured();
    assertEquals(3, viaCatalog.path("entries").size());
    assertEquals(viaS3.path("entries"), viaCatalog.path("entries"));
    assertEquals(viaS3.path("metadata"), viaCatalog.path("metadata"));
    assertEquals("from s3", viaCatalog.path("message").asText());
    assertEquals(hash, viaCatalog.path("top_hash").asText());
    assertTrue(
        viaCatalog.path("top_hash_verified").asBoolean(),
        "what the catalog serves hashes to quilt3's top hash again");
  }

  private static List<String> names(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}

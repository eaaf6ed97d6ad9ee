package com.quiltdata.mcp.tools.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.auth.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package tools in quilt3's S3 format, end to end over S3Proxy. */
class PackagesS3Test {
  private static PackagesRig rig;
  private static Principal alice;

  @BeforeAll
  static void start() {
    rig = new PackagesRig();
    alice = rig.alice();
    rig.put(PackagesRig.DATA, "raw/hello.txt", "Hello, World!");
    rig.put(PackagesRig.DATA, "raw/a.txt", "a");
    rig.put(PackagesRig.DATA, "raw/sub/b.txt", "b");
    rig.put(PackagesRig.OTHER, "x/hello.txt", "Hello, World!");
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  private static String create(String name, String uris, String extra) {
    return "{\"package_name\":\""
        + name
        + "\",\"registry\":\"s3://quilt-registry\",\"s3_uris\":"
        + uris
        + extra
        + "}";
  }

  @Test
  void create_thenBrowse_givesQuilt3HashesAndAPointerToAVerifiedManifest() {
    PackagesRig.Reply created =
        rig.call(
            alice,
            "package_create",
            create(
                "team/hello",
                "[\"s3://quilt-data/raw/hello.txt\",\"s3://quilt-data/raw/sub/\"]",
                ",\"metadata\":{\"owner\":\"ada\",\"ratio\":0.5},\"message\":\"first\""));
    assertFalse(created.isError(), created.toString());
    String hash = created.structured().path("top_hash").asText();
    assertEquals(64, hash.length());
    assertEquals(hash, rig.get(PackagesRig.REGISTRY, ".quilt/named_packages/team/hello/latest"));
    String pointer = created.structured().path("pointer").asText();
    assertEquals(
        hash, rig.get(PackagesRig.REGISTRY, ".quilt/named_packages/team/hello/" + pointer));

    PackagesRig.Reply browse =
        rig.call(
            alice,
            "package_browse",
            "{\"package_name\":\"team/hello\",\"registry\":\"quilt-registry\"}");
    assertFalse(browse.isError(), browse.toString());
    JsonNode s = browse.structured();
    assertEquals(hash, s.path("top_hash").asText());
    assertTrue(s.path("top_hash_verified").asBoolean());
    assertEquals("first", s.path("message").asText());
    assertEquals("ada", s.path("metadata").path("owner").asText());
    assertEquals(2, s.path("total_entries").asInt());
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

  @Test
  void flattenFalse_keepsTheKeys_andPathDepthAndPagingWork() {
    assertFalse(
        rig.call(
                alice,
                "package_create",
                create("team/tree", "[\"s3://quilt-data/raw/\"]", ",\"flatten\":false"))
            .isError());
    JsonNode top =
        rig.call(
                alice,
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
        rig.call(
                alice,
                "package_browse",
                "{\"package_name\":\"team/tree\",\"registry\":\"quilt-registry\",\"limit\":2}")
            .structured();
    assertTrue(page1.path("truncated").asBoolean());
    JsonNode page2 =
        rig.call(
                alice,
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

  @Test
  void update_keepsEntriesIntact_addsRemovesAndMergesMetadata_thenDiffSaysWhat() {
    rig.call(
        alice,
        "package_create",
        create(
            "team/evolving",
            "[\"s3://quilt-data/raw/a.txt\",\"s3://quilt-data/raw/sub/b.txt\"]",
            ",\"metadata\":{\"keep\":1,\"change\":\"old\"}"));
    JsonNode before =
        rig.call(
                alice,
                "package_browse",
                "{\"package_name\":\"team/evolving\",\"registry\":\"quilt-registry\"}")
            .structured();
    rig.put(PackagesRig.DATA, "more/c.txt", "0123456789abcdef");
    PackagesRig.Reply updated =
        rig.call(
            alice,
            "package_update",
            "{\"package_name\":\"team/evolving\",\"registry\":\"quilt-registry\","
                + "\"s3_uris\":[\"s3://quilt-data/more/c.txt\"],\"remove\":[\"b.txt\"],"
                + "\"metadata\":{\"change\":\"new\",\"added\":true},\"message\":\"second\"}");
    assertFalse(updated.isError(), updated.toString());
    JsonNode after =
        rig.call(
                alice,
                "package_browse",
                "{\"package_name\":\"team/evolving\",\"registry\":\"quilt-registry\"}")
            .structured();
    assertEquals(before.path("entries").get(0), after.path("entries").get(0), "a.txt untouched");
    assertEquals("c.txt", after.path("entries").get(1).path("logical_key").asText());
    assertEquals(
        "Xb1PbjJeWof4zD7zuHc9PI7sLiz/Ykj4gphlaZEt3xA=",
        after.path("entries").get(1).path("hash").path("value").asText());
    assertEquals(1, after.path("metadata").path("keep").asInt());
    assertEquals("new", after.path("metadata").path("change").asText());

    JsonNode diff =
        rig.call(
                alice,
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

  @Test
  void delete_oneRevisionMovesLatest_thenAllRevisionsGo() {
    String first =
        rig.call(
                alice, "package_create", create("team/gone", "[\"s3://quilt-data/raw/a.txt\"]", ""))
            .structured()
            .path("top_hash")
            .asText();
    rig.clock.advance(java.time.Duration.ofSeconds(5));
    String second =
        rig.call(
                alice,
                "package_create",
                create("team/gone", "[\"s3://quilt-data/raw/sub/b.txt\"]", ""))
            .structured()
            .path("top_hash")
            .asText();
    JsonNode one =
        rig.call(
                alice,
                "package_delete",
                "{\"package_name\":\"team/gone\",\"registry\":\"quilt-registry\",\"top_hash\":\""
                    + second
                    + "\"}")
            .structured();
    assertEquals(first, one.path("latest").asText());
    assertEquals(1, one.path("removed").size());
    assertEquals(first, rig.get(PackagesRig.REGISTRY, ".quilt/named_packages/team/gone/latest"));

    JsonNode all =
        rig.call(
                alice,
                "package_delete",
                "{\"package_name\":\"team/gone\",\"registry\":\"quilt-registry\"}")
            .structured();
    assertTrue(all.path("latest").isNull());
    PackagesRig.Reply browse =
        rig.call(
            alice,
            "package_browse",
            "{\"package_name\":\"team/gone\",\"registry\":\"quilt-registry\"}");
    assertEquals("NO_SUCH_PACKAGE", browse.reason(), browse.toString());
  }

  @Test
  void listAndSearch_findThePackagesByName() {
    rig.call(
        alice, "package_create", create("search/alpha-one", "[\"s3://quilt-data/raw/a.txt\"]", ""));
    rig.call(alice, "package_create", create("search/beta", "[\"s3://quilt-data/raw/a.txt\"]", ""));
    JsonNode list =
        rig.call(
                alice,
                "packages_list",
                "{\"registry\":\"quilt-registry\",\"prefix\":\"search/\",\"limit\":1}")
            .structured();
    assertEquals("search/alpha-one", list.path("packages").get(0).asText());
    JsonNode next =
        rig.call(
                alice,
                "packages_list",
                "{\"registry\":\"quilt-registry\",\"prefix\":\"search/\",\"cursor\":\""
                    + list.path("next_cursor").asText()
                    + "\"}")
            .structured();
    assertEquals("search/beta", next.path("packages").get(0).asText());
    JsonNode found =
        rig.call(alice, "packages_search", "{\"query\":\"ALPHA\",\"buckets\":[\"quilt-registry\"]}")
            .structured();
    assertEquals("search/alpha-one", found.path("results").get(0).path("name").asText());
  }

  @Test
  void hashing_reportsProgress() {
    rig.put(PackagesRig.DATA, "big/blob.bin", "x".repeat(600_000));
    List<JsonNode> progress = new CopyOnWriteArrayList<>();
    PackagesRig.Reply r =
        rig.call(
            alice,
            "package_create",
            create("team/big", "[\"s3://quilt-data/big/blob.bin\"]", ""),
            json -> {
              try {
                progress.add(PackagesRig.JSON.readTree(json));
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
    assertFalse(r.isError(), r.toString());
    assertFalse(progress.isEmpty());
    JsonNode last = progress.get(progress.size() - 1).path("params");
    assertEquals(600_000.0, last.path("progress").asDouble());
    assertEquals(600_000.0, last.path("total").asDouble());
  }

  @Test
  void concurrentCreates_ofOnePackage_bothLandAsRevisions_andLatestIsOneOfThem() throws Exception {
    List<CompletableFuture<PackagesRig.Reply>> calls = new ArrayList<>();
    for (String uri : List.of("s3://quilt-data/raw/a.txt", "s3://quilt-data/raw/sub/b.txt")) {
      calls.add(
          CompletableFuture.supplyAsync(
              () ->
                  rig.call(alice, "package_create", create("team/race", "[\"" + uri + "\"]", ""))));
    }
    List<String> hashes = new ArrayList<>();
    List<String> pointers = new ArrayList<>();
    for (CompletableFuture<PackagesRig.Reply> c : calls) {
      PackagesRig.Reply r = c.get();
      assertFalse(r.isError(), r.toString());
      hashes.add(r.structured().path("top_hash").asText());
      pointers.add(r.structured().path("pointer").asText());
    }
    assertNotEquals(hashes.get(0), hashes.get(1));
    assertNotEquals(pointers.get(0), pointers.get(1), "distinct revisions");
    String latest = rig.get(PackagesRig.REGISTRY, ".quilt/named_packages/team/race/latest");
    assertTrue(hashes.contains(latest));
    assertTrue(
        rig.call(
                alice,
                "package_browse",
                "{\"package_name\":\"team/race\",\"registry\":\"quilt-registry\"}")
            .structured()
            .path("top_hash_verified")
            .asBoolean());
  }
}

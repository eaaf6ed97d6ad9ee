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

/**
 * What only the S3 backend does, end to end over S3Proxy: a manifest that hashes to its name,
 * progress while hashing, and concurrent writers. What both backends share is in {@link
 * PackagesBackendsTest}.
 */
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

package com.quiltdata.mcp.tools.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.auth.Principal;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Refusals before anything is read or written, and damaged registries, each with its reason. */
class PackagesValidationTest {
  private static final String HASH_1 =
      "3426a3f721e41a1d83174c691432a39ff13720426267fc799dccf3583153e850";
  private static PackagesRig rig;
  private static Principal alice;

  @BeforeAll
  static void start() {
    rig = new PackagesRig();
    alice = rig.alice();
    rig.put(PackagesRig.DATA, "v/a.txt", "a");
    rig.put(PackagesRig.DATA, "w/a.txt", "a");
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  private static PackagesRig.Reply browse(String name) {
    return rig.call(
        alice,
        "package_browse",
        "{\"package_name\":\"" + name + "\",\"registry\":\"quilt-registry\"}");
  }

  @Test
  void aManifestInQuilt3sOwnFormat_isBrowsed_andHashesToItsName() {
    // quilt3's golden package (non-ASCII key, walk order), written the way quilt3 writes it:
    // Python's default separators, the obsolete top_hash key on the first line.
    rig.put(PackagesRig.DATA, "golden/b/x.json", "{\"x\": \"json\"}\n");
    rig.put(PackagesRig.DATA, "golden/куилт.txt", "Hello, Quilt\n");
    String manifest =
        "{\"version\": \"v0\", \"top_hash\": {\"alg\": \"v0\", \"value\": \"x\"}}\n"
            + "{\"logical_key\": \"b/x.json\", \"physical_keys\":"
            + " [\"s3://quilt-data/golden/b/x.json\"], \"size\": 14, \"hash\": {\"type\":"
            + " \"SHA256\", \"value\":"
            + " \"426fc04f04bf8fdb5831dc37bbb6dcf70f63a37e05a68c6ea5f63e85ae579376\"}, \"meta\":"
            + " {}}\n"
            + "{\"logical_key\": \"куилт.txt\", \"physical_keys\":"
            + " [\"s3://quilt-data/golden/%D0%BA%D1%83%D0%B8%D0%BB%D1%82.txt\"], \"size\": 13,"
            + " \"hash\": {\"type\": \"SHA256\", \"value\":"
            + " \"8663bab6d124806b9727f89bb4ab9db4cbcc3862f6bbf22024dfa7212aa4ab7d\"}, \"meta\":"
            + " {\"user_meta\": {\"x\": \"y\"}}}\n";
    rig.put(PackagesRig.REGISTRY, ".quilt/packages/" + HASH_1, manifest);
    rig.put(PackagesRig.REGISTRY, ".quilt/named_packages/golden/pkg/1700000000", HASH_1);
    rig.put(PackagesRig.REGISTRY, ".quilt/named_packages/golden/pkg/latest", HASH_1);

    PackagesRig.Reply r = browse("golden/pkg");

    assertFalse(r.isError(), r.toString());
    JsonNode s = r.structured();
    assertEquals(HASH_1, s.path("top_hash").asText());
    assertTrue(s.path("top_hash_verified").asBoolean(), "quilt3's top hash, recomputed");
    assertEquals("b/x.json", s.path("entries").get(0).path("logical_key").asText());
    assertEquals("куилт.txt", s.path("entries").get(1).path("logical_key").asText());
    assertEquals("y", s.path("entries").get(1).path("metadata").path("x").asText());
  }

  @Test
  void registryOrSourceOutsideTheToken_isRefusedBeforeAnyRequest() {
    Principal narrow = rig.user("bob@example.com", List.of(PackagesRig.REGISTRY), PackagesRig.ALL);
    int before = rig.s3.front().requests();
    int registryBefore = rig.registry.calls();
    PackagesRig.Reply source =
        rig.call(
            narrow,
            "package_create",
            "{\"package_name\":\"bob/x\",\"registry\":\"quilt-registry\","
                + "\"s3_uris\":[\"s3://quilt-data/v/a.txt\"]}");
    PackagesRig.Reply registry =
        rig.call(
            narrow,
            "package_browse",
            "{\"package_name\":\"bob/x\",\"registry\":\"s3://quilt-data\"}");
    assertEquals("BUCKET_NOT_GRANTED", source.error().path("data").path("reason").asText());
    assertTrue(source.error().path("message").asText().contains("s3_uris[0]"));
    assertEquals("BUCKET_NOT_GRANTED", registry.error().path("data").path("reason").asText());
    assertEquals(before, rig.s3.front().requests(), "nothing reached S3");
    assertEquals(registryBefore, rig.registry.calls(), "nothing reached the registry");
  }

  @Test
  void badArguments_areInvalidArgumentsNamingTheRule() {
    String[][] cases = {
      {"package_browse", "{\"package_name\":\"no-slash\",\"registry\":\"quilt-registry\"}"},
      {"package_browse", "{\"package_name\":\"a/b/c\",\"registry\":\"quilt-registry\"}"},
      {
        "package_browse",
        "{\"package_name\":\"a/b\",\"registry\":\"quilt-registry\",\"top_hash\":\"ABC\"}"
      },
      {
        "package_create",
        "{\"package_name\":\"a/b\",\"registry\":\"quilt-registry\","
            + "\"s3_uris\":[\"s3://quilt-data/v/../x.txt\"]}"
      },
      {
        "package_create",
        "{\"package_name\":\"a/b\",\"registry\":\"quilt-registry\","
            + "\"s3_uris\":[\"s3://quilt-data/v\\\\..\\\\x.txt\"]}"
      },
      {
        "package_browse",
        "{\"package_name\":\"a/b\",\"registry\":\"quilt-registry\",\"path\":\"..\\\\x\"}"
      },
      {
        "package_update",
        "{\"package_name\":\"a/b\",\"registry\":\"quilt-registry\",\"remove\":[\"d\\\\..\\\\x\"]}"
      },
      {
        "package_create",
        "{\"package_name\":\"a/b\",\"registry\":\"quilt-registry\","
            + "\"s3_uris\":[\"s3://quilt-data/v/a.txt\"],\"metadata\":{\"x\":\""
            + "y".repeat(70_000)
            + "\"}}"
      },
    };
    for (String[] c : cases) {
      PackagesRig.Reply r = rig.call(alice, c[0], c[1]);
      assertTrue(r.isError() || !r.error().isMissingNode(), c[1] + " -> " + r);
      String reason = r.isError() ? r.reason() : "SCHEMA";
      assertTrue(
          List.of("INVALID_ARGUMENT", "TOO_LARGE", "SCHEMA").contains(reason), c[1] + " -> " + r);
    }
  }

  @Test
  void duplicateLogicalKeysAfterFlattening_areRefused_andNothingIsWritten() {
    int before = rig.s3.front().requests();
    PackagesRig.Reply r =
        rig.call(
            alice,
            "package_create",
            "{\"package_name\":\"dup/pkg\",\"registry\":\"quilt-registry\","
                + "\"s3_uris\":[\"s3://quilt-data/v/a.txt\",\"s3://quilt-data/w/a.txt\"]}");
    assertEquals("INVALID_ARGUMENT", r.reason(), r.toString());
    assertTrue(r.text().contains("a.txt"), r.text());
    for (String line : rig.s3.front().requestLines().subList(before, rig.s3.front().requests())) {
      assertFalse(line.startsWith("PUT"), "nothing written: " + line);
    }
    assertThrows(
        NoSuchKeyException.class,
        () -> rig.get(PackagesRig.REGISTRY, ".quilt/named_packages/dup/pkg/latest"));
  }

  @Test
  void damagedRegistries_areCorruptManifests() {
    String missing = "a".repeat(64);
    rig.put(PackagesRig.REGISTRY, ".quilt/named_packages/bad/missing/latest", missing);
    String foreign = "b".repeat(64);
    rig.put(PackagesRig.REGISTRY, ".quilt/packages/" + foreign, "{\"version\":\"v9\"}\n");
    rig.put(PackagesRig.REGISTRY, ".quilt/named_packages/bad/foreign/latest", foreign);
    String longLine = "c".repeat(64);
    rig.put(
        PackagesRig.REGISTRY,
        ".quilt/packages/" + longLine,
        "{\"version\":\"v0\"}\n{\"logical_key\":\"" + "k".repeat(1_000_001) + "\"}\n");
    rig.put(PackagesRig.REGISTRY, ".quilt/named_packages/bad/long/latest", longLine);
    rig.put(PackagesRig.REGISTRY, ".quilt/named_packages/bad/garbage/latest", "not a hash");

    for (String name : List.of("bad/missing", "bad/foreign", "bad/long", "bad/garbage")) {
      PackagesRig.Reply r = browse(name);
      assertEquals("CORRUPT_MANIFEST", r.reason(), name + ": " + r);
      assertFalse(r.structured().path("retryable").asBoolean(true));
    }
    assertEquals("NO_SUCH_PACKAGE", browse("bad/never-was").reason());
  }

  @Test
  void s3Proxy_honoursIfNoneMatch_asS3Does_whichKeepsConcurrentPointersApart() {
    rig.s3
        .admin()
        .putObject(
            b -> b.bucket(PackagesRig.REGISTRY).key("premise").ifNoneMatch("*"),
            software.amazon.awssdk.core.sync.RequestBody.fromString("one"));
    S3Exception e =
        assertThrows(
            S3Exception.class,
            () ->
                rig.s3
                    .admin()
                    .putObject(
                        b -> b.bucket(PackagesRig.REGISTRY).key("premise").ifNoneMatch("*"),
                        software.amazon.awssdk.core.sync.RequestBody.fromString("two")));
    assertEquals(412, e.statusCode());
  }
}

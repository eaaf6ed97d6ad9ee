package com.quiltdata.mcp.standins.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.SigningKey;
import com.quiltdata.mcp.jwt.VerifierConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CatalogStandInTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SECRET = "catalog-stand-in-test-secret-0123456789abcdef";
  static final String CONSTRUCT =
      "mutation($params: PackagePushParams!, $src: PackageConstructSource!) {"
          + " packageConstruct(params: $params, src: $src) { __typename"
          + " ... on PackagePushSuccess { package { name } revision { hash } }"
          + " ... on InvalidInput { errors { path message name context } }"
          + " ... on OperationError { message name context } } }";

  final HttpClient http = HttpClient.newHttpClient();
  final SigningKey key = SigningKey.ofUtf8(null, SECRET);
  final JwtMinter minter = JwtMinter.create(key, Clock.systemUTC());
  CatalogStandIn catalog;
  CatalogModel model;
  String alice;

  @BeforeEach
  void start() {
    model =
        new CatalogModel(
            Clock.systemUTC(),
            pk ->
                pk.equals("s3://data/hello.txt")
                    ? Optional.of("hello".getBytes(StandardCharsets.UTF_8))
                    : Optional.empty());
    model.addBucket(new CatalogModel.Bucket("data", "Data", "Shared data", List.of("lab")));
    model.addBucket(new CatalogModel.Bucket("secret", "Secret", null, List.of()));
    catalog =
        CatalogStandIn.start(
            model, JwtVerifier.create(VerifierConfig.builder(KeyRing.of(key)).build()));
    alice = minter.enhanced("alice@example.com").buckets(List.of("data")).mint();
  }

  @AfterEach
  void stop() {
    catalog.close();
  }

  HttpResponse<String> post(String token, String query, Object variables) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(catalog.url() + "/graphql"))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    JSON.writeValueAsString(Map.of("query", query, "variables", variables))));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode gql(String query, Object variables) throws Exception {
    HttpResponse<String> r = post(alice, query, variables);
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  Map<String, Object> entry(String lk, String pk, boolean withHash) {
    return withHash
        ? Map.of(
            "logicalKey",
            lk,
            "physicalKey",
            pk,
            "size",
            3,
            "hash",
            Map.of("type", "sha2-256-chunked", "value", "AAAA"),
            "meta",
            Map.of())
        : Map.of("logicalKey", lk, "physicalKey", pk);
  }

  JsonNode construct(String name, List<Map<String, Object>> entries) throws Exception {
    return gql(
            CONSTRUCT,
            Map.of(
                "params",
                    Map.of(
                        "bucket",
                        "data",
                        "name",
                        name,
                        "message",
                        "first",
                        "userMeta",
                        Map.of("team", "lab")),
                "src", Map.of("entries", entries)))
        .path("data")
        .path("packageConstruct");
  }

  @Test
  void noToken_orAForeignKey_is401_andNothingRuns() throws Exception {
    assertEquals(401, post(null, "{ me { name } }", Map.of()).statusCode());
    String forged =
        JwtMinter.create(
                SigningKey.ofUtf8(null, "another-secret-0123456789abcdef0123456789"),
                Clock.systemUTC())
            .enhanced("mallory")
            .buckets(List.of("data"))
            .mint();
    HttpResponse<String> r = post(forged, "{ me { name } }", Map.of());
    assertEquals(401, r.statusCode());
    assertFalse(r.body().contains("mallory"));
  }

  @Test
  void queriesTheCatalogWouldReject_failValidation() throws Exception {
    JsonNode r =
        gql(
            "{ searchPackages(buckets: [\"data\"], searchString: \"x\") {"
                + " ... on PackagesSearchResultSet { firstPage(size: 5, order: BEST_MATCH) { cursor } } } }",
            Map.of());
    assertTrue(r.path("data").isMissingNode() || r.path("data").isNull(), r.toString());
    assertEquals(
        "ValidationError",
        r.path("errors").get(0).path("extensions").path("classification").asText(),
        r.toString());
    JsonNode unknown = gql("{ package(bucket: \"data\", name: \"a/b\") { nope } }", Map.of());
    assertTrue(unknown.path("errors").get(0).path("message").asText().contains("nope"));
  }

  @Test
  void construct_thenReadBack_throughDirFlatMapListAndRevisions() throws Exception {
    JsonNode ok =
        construct(
            "team/demo",
            List.of(
                entry("a/x.csv", "s3://data/x.csv", true),
                entry("b.txt", "s3://data/hello.txt", false)));
    assertEquals("PackagePushSuccess", ok.path("__typename").asText(), ok.toString());
    String hash = ok.path("revision").path("hash").asText();
    assertEquals(64, hash.length());
    JsonNode pkg =
        gql(
                "query($b: String!, $n: String!) { package(bucket: $b, name: $n) {"
                    + " revisions { total page(number: 1, perPage: 5) { hash message } }"
                    + " revision(hashOrTag: \"latest\") { hash userMeta totalEntries totalBytes"
                    + " contentsFlatMap(max: 10) dir(path: \"\") { path size children { __typename"
                    + " ... on PackageFile { path size physicalKey } ... on PackageDir { path size } } } } } }",
                Map.of("b", "data", "n", "team/demo"))
            .path("data")
            .path("package");
    assertEquals(1, pkg.path("revisions").path("total").asInt());
    JsonNode rev = pkg.path("revision");
    assertEquals(hash, rev.path("hash").asText());
    assertEquals("lab", rev.path("userMeta").path("team").asText());
    assertEquals(2, rev.path("totalEntries").asInt());
    assertEquals(8.0, rev.path("totalBytes").asDouble());
    String hello =
        Base64.getEncoder()
            .encodeToString(
                MessageDigest.getInstance("SHA-256")
                    .digest(
                        MessageDigest.getInstance("SHA-256")
                            .digest("hello".getBytes(StandardCharsets.UTF_8))));
    assertEquals(
        hello, rev.path("contentsFlatMap").path("b.txt").path("hash").path("value").asText());
    assertEquals(5, rev.path("contentsFlatMap").path("b.txt").path("size").asInt());
    JsonNode children = rev.path("dir").path("children");
    assertEquals("PackageDir", children.get(0).path("__typename").asText());
    assertEquals("a/", children.get(0).path("path").asText());
    assertEquals("s3://data/hello.txt", children.get(1).path("physicalKey").asText());
    JsonNode tooMany =
        gql(
            "{ package(bucket: \"data\", name: \"team/demo\") { revision {"
                + " contentsFlatMap(max: 1) } } }",
            Map.of());
    assertTrue(
        tooMany.path("data").path("package").path("revision").path("contentsFlatMap").isNull());
    JsonNode list =
        gql(
                "{ packages(bucket: \"data\") { total page(number: 1, perPage: 10) { name } } }",
                Map.of())
            .path("data")
            .path("packages");
    assertEquals("team/demo", list.path("page").get(0).path("name").asText());
  }

  @Test
  void badInput_isInvalidInputNamingEachField_andWritesNothing() throws Exception {
    JsonNode bad =
        construct(
            "not a name",
            List.of(
                entry("a.txt", "s3://data/a", true),
                entry("a.txt", "s3://data/b", true),
                entry("../up", "s3://data/c", true),
                entry("d", "s3://data/missing", false)));
    assertEquals("InvalidInput", bad.path("__typename").asText(), bad.toString());
    List<String> paths = bad.path("errors").findValuesAsText("path");
    assertEquals(
        List.of(
            "params.name",
            "src.entries[1].logicalKey",
            "src.entries[2].logicalKey",
            "src.entries[3].physicalKey"),
        paths);
    assertEquals(
        0,
        gql("{ packages(bucket: \"data\") { total } }", Map.of())
            .path("data")
            .path("packages")
            .path("total")
            .asInt());
  }

  @Test
  void buckets_areRoleScoped_andOtherBucketsAreInvisible() throws Exception {
    JsonNode b = gql("{ buckets { name title description tags } }", Map.of()).path("data");
    assertEquals(1, b.path("buckets").size());
    assertEquals("Shared data", b.path("buckets").get(0).path("description").asText());
    assertTrue(
        gql("{ package(bucket: \"secret\", name: \"a/b\") { name } }", Map.of())
            .path("data")
            .path("package")
            .isNull());
    String admin = minter.enhanced("root").buckets(List.of("data")).roles(List.of("admin")).mint();
    JsonNode all = JSON.readTree(post(admin, "{ bucketConfigs { name } }", Map.of()).body());
    assertEquals(2, all.path("data").path("bucketConfigs").size());
  }

  @Test
  void search_pagesWithACursor_andDeleteRemovesTheRevision() throws Exception {
    for (String n : List.of("team/one", "team/two", "team/three")) {
      construct(n, List.of(entry("x.csv", "s3://data/x.csv", true)));
    }
    String q =
        "query($s: String) { searchPackages(buckets: [\"data\"], searchString: $s, latestOnly: true) {"
            + " __typename ... on PackagesSearchResultSet { total firstPage(size: 2) {"
            + " ... on PackagesSearchResultSetPage { cursor hits { id score bucket name pointer hash size"
            + " modified totalEntriesCount comment meta } } } } } }";
    JsonNode set = gql(q, Map.of("s", "team lab")).path("data").path("searchPackages");
    assertEquals(3, set.path("total").asInt(), set.toString());
    assertEquals(
        "{\"team\":\"lab\"}", set.path("firstPage").path("hits").get(0).path("meta").asText());
    String cursor = set.path("firstPage").path("cursor").asText();
    JsonNode more =
        gql(
                "query($c: String!) { searchMorePackages(after: $c, size: 2) { __typename"
                    + " ... on PackagesSearchResultSetPage { cursor hits { name } } } }",
                Map.of("c", cursor))
            .path("data")
            .path("searchMorePackages");
    assertEquals(1, more.path("hits").size());
    assertTrue(more.path("cursor").isNull());
    assertEquals(
        "EmptySearchResultSet",
        gql(q, Map.of("s", "nothing-like-this"))
            .path("data")
            .path("searchPackages")
            .path("__typename")
            .asText());
    String hash = set.path("firstPage").path("hits").get(0).path("hash").asText();
    String name = set.path("firstPage").path("hits").get(0).path("name").asText();
    String del =
        "mutation($n: String!, $h: String!) { packageRevisionDelete(bucket: \"data\", name: $n, hash: $h)"
            + " { __typename ... on OperationError { message name } } }";
    assertEquals(
        "PackageRevisionDeleteSuccess",
        gql(del, Map.of("n", name, "h", hash))
            .path("data")
            .path("packageRevisionDelete")
            .path("__typename")
            .asText());
    JsonNode again =
        gql(del, Map.of("n", name, "h", hash)).path("data").path("packageRevisionDelete");
    assertEquals("NotFound", again.path("name").asText());
  }

  @Test
  void aWorkflowTheBucketDoesNotConfigure_isInvalidInput_andAConfiguredOneIsAccepted()
      throws Exception {
    String mutation = CONSTRUCT;
    Map<String, Object> entries = Map.of("entries", List.of(entry("a.txt", "s3://data/a", true)));
    JsonNode refused =
        gql(
                mutation,
                Map.of(
                    "params",
                    Map.of("bucket", "data", "name", "team/wf", "workflow", "alpha"),
                    "src",
                    entries))
            .path("data")
            .path("packageConstruct");
    assertEquals("InvalidInput", refused.path("__typename").asText(), refused.toString());
    assertEquals("params.workflow", refused.path("errors").get(0).path("path").asText());
    assertEquals("WorkflowValidationError", refused.path("errors").get(0).path("name").asText());
    model.setWorkflows("data", java.util.Set.of("alpha"));
    JsonNode ok =
        gql(
                mutation,
                Map.of(
                    "params",
                    Map.of("bucket", "data", "name", "team/wf", "workflow", "alpha"),
                    "src",
                    entries))
            .path("data")
            .path("packageConstruct");
    assertEquals("PackagePushSuccess", ok.path("__typename").asText(), ok.toString());
  }

  @Test
  void anOlderRelease_lacksRoleScopedBuckets_butServesBucketConfigs() throws Exception {
    catalog.close();
    catalog =
        CatalogStandIn.start(
            model,
            JwtVerifier.create(VerifierConfig.builder(KeyRing.of(key)).build()),
            CatalogStandIn.Release.WITHOUT_ROLE_SCOPED_BUCKETS);
    JsonNode r = gql("{ buckets { name } }", Map.of());
    assertTrue(r.path("errors").get(0).path("message").asText().contains("buckets"), r.toString());
    JsonNode old = gql("{ bucketConfigs { name } }", Map.of());
    assertEquals("data", old.path("data").path("bucketConfigs").get(0).path("name").asText());
  }

  @Test
  void aQuilt3ManifestIndexedFromS3_isServedUnderItsTopHash() throws Exception {
    String hash = "ab".repeat(32);
    byte[] manifest =
        ("{\"version\":\"v0\",\"message\":\"pushed\",\"user_meta\":{\"k\":1}}\n"
                + "{\"logical_key\":\"dir/\",\"meta\":{\"x\":1}}\n"
                + "{\"logical_key\":\"dir/a.csv\",\"physical_keys\":[\"s3://data/a.csv\"],"
                + "\"size\":3,\"hash\":{\"type\":\"sha2-256-chunked\",\"value\":\"AAAA\"},"
                + "\"meta\":{\"user_meta\":{\"n\":2}}}\n")
            .getBytes(StandardCharsets.UTF_8);
    model.index("data", "team/pushed", hash, manifest, java.time.Instant.now());
    JsonNode rev =
        gql(
                "{ package(bucket: \"data\", name: \"team/pushed\") { revision {"
                    + " hash message userMeta contentsFlatMap } } }",
                Map.of())
            .path("data")
            .path("package")
            .path("revision");
    assertEquals(hash, rev.path("hash").asText(), rev.toString());
    assertEquals("pushed", rev.path("message").asText());
    assertEquals(1, rev.path("userMeta").path("k").asInt());
    JsonNode entry = rev.path("contentsFlatMap").path("dir/a.csv");
    assertEquals("s3://data/a.csv", entry.path("physicalKey").asText());
    assertEquals(2, entry.path("meta").path("user_meta").path("n").asInt());
    assertEquals(1, rev.path("contentsFlatMap").size());
  }
}

package com.quiltdata.mcp.tools.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.BearerToken;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.SigningKey;
import com.quiltdata.mcp.jwt.VerifierConfig;
import com.quiltdata.mcp.standins.graphql.CatalogModel;
import com.quiltdata.mcp.standins.graphql.CatalogStandIn;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.s3.DirectContext;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The GraphQL client against the catalog stand-in (graphql-java over the schema subset). */
class CatalogClientTest {
  static final String SECRET = "catalog-client-test-secret-0123456789abcdef";
  static final SigningKey KEY = SigningKey.ofUtf8(null, SECRET);
  static final JwtVerifier VERIFIER =
      JwtVerifier.create(VerifierConfig.builder(KeyRing.of(KEY)).build());
  static CatalogStandIn catalog;
  static CatalogClient client;

  @BeforeAll
  static void start() {
    CatalogModel model = CatalogModel.withoutObjects(Clock.systemUTC());
    model.addBucket(new CatalogModel.Bucket("data", "Data", "Shared data", List.of("lab")));
    for (int i = 0; i < 40; i++) {
      model.addBucket(new CatalogModel.Bucket("bulk-" + i, "Bulk", "x".repeat(100), List.of()));
    }
    catalog = CatalogStandIn.start(model, VERIFIER);
    client = CatalogClient.builder(catalog.url()).build();
  }

  @AfterAll
  static void stop() {
    catalog.close();
  }

  static DirectContext as(String token) {
    Principal p = Principal.fromToken(VERIFIER.verify(token), BearerToken.of(token));
    return new DirectContext(p, null, Clock.systemUTC(), () -> false);
  }

  static String token(SigningKey key, String... buckets) {
    return JwtMinter.create(key, Clock.systemUTC())
        .enhanced("alice@example.com")
        .buckets(List.of(buckets))
        .mint();
  }

  static DirectContext alice() {
    return as(token(KEY, "data"));
  }

  @Test
  void query_sendsTheCallersToken_andReturnsData() {
    JsonNode data = client.query(alice(), "{ me { name isAdmin } }", null, "say who you are");
    assertEquals("alice@example.com", data.path("me").path("name").asText());
    assertFalse(data.path("me").path("isAdmin").asBoolean());
  }

  @Test
  void aRefusedToken_isAccessDenied_andTheMessageHoldsNoToken() {
    String other = token(SigningKey.ofUtf8(null, "another-secret-the-catalog-does-not-know-0123"));
    // the principal is built as if the server had accepted it; the catalog does not
    Principal p =
        Principal.fromToken(
            JwtVerifier.create(
                    VerifierConfig.builder(
                            KeyRing.of(
                                SigningKey.ofUtf8(
                                    null, "another-secret-the-catalog-does-not-know-0123")))
                        .build())
                .verify(other),
            BearerToken.of(other));
    ToolFailure f =
        assertThrows(
            ToolFailure.class,
            () ->
                client.query(
                    new DirectContext(p, null, Clock.systemUTC(), () -> false),
                    "{ me { name } }",
                    null,
                    "say who you are"));
    assertEquals(CatalogReason.CATALOG_ACCESS_DENIED, f.reason());
    assertTrue(f.getMessage().contains("401"), f.getMessage());
    assertFalse(f.getMessage().contains(other));
  }

  @Test
  void aQueryTheSchemaRejects_carriesTheCatalogsMessages() {
    ToolFailure f =
        assertThrows(
            ToolFailure.class,
            () -> client.query(alice(), "{ me { shoeSize } }", null, "say who you are"));
    assertEquals(CatalogReason.CATALOG_QUERY_FAILED, f.reason());
    assertTrue(f.getMessage().contains("shoeSize"), f.getMessage());
    assertTrue(
        f.details().path("catalog_errors").get(0).path("message").asText().contains("shoeSize"));
  }

  @Test
  void invalidInput_reachesTheCallerWithEveryDetail() {
    ObjectNode vars = JsonSchema.NODES.objectNode();
    vars.putObject("params").put("bucket", "data").put("name", "not a name");
    vars.putObject("src").putArray("entries");
    JsonNode data =
        client.query(
            alice(),
            "mutation($params: PackagePushParams!, $src: PackageConstructSource!) {"
                + " packageConstruct(params: $params, src: $src) { __typename"
                + " ... on PackagePushSuccess { revision { hash } }"
                + " ... on InvalidInput { errors { path message name context } }"
                + " ... on OperationError { message name context } } }",
            vars,
            "create a package");
    ToolFailure f =
        assertThrows(
            ToolFailure.class,
            () ->
                CatalogFailures.union(
                    data.get("packageConstruct"), "create a package", "PackagePushSuccess"));
    assertEquals(CatalogReason.CATALOG_INVALID_INPUT, f.reason());
    assertTrue(
        f.getMessage().contains("params.name: Invalid package name: not a name (ValidationError)"),
        f.getMessage());
    JsonNode e = f.details().path("catalog_errors").get(0);
    assertEquals("params.name", e.path("path").asText());
    assertEquals("ValidationError", e.path("name").asText());
  }

  @Test
  void operationError_reachesTheCallerVerbatim() {
    JsonNode data =
        client.query(
            alice(),
            "mutation { packageRevisionDelete(bucket: \"data\", name: \"a/b\", hash: \"00\") {"
                + " __typename ... on PackageRevisionDeleteSuccess { _ }"
                + " ... on OperationError { message name context } } }",
            null,
            "delete a revision");
    ToolFailure f =
        assertThrows(
            ToolFailure.class,
            () ->
                CatalogFailures.union(
                    data.get("packageRevisionDelete"),
                    "delete a revision",
                    "PackageRevisionDeleteSuccess"));
    assertEquals(CatalogReason.CATALOG_OPERATION_FAILED, f.reason());
    assertTrue(f.getMessage().endsWith(": No revision 00 of a/b (NotFound)"), f.getMessage());
  }

  @Test
  void anAnswerOverTheBound_isRefused() {
    CatalogClient small = CatalogClient.builder(catalog.url()).maxResponseBytes(1024).build();
    DirectContext everyBucket = as(token(KEY, bulk()));
    assertEquals(
        41,
        client
            .query(everyBucket, "{ buckets { name description } }", null, "list buckets")
            .path("buckets")
            .size());
    ToolFailure f =
        assertThrows(
            ToolFailure.class,
            () -> small.query(everyBucket, "{ buckets { name description } }", null, "list"));
    assertEquals(CatalogReason.CATALOG_BAD_RESPONSE, f.reason());
    assertTrue(f.getMessage().contains("more than 1024 bytes"), f.getMessage());
  }

  @Test
  void aRequestOverTheBound_isNotSent() {
    CatalogClient small = CatalogClient.builder(catalog.url()).maxRequestBytes(1024).build();
    int before = catalog.requests();
    ObjectNode vars = JsonSchema.NODES.objectNode().put("filter", "x".repeat(2000));
    ToolFailure f =
        assertThrows(
            ToolFailure.class,
            () ->
                small.send(
                    alice(),
                    "query($filter: String) { packages(bucket: \"data\", filter: $filter) { total } }",
                    vars));
    assertEquals(CatalogReason.CATALOG_REQUEST_TOO_LARGE, f.reason());
    assertEquals(before, catalog.requests());
    assertEquals(
        0,
        client
            .query(
                alice(),
                "query($filter: String) { packages(bucket: \"data\", filter: $filter) { total } }",
                vars,
                "list")
            .path("packages")
            .path("total")
            .asInt());
  }

  @Test
  void aRegistryWithoutGraphql_isABadResponse_andNoRegistryIsUnavailable() throws Exception {
    CatalogClient elsewhere = CatalogClient.builder(URI.create(catalog.url() + "/other")).build();
    ToolFailure f =
        assertThrows(ToolFailure.class, () -> elsewhere.send(alice(), "{ me { name } }", null));
    assertEquals(CatalogReason.CATALOG_BAD_RESPONSE, f.reason());
    assertTrue(f.getMessage().contains("404"), f.getMessage());

    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CatalogClient closed = CatalogClient.builder(URI.create("http://127.0.0.1:" + port)).build();
    ToolFailure down =
        assertThrows(ToolFailure.class, () -> closed.send(alice(), "{ me { name } }", null));
    assertEquals(CatalogReason.CATALOG_UNAVAILABLE, down.reason());
    assertTrue(down.retryable());
  }

  @Test
  void aCallerWithoutToken_isNotSent() {
    int before = catalog.requests();
    Principal desktop = Principal.desktop(VERIFIER.verify(token(KEY, "data")));
    ToolFailure f =
        assertThrows(
            ToolFailure.class,
            () ->
                client.send(
                    new DirectContext(desktop, null, Clock.systemUTC(), () -> false),
                    "{ me { name } }",
                    null));
    assertEquals(CatalogReason.CATALOG_NOT_CONFIGURED, f.reason());
    assertEquals(before, catalog.requests());
  }

  @Test
  void aCancelledCall_sendsNothing() {
    int before = catalog.requests();
    Principal p = alice().principal();
    ToolFailure f =
        assertThrows(
            ToolFailure.class,
            () ->
                client.send(
                    new DirectContext(p, null, Clock.systemUTC(), () -> true),
                    "{ me { name } }",
                    null));
    assertEquals("CANCELLED", f.reason().name());
    assertEquals(before, catalog.requests());
  }

  @Test
  void badUrls_areRefusedWithoutEchoingThem() {
    for (String url :
        new String[] {"ftp://h", "http://user:pw@h", "http://h/?q=1", "http://h/#f", "mailto:x"}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> CatalogClient.builder(URI.create(url)));
      assertFalse(e.getMessage().contains(url), e.getMessage());
    }
    assertEquals(
        URI.create("https://r.example.com/graphql"),
        CatalogClient.builder(URI.create("https://r.example.com/")).build().endpoint());
  }

  private static String[] bulk() {
    String[] names = new String[41];
    names[0] = "data";
    for (int i = 0; i < 40; i++) {
      names[i + 1] = "bulk-" + i;
    }
    return names;
  }
}

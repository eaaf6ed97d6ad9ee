package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.AuthorizationDecision.Denial;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Deny-by-default decisions over real, minted and verified tokens. */
class PolicyAuthorizerTest {
  private static final String GET = "s3:GetObject";
  private static final String LIST = "s3:ListBucket";
  private static final List<String> OPEN_TOOLS =
      List.of("discover_buckets", "jwt_diagnostics", "auth_status");

  /** A table shaped like the tool families' own: auth-core only supplies the mechanism. */
  private static final List<ToolRequirements> TABLE =
      List.of(
          ToolRequirements.builder("bucket_objects_list").action(LIST).bucket("bucket").build(),
          ToolRequirements.builder("bucket_object_info").action(GET).s3Uri("s3_uri").build(),
          ToolRequirements.builder("bucket_object_text").action(GET).s3Uri("s3_uri").build(),
          ToolRequirements.builder("bucket_object_fetch").action(GET).s3Uri("s3_uri").build(),
          ToolRequirements.builder("bucket_object_link").action(GET).s3Uri("s3_uri").build(),
          ToolRequirements.builder("package_create")
              .action(GET, "s3:PutObject")
              .registry("registry")
              .s3UriList("s3_uris")
              .writes()
              .build(),
          ToolRequirements.builder("packages_search").optionalBucketList("buckets").build(),
          ToolRequirements.open("discover_buckets"),
          ToolRequirements.open("jwt_diagnostics"),
          ToolRequirements.open("auth_status"));

  private final MutableClock clock = new MutableClock();
  private final PolicyAuthorizer authorizer = PolicyAuthorizer.of(TABLE);

  private Principal caller(List<String> buckets, List<String> permissions) {
    return TestTokens.principal(clock, "alice", buckets, permissions);
  }

  private static Authorizer.Arguments args(Map<String, ?> values) {
    return Authorizer.Arguments.of(values);
  }

  private static Authorizer.Arguments bucket(String name) {
    return args(Map.of("bucket", name));
  }

  private static Authorizer.Arguments uri(String value) {
    return args(Map.of("s3_uri", value));
  }

  private static void assertBoundedPrintable(String message) {
    assertTrue(message.length() <= 200, message);
    assertTrue(message.chars().allMatch(c -> c >= 0x20 && c < 0x7f), message);
  }

  @Test
  void grantedActionAndBucket_isAllowed() {
    Principal principal = caller(List.of("quilt-demo"), List.of(LIST, GET));

    AuthorizationDecision list =
        authorizer.check(principal, "bucket_objects_list", bucket("quilt-demo"));
    AuthorizationDecision read =
        authorizer.check(principal, "bucket_object_text", uri("s3://quilt-demo/a/b.csv"));

    assertTrue(list.allowed());
    assertNull(list.denial());
    assertTrue(read.allowed());
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3://quilt-demo", "s3://quilt-demo/", "s3://quilt-demo?versionId=3"})
  void s3UriWithoutKeyOrWithQuery_checksTheBucketBeforeTheSeparator(String value) {
    Principal principal = caller(List.of("quilt-demo"), List.of(GET));

    assertTrue(authorizer.check(principal, "bucket_object_info", uri(value)).allowed());
  }

  @Test
  void unknownTool_isDenied() {
    Principal principal = caller(List.of("quilt-demo"), List.of(LIST, GET));

    AuthorizationDecision decision =
        authorizer.check(principal, "delete_everything", args(Map.of()));

    assertFalse(decision.allowed());
    assertEquals(Denial.UNKNOWN_TOOL, decision.denial());
    assertEquals(Denial.UNKNOWN_TOOL, authorizer.check(principal, null, args(Map.of())).denial());
  }

  @Test
  void unknownToolName_isEchoedBoundedAndPrintable() {
    Principal principal = caller(List.of(), List.of());
    String hostile = "x\u0000\u001b[31m\u202e" + "y".repeat(10_000);

    AuthorizationDecision decision = authorizer.check(principal, hostile, args(Map.of()));

    assertEquals(Denial.UNKNOWN_TOOL, decision.denial());
    assertBoundedPrintable(decision.message());
  }

  @Test
  void missingAction_isDeniedListingIt() {
    Principal principal = caller(List.of("quilt-demo"), List.of(GET));

    AuthorizationDecision decision =
        authorizer.check(principal, "bucket_objects_list", bucket("quilt-demo"));

    assertEquals(Denial.MISSING_ACTIONS, decision.denial());
    assertEquals(List.of(LIST), decision.missingActions());
    assertTrue(decision.message().contains(LIST), decision.message());
  }

  @Test
  void severalMissingActions_areAllListedInOrder() {
    PolicyAuthorizer custom =
        PolicyAuthorizer.of(
            List.of(
                ToolRequirements.builder("copy")
                    .action("s3:PutObject", GET, "s3:DeleteObject")
                    .build()));

    AuthorizationDecision decision =
        custom.check(caller(List.of(), List.of(GET)), "copy", args(Map.of()));

    assertEquals(List.of("s3:DeleteObject", "s3:PutObject"), decision.missingActions());
  }

  @Test
  void emptyPermissions_grantNothing() {
    Principal principal = caller(List.of("quilt-demo"), List.of());

    AuthorizationDecision decision =
        authorizer.check(principal, "bucket_object_fetch", uri("s3://quilt-demo/k"));

    assertEquals(Denial.MISSING_ACTIONS, decision.denial());
    assertEquals(List.of(GET), decision.missingActions());
  }

  @ParameterizedTest
  @ValueSource(strings = {"*", "s3:*", "s3:Get*", "S3:GETOBJECT", "s3:getobject", " s3:GetObject"})
  void wildcardOrInexactPermission_grantsNothing(String permission) {
    Principal principal = caller(List.of("quilt-demo"), List.of(permission));

    AuthorizationDecision decision =
        authorizer.check(principal, "bucket_object_info", uri("s3://quilt-demo/k"));

    assertEquals(Denial.MISSING_ACTIONS, decision.denial());
  }

  @Test
  void missingBucketArgument_isDeniedAsRequired() {
    Principal principal = caller(List.of("quilt-demo"), List.of(LIST, GET));

    AuthorizationDecision list = authorizer.check(principal, "bucket_objects_list", args(Map.of()));
    AuthorizationDecision read = authorizer.check(principal, "bucket_object_link", args(Map.of()));

    assertEquals(Denial.BUCKET_NOT_GRANTED, list.denial());
    assertTrue(list.message().contains("'bucket' is required"), list.message());
    assertEquals(Denial.BUCKET_NOT_GRANTED, read.denial());
    assertTrue(read.message().contains("'s3_uri' is required"), read.message());
  }

  @Test
  void bucketOutsideTheToken_isDenied() {
    Principal principal = caller(List.of("quilt-demo"), List.of(LIST, GET));

    AuthorizationDecision list =
        authorizer.check(principal, "bucket_objects_list", bucket("quilt-sales"));
    AuthorizationDecision read =
        authorizer.check(principal, "bucket_object_text", uri("s3://quilt-sales/quilt-demo/x"));

    assertEquals(Denial.BUCKET_NOT_GRANTED, list.denial());
    assertTrue(list.message().contains("quilt-sales"), list.message());
    assertEquals(Denial.BUCKET_NOT_GRANTED, read.denial());
  }

  @Test
  void starBucketClaim_grantsNothing() {
    Principal principal = caller(List.of("*"), List.of(LIST, GET));

    assertEquals(List.of(), principal.claims().buckets());
    assertEquals(
        Denial.BUCKET_NOT_GRANTED,
        authorizer.check(principal, "bucket_objects_list", bucket("quilt-demo")).denial());
    assertEquals(
        Denial.BUCKET_NOT_GRANTED,
        authorizer.check(principal, "bucket_objects_list", bucket("*")).denial());
    assertEquals(
        Denial.BUCKET_NOT_GRANTED,
        authorizer.check(principal, "bucket_object_info", uri("s3://*/k")).denial());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Quilt-demo",
        "QUILT-DEMO",
        "quilt-d\u0435mo",
        "quilt-demo ",
        " quilt-demo",
        "quilt-demo\u0000",
        "quilt\u2010demo",
        "quilt-demo."
      })
  void requestedBucketDifferingInAnyByte_isDenied(String requested) {
    Principal principal = caller(List.of("quilt-demo"), List.of(LIST, GET));

    AuthorizationDecision list =
        authorizer.check(principal, "bucket_objects_list", bucket(requested));
    AuthorizationDecision read =
        authorizer.check(principal, "bucket_object_info", uri("s3://" + requested + "/k"));

    assertEquals(Denial.BUCKET_NOT_GRANTED, list.denial());
    assertEquals(Denial.BUCKET_NOT_GRANTED, read.denial());
    assertBoundedPrintable(list.message());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Quilt-demo", "quilt-d\u0435mo"})
  void tokenBucketDifferingInAnyByte_grantsNothing(String granted) {
    Principal principal = caller(List.of(granted), List.of(LIST));

    AuthorizationDecision decision =
        authorizer.check(principal, "bucket_objects_list", bucket("quilt-demo"));

    assertEquals(Denial.BUCKET_NOT_GRANTED, decision.denial());
  }

  @ParameterizedTest
  @ValueSource(strings = {"S3://quilt-demo/k", "https://quilt-demo/k", "quilt-demo/k", "s3:/x", ""})
  void nonS3Uri_isDenied(String value) {
    Principal principal = caller(List.of("quilt-demo"), List.of(GET));

    AuthorizationDecision decision = authorizer.check(principal, "bucket_object_info", uri(value));

    assertEquals(Denial.BUCKET_NOT_GRANTED, decision.denial());
  }

  @Test
  void hugeHostileUri_isEchoedBoundedAndPrintable() {
    Principal principal = caller(List.of("quilt-demo"), List.of(GET));
    String hostile = "s3://\u0007\r\n" + "\u00e9".repeat(100_000) + "/k";

    AuthorizationDecision decision =
        authorizer.check(principal, "bucket_object_info", uri(hostile));

    assertEquals(Denial.BUCKET_NOT_GRANTED, decision.denial());
    assertBoundedPrintable(decision.message());
  }

  @Test
  void openTools_needOnlyAPrincipal() {
    Principal principal = caller(List.of(), List.of());

    for (String tool : OPEN_TOOLS) {
      assertTrue(authorizer.check(principal, tool, args(Map.of())).allowed(), tool);
    }
  }

  @Test
  void noPrincipal_isDeniedEvenForOpenTools() {
    assertFalse(authorizer.check(null, "auth_status", args(Map.of())).allowed());
    AuthorizationDecision read =
        authorizer.check(null, "bucket_object_info", uri("s3://quilt-demo/k"));
    assertEquals(Denial.MISSING_ACTIONS, read.denial());
    assertEquals(List.of(GET), read.missingActions());
  }

  @Test
  void duplicateTool_isRejected() {
    List<ToolRequirements> table =
        List.of(ToolRequirements.open("auth_status"), ToolRequirements.open("auth_status"));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PolicyAuthorizer.of(table));
    assertTrue(e.getMessage().contains("auth_status"), e.getMessage());
  }

  @Test
  void blankEntries_areRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> PolicyAuthorizer.of(List.of(ToolRequirements.open(" "))));
    assertThrows(
        IllegalArgumentException.class, () -> ToolRequirements.builder("t").action("").build());
    assertThrows(
        IllegalArgumentException.class, () -> ToolRequirements.builder("t").bucket(" ").build());
    assertThrows(
        IllegalArgumentException.class,
        () -> ToolRequirements.builder("t").bucket("b").s3Uri("b").build());
  }

  private static Map<String, Object> packageArgs(String registry, Object uris) {
    Map<String, Object> m = new java.util.HashMap<>();
    m.put("registry", registry);
    m.put("s3_uris", uris);
    return m;
  }

  @Test
  void uriList_checksEveryElementsBucket() {
    Principal principal = caller(List.of("quilt-demo", "quilt-raw"), List.of(GET, "s3:PutObject"));
    List<String> granted = List.of("s3://quilt-raw/a.csv", "s3://quilt-demo/b/");

    AuthorizationDecision ok =
        authorizer.check(principal, "package_create", args(packageArgs("quilt-demo", granted)));
    AuthorizationDecision third =
        authorizer.check(
            principal,
            "package_create",
            args(
                packageArgs(
                    "quilt-demo",
                    List.of("s3://quilt-raw/a", "s3://quilt-demo/b", "s3://quilt-sales/c"))));

    assertTrue(ok.allowed(), ok.message());
    assertEquals(Denial.BUCKET_NOT_GRANTED, third.denial());
    assertTrue(third.message().contains("s3_uris[2]"), third.message());
    assertTrue(third.message().contains("quilt-sales"), third.message());
  }

  @Test
  void uriListWithANonStringOrMissing_isDenied() {
    Principal principal = caller(List.of("quilt-demo"), List.of(GET, "s3:PutObject"));
    Authorizer.Arguments nonString =
        new Authorizer.Arguments() {
          @Override
          public String text(String name) {
            return "registry".equals(name) ? "quilt-demo" : null;
          }

          @Override
          public List<String> texts(String name) {
            return "s3_uris".equals(name) ? Arrays.asList("s3://quilt-demo/a", null) : null;
          }
        };

    assertEquals(
        Denial.BUCKET_NOT_GRANTED,
        authorizer.check(principal, "package_create", nonString).denial());
    assertEquals(
        Denial.BUCKET_NOT_GRANTED,
        authorizer
            .check(principal, "package_create", args(Map.of("registry", "quilt-demo")))
            .denial());
    assertEquals(
        Denial.BUCKET_NOT_GRANTED,
        authorizer
            .check(
                principal, "package_create", args(packageArgs("quilt-demo", "s3://quilt-demo/a")))
            .denial());
  }

  @ParameterizedTest
  @ValueSource(strings = {"quilt-demo", "s3://quilt-demo", "s3://quilt-demo/"})
  void registryForms_nameTheirBucket(String registry) {
    Principal principal = caller(List.of("quilt-demo"), List.of(GET, "s3:PutObject"));

    AuthorizationDecision decision =
        authorizer.check(
            principal,
            "package_create",
            args(packageArgs(registry, List.of("s3://quilt-demo/a.csv"))));

    assertTrue(decision.allowed(), decision.message());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"s3://quilt-demo/pkg", "s3://quilt-demo?x", "s3://quilt-sales", "Quilt-demo", ""})
  void registryOutsideTheTokenOrWithAPath_isDenied(String registry) {
    Principal principal = caller(List.of("quilt-demo"), List.of(GET, "s3:PutObject"));

    AuthorizationDecision decision =
        authorizer.check(
            principal,
            "package_create",
            args(packageArgs(registry, List.of("s3://quilt-demo/a.csv"))));

    assertEquals(Denial.BUCKET_NOT_GRANTED, decision.denial());
  }

  @Test
  void optionalBucketList_isCheckedOnlyWhenPresent() {
    Principal principal = caller(List.of("quilt-demo"), List.of());

    assertTrue(authorizer.check(principal, "packages_search", args(Map.of())).allowed());
    assertTrue(
        authorizer
            .check(principal, "packages_search", args(Map.of("buckets", List.of("quilt-demo"))))
            .allowed());
    assertEquals(
        Denial.BUCKET_NOT_GRANTED,
        authorizer
            .check(
                principal,
                "packages_search",
                args(Map.of("buckets", List.of("quilt-demo", "quilt-sales"))))
            .denial());
  }

  @Test
  void readOnlyAuthorizer_refusesWritingToolsOnly() {
    Principal principal = caller(List.of("quilt-demo"), List.of(GET, "s3:PutObject"));
    PolicyAuthorizer readOnly = authorizer.readOnly();
    Authorizer.Arguments create = args(packageArgs("quilt-demo", List.of("s3://quilt-demo/a")));

    AuthorizationDecision write = readOnly.check(principal, "package_create", create);

    assertTrue(authorizer.check(principal, "package_create", create).allowed());
    assertEquals(Denial.WRITE_NOT_ALLOWED, write.denial());
    assertTrue(readOnly.check(principal, "bucket_object_text", uri("s3://quilt-demo/k")).allowed());
    assertTrue(readOnly.isReadOnly());
    assertFalse(authorizer.isReadOnly());
  }

  @Test
  void registryBucket_acceptsTheThreeForms() {
    assertEquals("b", PolicyAuthorizer.registryBucket("b").orElseThrow());
    assertEquals("b", PolicyAuthorizer.registryBucket("s3://b").orElseThrow());
    assertEquals("b", PolicyAuthorizer.registryBucket("s3://b/").orElseThrow());
    assertTrue(PolicyAuthorizer.registryBucket("s3://b/p").isEmpty());
    assertTrue(PolicyAuthorizer.registryBucket("s3://b?v=1").isEmpty());
    assertTrue(PolicyAuthorizer.registryBucket(null).isEmpty());
  }

  @Test
  void s3UriBucket_isTheTextUpToTheFirstSlashOrQuestionMark() {
    assertEquals("b", PolicyAuthorizer.s3UriBucket("s3://b/k?x=/y").orElseThrow());
    assertEquals("b", PolicyAuthorizer.s3UriBucket("s3://b?versionId=1").orElseThrow());
    assertEquals("b", PolicyAuthorizer.s3UriBucket("s3://b").orElseThrow());
    assertEquals("", PolicyAuthorizer.s3UriBucket("s3:///k").orElseThrow());
    assertTrue(PolicyAuthorizer.s3UriBucket("S3://b/k").isEmpty());
    assertTrue(PolicyAuthorizer.s3UriBucket(null).isEmpty());
  }
}

package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.AuthorizationDecision.Denial;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Deny-by-default decisions over real, minted and verified tokens. */
class PolicyAuthorizerTest {
  private static final String GET = QuiltToolPolicies.GET_OBJECT;
  private static final String LIST = QuiltToolPolicies.LIST_BUCKET;

  private final MutableClock clock = new MutableClock();
  private final PolicyAuthorizer authorizer = PolicyAuthorizer.of(QuiltToolPolicies.defaults());

  private Principal caller(List<String> buckets, List<String> permissions) {
    return TestTokens.principal(clock, "alice", buckets, permissions);
  }

  private static Function<String, String> args(Map<String, String> values) {
    return values::get;
  }

  private static Function<String, String> bucket(String name) {
    return args(Map.of("bucket", name));
  }

  private static Function<String, String> uri(String value) {
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
                new ToolRequirements(
                    "copy", Set.of("s3:PutObject", GET, "s3:DeleteObject"), List.of(), List.of())));

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

    for (String tool :
        List.of(
            "discover_buckets",
            "jwt_diagnostics",
            "validate_jwt_token",
            "session_diagnostics",
            "auth_status")) {
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
        IllegalArgumentException.class,
        () ->
            PolicyAuthorizer.of(
                List.of(new ToolRequirements("t", Set.of(""), List.of(), List.of()))));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            PolicyAuthorizer.of(
                List.of(new ToolRequirements("t", Set.of(), List.of(" "), List.of()))));
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

package com.quiltdata.mcp.server.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.AuthorizationDecision;
import com.quiltdata.mcp.auth.AuthorizationDecision.Denial;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.ToolRequirements;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InterimAuthorizerTest {
  private final Principal desktop =
      DesktopPrincipals.desktop("dana", "quilt-demos,fl-158-raw", Clock.systemUTC());
  private final InterimAuthorizer authorizer =
      new InterimAuthorizer(
          List.of(
              ToolRequirements.open("auth_status"),
              new ToolRequirements("list", Set.of("s3:ListBucket"), List.of("bucket"), List.of()),
              new ToolRequirements("info", Set.of("s3:GetObject"), List.of(), List.of("s3_uri")),
              new ToolRequirements(
                  "delete", Set.of("s3:DeleteObject"), List.of("bucket"), List.of())));

  private AuthorizationDecision check(String tool, Map<String, String> args) {
    return authorizer.check(desktop, tool, args::get);
  }

  @Test
  void check_openTool_isAllowed() {
    assertTrue(check("auth_status", Map.of()).allowed());
  }

  @Test
  void check_unknownTool_isDenied() {
    assertEquals(Denial.UNKNOWN_TOOL, check("nope", Map.of()).denial());
  }

  @Test
  void check_missingAction_isDeniedNamingIt() {
    AuthorizationDecision d = check("delete", Map.of("bucket", "quilt-demos"));
    assertEquals(Denial.MISSING_ACTIONS, d.denial());
    assertEquals(List.of("s3:DeleteObject"), d.missingActions());
  }

  @Test
  void check_bucketArgument_mustBeGrantedExactly() {
    assertTrue(check("list", Map.of("bucket", "quilt-demos")).allowed());
    assertEquals(
        Denial.BUCKET_NOT_GRANTED, check("list", Map.of("bucket", "Quilt-demos")).denial());
    assertEquals(Denial.BUCKET_NOT_GRANTED, check("list", Map.of("bucket", "*")).denial());
    assertFalse(check("list", Map.of()).allowed());
  }

  @Test
  void check_s3UriArgument_checksItsBucket() {
    assertTrue(check("info", Map.of("s3_uri", "s3://fl-158-raw/a/b.csv?versionId=1")).allowed());
    assertTrue(check("info", Map.of("s3_uri", "s3://quilt-demos?versionId=1")).allowed());
    assertFalse(check("info", Map.of("s3_uri", "s3://other/a")).allowed());
    assertFalse(check("info", Map.of("s3_uri", "https://quilt-demos/a")).allowed());
  }

  @Test
  void desktopPrincipals_parseBuckets_dedupesAndRejectsInvalid() {
    assertEquals(
        List.of("a-bucket", "b-bucket"),
        DesktopPrincipals.parseBuckets(" a-bucket,,b-bucket,a-bucket "));
    assertEquals(List.of(), DesktopPrincipals.parseBuckets(null));
    assertThrows(
        IllegalArgumentException.class, () -> DesktopPrincipals.parseBuckets("ok-bucket,x"));
  }
}

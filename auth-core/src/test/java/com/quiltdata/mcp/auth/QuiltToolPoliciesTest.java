package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The default table matches "Tools and the permissions they need" in quilt-tokens.md. */
class QuiltToolPoliciesTest {

  @Test
  void defaults_matchTheDocumentedTable() {
    Map<String, ToolRequirements> byTool = new TreeMap<>();
    QuiltToolPolicies.defaults().forEach(r -> byTool.put(r.tool(), r));

    Map<String, ToolRequirements> expected = new TreeMap<>();
    expected.put(
        "bucket_objects_list",
        new ToolRequirements(
            "bucket_objects_list", Set.of("s3:ListBucket"), List.of("bucket"), List.of()));
    for (String tool :
        List.of(
            "bucket_object_info",
            "bucket_object_text",
            "bucket_object_fetch",
            "bucket_object_link")) {
      expected.put(
          tool, new ToolRequirements(tool, Set.of("s3:GetObject"), List.of(), List.of("s3_uri")));
    }
    expected.put(
        "bucket_objects_put",
        new ToolRequirements(
            "bucket_objects_put", Set.of("s3:PutObject"), List.of("bucket"), List.of()));
    for (String tool :
        List.of(
            "discover_buckets",
            "jwt_diagnostics",
            "validate_jwt_token",
            "session_diagnostics",
            "auth_status")) {
      expected.put(tool, ToolRequirements.open(tool));
    }

    assertEquals(expected, byTool);
    assertEquals(expected.size(), QuiltToolPolicies.defaults().size());
  }

  @Test
  void defaults_areImmutableAndBuildAnAuthorizer() {
    assertThrows(
        UnsupportedOperationException.class,
        () -> QuiltToolPolicies.defaults().add(ToolRequirements.open("x")));
    assertEquals(
        "PolicyAuthorizer[tools=11]", PolicyAuthorizer.of(QuiltToolPolicies.defaults()).toString());
  }
}

package com.quiltdata.mcp.auth;

import java.util.List;
import java.util.Set;

/**
 * The authorization table of the Quilt tools: which actions each tool needs in the caller's token
 * and which of its arguments name buckets. Feed it to {@link PolicyAuthorizer#of}.
 *
 * <table>
 *   <caption>Default requirements</caption>
 *   <tr><th>tool</th><th>actions</th><th>bucket checked in</th></tr>
 *   <tr><td>bucket_objects_list</td><td>s3:ListBucket</td><td>{@code bucket}</td></tr>
 *   <tr><td>bucket_object_info, _text, _fetch, _link</td><td>s3:GetObject</td>
 *       <td>{@code s3_uri}</td></tr>
 *   <tr><td>bucket_objects_put</td><td>s3:PutObject</td><td>{@code bucket}</td></tr>
 *   <tr><td>discover_buckets, jwt_diagnostics, validate_jwt_token, session_diagnostics,
 *       auth_status</td><td>none</td><td>none</td></tr>
 * </table>
 */
public final class QuiltToolPolicies {
  /** Action needed to list a bucket's objects. */
  public static final String LIST_BUCKET = "s3:ListBucket";

  /** Action needed to read an object. */
  public static final String GET_OBJECT = "s3:GetObject";

  /** Action needed to write an object. */
  public static final String PUT_OBJECT = "s3:PutObject";

  private static final List<ToolRequirements> DEFAULTS =
      List.of(
          bucketTool("bucket_objects_list", LIST_BUCKET),
          uriTool("bucket_object_info"),
          uriTool("bucket_object_text"),
          uriTool("bucket_object_fetch"),
          uriTool("bucket_object_link"),
          bucketTool("bucket_objects_put", PUT_OBJECT),
          ToolRequirements.open("discover_buckets"),
          ToolRequirements.open("jwt_diagnostics"),
          ToolRequirements.open("validate_jwt_token"),
          ToolRequirements.open("session_diagnostics"),
          ToolRequirements.open("auth_status"));

  private QuiltToolPolicies() {}

  /** The requirements of every Quilt tool (immutable). */
  public static List<ToolRequirements> defaults() {
    return DEFAULTS;
  }

  private static ToolRequirements bucketTool(String tool, String action) {
    return new ToolRequirements(tool, Set.of(action), List.of("bucket"), List.of());
  }

  private static ToolRequirements uriTool(String tool) {
    return new ToolRequirements(tool, Set.of(GET_OBJECT), List.of(), List.of("s3_uri"));
  }
}

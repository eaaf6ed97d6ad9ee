package com.quiltdata.mcp.tools.s3.internal;

import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.schema.RequirementTable;

/**
 * The S3 family's authorization table: the actions each tool needs in the caller's token and the
 * argument that names its bucket.
 *
 * <table>
 *   <caption>S3 tool requirements</caption>
 *   <tr><th>tool</th><th>actions</th><th>bucket checked in</th><th>writes</th></tr>
 *   <tr><td>bucket_objects_list</td><td>s3:ListBucket</td><td>{@code bucket}</td><td>no</td></tr>
 *   <tr><td>bucket_object_info, _text, _fetch, _link</td><td>s3:GetObject</td>
 *       <td>{@code s3_uri}</td><td>no</td></tr>
 *   <tr><td>bucket_objects_put</td><td>s3:PutObject</td><td>{@code bucket}</td><td>yes</td></tr>
 *   <tr><td>discover_buckets</td><td>none</td><td>none</td><td>no</td></tr>
 * </table>
 */
final class S3Policy {
  static final String LIST_BUCKET = "s3:ListBucket";
  static final String GET_OBJECT = "s3:GetObject";
  static final String PUT_OBJECT = "s3:PutObject";

  static final RequirementTable TABLE =
      RequirementTable.of(
          ToolRequirements.builder(ListObjectsTool.NAME)
              .action(LIST_BUCKET)
              .bucket("bucket")
              .build(),
          read(ObjectInfoTool.NAME),
          read(ObjectTextTool.NAME),
          read(ObjectFetchTool.NAME),
          read(ObjectLinkTool.NAME),
          ToolRequirements.builder(PutObjectsTool.NAME)
              .action(PUT_OBJECT)
              .bucket("bucket")
              .writes()
              .build(),
          ToolRequirements.open(DiscoverBucketsTool.NAME));

  private S3Policy() {}

  private static ToolRequirements read(String tool) {
    return ToolRequirements.builder(tool).action(GET_OBJECT).s3Uri("s3_uri").build();
  }
}

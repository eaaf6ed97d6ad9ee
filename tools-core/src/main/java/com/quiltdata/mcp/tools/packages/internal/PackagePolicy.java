package com.quiltdata.mcp.tools.packages.internal;

import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.schema.RequirementTable;

/**
 * The package family's authorization table: the registry bucket of every tool, every bucket named
 * in {@code s3_uris}, and the S3 actions the tool's requests need there.
 *
 * <table>
 *   <caption>Package tool requirements</caption>
 *   <tr><th>tool</th><th>actions</th><th>buckets checked</th><th>writes</th></tr>
 *   <tr><td>package_browse, package_diff</td><td>s3:GetObject</td><td>registry</td><td>no</td></tr>
 *   <tr><td>packages_list</td><td>s3:ListBucket</td><td>registry</td><td>no</td></tr>
 *   <tr><td>package_create, package_update</td><td>s3:GetObject, s3:PutObject</td>
 *       <td>registry, every {@code s3_uris} bucket</td><td>yes</td></tr>
 *   <tr><td>package_delete</td><td>s3:GetObject, s3:PutObject, s3:DeleteObject, s3:ListBucket</td>
 *       <td>registry</td><td>yes</td></tr>
 *   <tr><td>packages_search</td><td>none</td><td>every {@code buckets} entry</td><td>no</td></tr>
 *   <tr><td>bucket_list</td><td>none</td><td>none</td><td>no</td></tr>
 *   <tr><td>catalog_url, catalog_uri</td><td>none</td><td>registry</td><td>no</td></tr>
 * </table>
 *
 * <p>Adding a prefix ({@code s3://bucket/dir/}) to a package lists it, which needs {@code
 * s3:ListBucket} too; the create and update tools check that themselves, only when a prefix is
 * given.
 */
final class PackagePolicy {
  static final String GET = "s3:GetObject";
  static final String PUT = "s3:PutObject";
  static final String LIST = "s3:ListBucket";
  static final String DELETE = "s3:DeleteObject";

  static final RequirementTable TABLE =
      RequirementTable.of(
          ToolRequirements.builder(BrowseTool.NAME).action(GET).registry("registry").build(),
          ToolRequirements.builder(CreateTool.NAME)
              .action(GET, PUT)
              .registry("registry")
              .s3UriList("s3_uris")
              .writes()
              .build(),
          ToolRequirements.builder(UpdateTool.NAME)
              .action(GET, PUT)
              .registry("registry")
              .add("s3_uris", com.quiltdata.mcp.auth.BucketArgument.Kind.S3_URI_LIST, false)
              .writes()
              .build(),
          ToolRequirements.builder(DeleteTool.NAME)
              .action(GET, PUT, DELETE, LIST)
              .registry("registry")
              .writes()
              .build(),
          ToolRequirements.builder(DiffTool.NAME).action(GET).registry("registry").build(),
          ToolRequirements.builder(ListTool.NAME).action(LIST).registry("registry").build(),
          ToolRequirements.builder(SearchTool.NAME).optionalBucketList("buckets").build(),
          ToolRequirements.open(BucketListTool.NAME),
          ToolRequirements.builder(CatalogUrlTool.NAME).registry("registry").build(),
          ToolRequirements.builder(CatalogUriTool.NAME).registry("registry").build());

  private PackagePolicy() {}
}

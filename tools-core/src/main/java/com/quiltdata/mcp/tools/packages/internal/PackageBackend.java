package com.quiltdata.mcp.tools.packages.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import java.util.List;

/**
 * Where package revisions live and how they are found: the registry bucket's S3 in quilt3's format
 * ({@link S3Backend}) or the catalog's GraphQL ({@link GraphqlBackend}). The tools call this and
 * shape the same output whichever answers; each method runs on the caller's own rights and throws
 * {@code ToolFailure}s.
 */
interface PackageBackend {
  /** {@code s3} or {@code graphql}, as outputs name it. */
  String name();

  /** The revision {@code topHash} of {@code name}, or its latest when {@code topHash} is null. */
  Packages.Revision read(ToolContext context, String bucket, String name, String topHash);

  /**
   * Writes a new revision that becomes latest.
   *
   * @param workflow a workflow id for the catalog to validate, or {@code null}
   */
  Written write(
      ToolContext context, String bucket, String name, Manifest manifest, String workflow);

  /** Deletes one revision ({@code topHash}) or, when it is null, every revision. */
  Deletion delete(ToolContext context, String bucket, String name, String topHash);

  /** Package names after {@code cursor} starting with {@code prefix}, in name order. */
  S3Registry.NamePage names(
      ToolContext context, String bucket, String prefix, String cursor, int limit);

  /** {@code packages_search}'s output ({@code query}, {@code mode}, {@code results}, ...). */
  ObjectNode search(
      ToolContext context, String query, List<String> buckets, int limit, String cursor);

  /** {@code bucket_list}'s output ({@code buckets}, {@code source}). */
  ObjectNode buckets(ToolContext context);

  /**
   * A written revision.
   *
   * @param topHash its hash
   * @param pointer the timestamp pointer written (S3), or {@code null} when the backend names none
   */
  record Written(String topHash, String pointer) {}

  /**
   * What a delete removed and left.
   *
   * @param removed the revisions removed, in order
   * @param latest the latest revision left, or {@code null} when none is
   * @param remaining how many revisions are left
   */
  record Deletion(List<Removed> removed, String latest, int remaining) {
    public Deletion {
      removed = List.copyOf(removed);
    }
  }

  /**
   * One removed revision.
   *
   * @param pointer the pointer removed (S3), or {@code null} when the backend names none
   * @param topHash its hash
   */
  record Removed(String pointer, String topHash) {}
}

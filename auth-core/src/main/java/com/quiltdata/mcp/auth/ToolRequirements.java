package com.quiltdata.mcp.auth;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one tool needs from its caller's token: the actions it performs and which of its arguments
 * name buckets (either a bare bucket name or an {@code s3://bucket/key} URI).
 *
 * @param tool the tool name
 * @param actions every action the token must grant (for example {@code s3:GetObject})
 * @param bucketArguments argument names holding a bare bucket name
 * @param s3UriArguments argument names holding an {@code s3://} URI whose bucket is checked
 */
public record ToolRequirements(
    String tool, Set<String> actions, List<String> bucketArguments, List<String> s3UriArguments) {

  /** Copies and validates. */
  public ToolRequirements {
    Objects.requireNonNull(tool, "tool");
    actions = Set.copyOf(actions);
    bucketArguments = List.copyOf(bucketArguments);
    s3UriArguments = List.copyOf(s3UriArguments);
  }

  /** A tool that needs nothing from the token beyond authentication. */
  public static ToolRequirements open(String tool) {
    return new ToolRequirements(tool, Set.of(), List.of(), List.of());
  }
}

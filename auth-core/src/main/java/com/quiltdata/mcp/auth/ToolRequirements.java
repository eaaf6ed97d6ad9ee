package com.quiltdata.mcp.auth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one tool needs from its caller's token: the actions it performs, which of its arguments name
 * buckets, and whether it writes. Each tool family keeps its own table of these; auth-core only
 * supplies the mechanism ({@link PolicyAuthorizer}).
 *
 * <pre>{@code
 * ToolRequirements read = ToolRequirements.builder("bucket_object_text")
 *     .action("s3:GetObject")
 *     .s3Uri("s3_uri")
 *     .build();
 * }</pre>
 *
 * @param tool the tool name
 * @param actions every action the token must grant (for example {@code s3:GetObject})
 * @param bucketArguments the arguments naming buckets, each checked against the token's buckets
 * @param writes whether the tool changes anything (a read-only authorizer refuses it)
 */
public record ToolRequirements(
    String tool, Set<String> actions, List<BucketArgument> bucketArguments, boolean writes) {

  /** Copies and validates: a blank tool or action and an argument named twice are refused. */
  public ToolRequirements {
    Objects.requireNonNull(tool, "tool");
    if (tool.isBlank()) {
      throw new IllegalArgumentException("tool must not be blank");
    }
    actions = Set.copyOf(actions);
    for (String a : actions) {
      if (a.isBlank()) {
        throw new IllegalArgumentException("actions of " + tool + " must not be blank");
      }
    }
    bucketArguments = List.copyOf(bucketArguments);
    Set<String> names = new LinkedHashSet<>();
    for (BucketArgument b : bucketArguments) {
      if (!names.add(b.name())) {
        throw new IllegalArgumentException(
            "bucket argument '" + b.name() + "' of " + tool + " is declared twice");
      }
    }
  }

  /** A read-only tool that needs nothing from the token beyond authentication. */
  public static ToolRequirements open(String tool) {
    return builder(tool).build();
  }

  /** Starts the requirements of a tool. */
  public static Builder builder(String tool) {
    return new Builder(tool);
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private final String tool;
    private final Set<String> actions = new LinkedHashSet<>();
    private final List<BucketArgument> buckets = new ArrayList<>();
    private boolean writes;

    private Builder(String tool) {
      this.tool = Objects.requireNonNull(tool, "tool");
    }

    /** Adds actions the token must grant. */
    public Builder action(String... more) {
      for (String a : more) {
        actions.add(Objects.requireNonNull(a, "action"));
      }
      return this;
    }

    /** A required argument holding a bare bucket name. */
    public Builder bucket(String argument) {
      return add(argument, BucketArgument.Kind.BUCKET, true);
    }

    /** A required argument holding an {@code s3://bucket/key} URI. */
    public Builder s3Uri(String argument) {
      return add(argument, BucketArgument.Kind.S3_URI, true);
    }

    /** A required argument holding a list of {@code s3://} URIs. */
    public Builder s3UriList(String argument) {
      return add(argument, BucketArgument.Kind.S3_URI_LIST, true);
    }

    /** An optional argument holding a list of bucket names (checked when present). */
    public Builder optionalBucketList(String argument) {
      return add(argument, BucketArgument.Kind.BUCKET_LIST, false);
    }

    /** A required argument naming a package registry ({@code s3://bucket} or a bucket name). */
    public Builder registry(String argument) {
      return add(argument, BucketArgument.Kind.REGISTRY, true);
    }

    /** Adds a bucket argument of any kind. */
    public Builder add(String argument, BucketArgument.Kind kind, boolean required) {
      buckets.add(new BucketArgument(argument, kind, required));
      return this;
    }

    /** Marks the tool as one that writes (default: read-only). */
    public Builder writes() {
      this.writes = true;
      return this;
    }

    /** Builds the immutable requirements. */
    public ToolRequirements build() {
      return new ToolRequirements(tool, actions, buckets, writes);
    }
  }
}

package com.quiltdata.mcp.auth;

import java.util.Objects;

/**
 * One tool argument that names buckets, and how to find the bucket names in it. The authorizer
 * checks every bucket found this way against the token's bucket list, byte for byte, before the
 * tool runs; tools must locate buckets with the same rules ({@link PolicyAuthorizer#s3UriBucket},
 * {@link PolicyAuthorizer#registryBucket}) so the bucket checked is the bucket used.
 *
 * @param name the argument name
 * @param kind how the argument names buckets
 * @param required whether a call without the argument is refused; an optional argument, when
 *     present, is checked like a required one
 */
public record BucketArgument(String name, Kind kind, boolean required) {
  /** How an argument names buckets. */
  public enum Kind {
    /** A bare bucket name, e.g. {@code quilt-demo}. */
    BUCKET,
    /** An {@code s3://bucket/key} URI. */
    S3_URI,
    /** A list of {@code s3://bucket/key} URIs; every element's bucket is checked. */
    S3_URI_LIST,
    /** A list of bare bucket names; every element is checked. */
    BUCKET_LIST,
    /**
     * A Quilt package registry: {@code s3://bucket}, {@code s3://bucket/} or a bare bucket name.
     */
    REGISTRY
  }

  /** Validates. */
  public BucketArgument {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
  }

  /** Whether the argument holds a list. */
  public boolean isList() {
    return kind == Kind.S3_URI_LIST || kind == Kind.BUCKET_LIST;
  }
}

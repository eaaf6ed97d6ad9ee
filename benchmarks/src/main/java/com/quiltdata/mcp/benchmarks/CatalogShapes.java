package com.quiltdata.mcp.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** Bucket, permission and role lists shaped like a real catalog user's (32 buckets, 24 actions). */
final class CatalogShapes {
  private CatalogShapes() {}

  static List<String> buckets() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      names.add("quilt-prod-dataset-" + (2000 + i));
    }
    for (int i = 0; i < 8; i++) {
      names.add("cellpainting-screen-plate-" + (100 + i));
    }
    for (int i = 0; i < 8; i++) {
      names.add("genomics-sequencing-run-" + (500 + i) + "-raw");
    }
    for (int i = 0; i < 8; i++) {
      names.add("acme-analytics-team-" + (char) ('a' + i) + "-results");
    }
    return names;
  }

  static List<String> permissions() {
    return List.of(
        "s3:GetObject",
        "s3:PutObject",
        "s3:DeleteObject",
        "s3:ListBucket",
        "s3:ListAllMyBuckets",
        "s3:GetObjectVersion",
        "s3:PutObjectAcl",
        "s3:AbortMultipartUpload",
        "s3:GetBucketLocation",
        "s3:GetObjectTagging",
        "s3:PutObjectTagging",
        "s3:ListBucketVersions",
        "s3:GetBucketVersioning",
        "athena:StartQueryExecution",
        "athena:GetQueryExecution",
        "athena:GetQueryResults",
        "athena:StopQueryExecution",
        "athena:ListWorkGroups",
        "athena:GetWorkGroup",
        "glue:GetDatabase",
        "glue:GetDatabases",
        "glue:GetTable",
        "glue:GetTables",
        "glue:GetPartitions");
  }

  /** Mints the realistic ~4.5 KB enhanced token used by every benchmark. */
  static String token(com.quiltdata.mcp.jwt.SigningKey key, java.time.Clock clock, String subject) {
    return com.quiltdata.mcp.jwt.JwtMinter.create(key, clock)
        .enhanced(subject)
        .buckets(buckets())
        .permissions(permissions())
        .roles(roles())
        .scope("read write list")
        .level("power")
        .ttl(java.time.Duration.ofHours(12))
        .mint();
  }

  static List<String> roles() {
    return List.of("ReadWriteQuiltBucket", "AthenaQueryRunner", "CatalogPowerUser");
  }
}

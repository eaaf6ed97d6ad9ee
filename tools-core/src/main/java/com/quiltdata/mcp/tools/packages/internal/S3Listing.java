package com.quiltdata.mcp.tools.packages.internal;

import com.quiltdata.mcp.tools.aws.AwsCall;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.aws.AwsService;
import java.util.function.Predicate;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Walks the objects under a prefix in key order, page by page, with the caller's credentials. */
final class S3Listing {
  private S3Listing() {}

  /**
   * Hands every object under {@code prefix} to {@code visit} until it returns false or the listing
   * ends; a page is only fetched when the previous one was used up.
   *
   * @param startAfter list keys after this one (null: from the start)
   */
  static void each(
      AwsClients aws,
      AwsCall call,
      String bucket,
      String prefix,
      String startAfter,
      Predicate<S3Object> visit) {
    S3Client s3 = aws.s3();
    String token = null;
    do {
      String t = token;
      ListObjectsV2Response page =
          call.run(
              AwsService.S3,
              "s3://" + bucket + "/" + prefix,
              (e, x) -> null,
              () ->
                  s3.listObjectsV2(
                      b ->
                          b.bucket(bucket)
                              .prefix(prefix)
                              .startAfter(t == null ? startAfter : null)
                              .continuationToken(t)
                              .overrideConfiguration(call.override())));
      for (S3Object o : page.contents()) {
        if (!visit.test(o)) {
          return;
        }
      }
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
  }
}

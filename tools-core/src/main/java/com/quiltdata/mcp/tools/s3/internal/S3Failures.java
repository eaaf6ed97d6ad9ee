package com.quiltdata.mcp.tools.s3.internal;

import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.aws.AwsCall;
import com.quiltdata.mcp.tools.aws.AwsFailures;
import com.quiltdata.mcp.tools.aws.AwsService;
import com.quiltdata.mcp.tools.s3.S3Reason;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** The S3 error codes only S3 tools report; everything else is {@link AwsFailures}'. */
final class S3Failures {
  private static final AwsCall.ServiceErrors BUCKET_LEVEL = (e, t) -> map(e, t, false);
  private static final AwsCall.ServiceErrors OBJECT_LEVEL = (e, t) -> map(e, t, true);

  private S3Failures() {}

  /**
   * The mapping for an operation.
   *
   * @param objectLevel whether a key is addressed (a bare 404 then means a missing key)
   */
  static AwsCall.ServiceErrors of(boolean objectLevel) {
    return objectLevel ? OBJECT_LEVEL : BUCKET_LEVEL;
  }

  private static ToolFailure map(AwsServiceException e, String target, boolean objectLevel) {
    int status = e.statusCode();
    String code = AwsFailures.errorCode(e);
    String ref = AwsFailures.reference(e, AwsService.S3);
    if ("NoSuchBucket".equals(code) || (status == 404 && !objectLevel && code == null)) {
      return new ToolFailure(
          S3Reason.NO_SUCH_BUCKET,
          "The bucket of " + target + " does not exist" + ref + ". Check the bucket name");
    }
    if ("NoSuchKey".equals(code)
        || "NoSuchVersion".equals(code)
        || (status == 404 && objectLevel)) {
      return new ToolFailure(
          S3Reason.NO_SUCH_KEY,
          "No object at "
              + target
              + ref
              + ". Check the key (keys are case-sensitive) or list the bucket with"
              + " bucket_objects_list");
    }
    if ("InvalidObjectState".equals(code)) {
      return new ToolFailure(
          S3Reason.OBJECT_ARCHIVED,
          "The object at "
              + target
              + " is archived"
              + ref
              + ". Restore it from its archive storage class before reading it");
    }
    return null;
  }
}

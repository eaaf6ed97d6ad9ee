package com.quiltdata.mcp.tools.s3;

import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.tools.aws.AwsSettings;
import java.util.List;
import java.util.function.UnaryOperator;

/** The S3 tools on the {@link ToolRig}, with two buckets. */
final class S3Rig extends ToolRig {
  static final String BUCKET = "quilt-data";
  static final String OTHER_BUCKET = "quilt-other";
  static final String SECRET = "s3-tools-test-signing-secret-0123456789abcdef";
  static final List<String> ALL_ACTIONS = List.of("s3:ListBucket", "s3:GetObject", "s3:PutObject");

  S3Rig() {
    this(s -> s);
  }

  S3Rig(UnaryOperator<S3Settings> limits) {
    this(limits, a -> a);
  }

  S3Rig(UnaryOperator<S3Settings> limits, UnaryOperator<AwsSettings> settings) {
    super(
        SECRET,
        settings,
        rig -> S3Tools.create(limits.apply(S3Settings.defaults()), rig.aws).tools(),
        BUCKET,
        OTHER_BUCKET);
  }

  /** A user with every S3 action on {@link #BUCKET}. */
  Principal alice() {
    return user("alice@example.com", List.of(BUCKET), ALL_ACTIONS);
  }
}

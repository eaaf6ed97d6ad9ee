package com.quiltdata.mcp.tools.s3.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.PolicyAuthorizer;
import com.quiltdata.mcp.tools.CommonReason;
import com.quiltdata.mcp.tools.ToolFailure;
import org.junit.jupiter.api.Test;

class S3LocationTest {
  private static ToolFailure refused(String uri) {
    ToolFailure f = assertThrows(ToolFailure.class, () -> S3Location.parse(uri, "s3_uri"));
    assertEquals(CommonReason.INVALID_ARGUMENT, f.reason());
    return f;
  }

  @Test
  void plainAndVersionedUris() {
    S3Location plain = S3Location.parse("s3://quilt-data/dir/file name.csv", "s3_uri");
    assertEquals("quilt-data", plain.bucket());
    assertEquals("dir/file name.csv", plain.key());
    assertNull(plain.versionId());
    S3Location v = S3Location.parse("s3://quilt-data/k%20literal?versionId=abc%2Fdef", "s3_uri");
    assertEquals("k%20literal", v.key(), "the key is taken literally");
    assertEquals("abc/def", v.versionId());
    assertEquals("s3://quilt-data/k%20literal?versionId=abc/def", v.uri());
  }

  @Test
  void theBucketIsTheOneTheAuthorizerChecks() {
    for (String uri :
        new String[] {"s3://quilt-data/k", "s3://quilt-data/k?versionId=1", "s3://a.b-c/x/y"}) {
      assertEquals(
          PolicyAuthorizer.s3UriBucket(uri).orElseThrow(),
          S3Location.parse(uri, "s3_uri").bucket());
    }
  }

  @Test
  void refusals() {
    assertTrue(refused("S3://quilt-data/k").getMessage().contains("must start with s3://"));
    assertTrue(refused("s3://Quilt/k").getMessage().contains("valid S3 bucket"));
    assertTrue(refused("s3://quilt-data").getMessage().contains("no object key"));
    assertTrue(refused("s3://quilt-data?versionId=1").getMessage().contains("no object key"));
    assertTrue(refused("s3://quilt-data/k?versionId=1&x=2").getMessage().contains("one query"));
    assertTrue(refused("s3://quilt-data/k?versionId=").getMessage().contains("invalid versionId"));
    assertTrue(refused("s3://quilt-data/k?versionId=%C3").getMessage().contains("versionId"));
    assertTrue(refused("s3://quilt-data/./k").getMessage().contains("path segments"));
    assertTrue(refused("s3://quilt-data/a\u0085b").getMessage().contains("control character"));
  }
}

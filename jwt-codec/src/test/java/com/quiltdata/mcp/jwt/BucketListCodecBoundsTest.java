package com.quiltdata.mcp.jwt;

import static com.quiltdata.mcp.jwt.BucketListCodecTest.assertRejected;
import static com.quiltdata.mcp.jwt.BucketListCodecTest.base64;
import static com.quiltdata.mcp.jwt.BucketListCodecTest.compressed;
import static com.quiltdata.mcp.jwt.BucketListCodecTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.jwt.JwtVerificationException.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decoder's size bounds: checked while reading, before names or large buffers are built. */
class BucketListCodecBoundsTest {

  private static final ClaimLimits LIMITS = ClaimLimits.DEFAULTS;

  private static ClaimLimits limits(int maxBuckets, int maxBytes) {
    return new ClaimLimits(maxBuckets, maxBytes, 1, 1, 1);
  }

  @Test
  void decode_countAtLimit_isAccepted() {
    assertEquals(3, BucketListCodec.decode(json("['a-1','a-2','a-3']"), limits(3, 1000)).size());
  }

  @Test
  void decode_plainArrayOverCount_isTooLarge() {
    assertRejected(Reason.TOO_LARGE, json("['a-1','a-2','a-3','a-4']"), limits(3, 1000));
  }

  @Test
  void decode_overCount_isTooLargeEvenWhenAnElementIsMalformed() {
    // The count is checked before the elements are looked at.
    assertRejected(Reason.TOO_LARGE, json("['a-1','a-2','a-3',4]"), limits(3, 1000));
  }

  @Test
  void decode_duplicates_countTowardsTheLimit() {
    assertRejected(Reason.TOO_LARGE, json("['a-1','a-1','a-1','a-1']"), limits(3, 1000));
  }

  @Test
  void decode_groupsOverCount_isTooLarge() {
    assertRejected(
        Reason.TOO_LARGE,
        json("{'_type':'groups','_data':{'a':['1','2'],'b':['1','2']}}"),
        limits(3, 1000));
  }

  @Test
  void decode_patternsOverCount_isTooLarge() {
    assertRejected(
        Reason.TOO_LARGE,
        json("{'_type':'patterns','_data':{'quilt':['a','b'],'other':['c-1','d-1']}}"),
        limits(3, 1000));
  }

  @Test
  void decode_compressedOverCount_isTooLarge() {
    assertRejected(
        Reason.TOO_LARGE, compressed(base64("[\"a-1\",\"a-2\",\"a-3\",\"a-4\"]")), limits(3, 1000));
  }

  @Test
  void decode_bytesAtLimit_isAccepted() {
    assertEquals(2, BucketListCodec.decode(json("['abcde','fghij']"), limits(10, 10)).size());
  }

  @Test
  void decode_plainArrayOverBytes_isTooLarge() {
    assertRejected(Reason.TOO_LARGE, json("['abcde','fghijk']"), limits(10, 10));
  }

  @Test
  void decode_bytes_areCountedInUtf8() {
    // Two characters of two bytes each fit in four bytes; three do not.
    assertEquals(1, BucketListCodec.decode(json("['\u00e9\u00e9']"), limits(10, 4)).size());
    assertRejected(Reason.TOO_LARGE, json("['\u00e9\u00e9\u00e9']"), limits(10, 4));
    assertRejected(Reason.TOO_LARGE, json("['\ud83d\ude00a']"), limits(10, 4));
  }

  @Test
  void decode_groupsBytes_includePrefixAndDash() {
    // "quilt-demos" is 11 bytes although the claim spells only "quilt" and "demos".
    JsonNode claim = json("{'_type':'groups','_data':{'quilt':['demos']}}");
    assertEquals(List.of("quilt-demos"), BucketListCodec.decode(claim, limits(10, 11)));
    assertRejected(Reason.TOO_LARGE, claim, limits(10, 10));
  }

  @Test
  void decode_patternsBytes_includeQuiltPrefix() {
    JsonNode claim = json("{'_type':'patterns','_data':{'quilt':['demos']}}");
    assertEquals(List.of("quilt-demos"), BucketListCodec.decode(claim, limits(10, 11)));
    assertRejected(Reason.TOO_LARGE, claim, limits(10, 10));
  }

  @Test
  void decode_compressedOverBytes_isTooLarge() {
    assertRejected(Reason.TOO_LARGE, compressed(base64("[\"abcde\",\"fghijk\"]")), limits(10, 10));
  }

  @Test
  void decode_hugeCompressedData_isTooLargeWithoutBeingDecoded() {
    // Not base64 at all: if it were decoded it would be INVALID_CLAIMS, not TOO_LARGE.
    String huge = "!".repeat(1_000_000);
    assertRejected(Reason.TOO_LARGE, compressed(huge), LIMITS);
  }

  @Test
  void decode_compressedDataJustWithinTheLengthBound_isDecoded() {
    // 2 names, 10 bytes: the bound allows a JSON text of 10 + 3 * 2 + 2 = 18 bytes, 24 base64
    // chars.
    List<String> names = List.of("abcde", "fghij");
    String data = base64("[\"abcde\",\"fghij\"]");
    assertEquals(24, data.length());
    assertEquals(names, BucketListCodec.decode(compressed(data), limits(2, 10)));
  }
}

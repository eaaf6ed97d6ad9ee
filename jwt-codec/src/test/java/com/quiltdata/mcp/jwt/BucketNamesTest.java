package com.quiltdata.mcp.jwt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BucketNamesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abc",
        "quilt-demos",
        "quilt-sales-raw",
        "fl-158-raw",
        "cellpainting-gallery",
        "cellxgene-913524946226-us-east-1",
        "my.bucket.name",
        "a1b",
        "123",
        "1-2-3",
        "192.168.5",
        "192.168.5.4.1",
        "192.168.5.a",
        "xn-abc",
        "sthree",
        "amzn-s3-demo",
        "bucket-s3alia",
        "bucket-ol-s3",
        "bucket-mrap",
        "bucket-x-s3",
        "bucket-table-s3",
        "a--b",
        "a.b-c.d"
      })
  void isValid_validNames_areAccepted(String name) {
    assertTrue(BucketNames.isValid(name), name);
  }

  @Test
  void isValid_lengthBounds_areThreeAndSixtyThree() {
    assertTrue(BucketNames.isValid("a".repeat(63)));
    assertTrue(BucketNames.isValid("a".repeat(3)));
    assertFalse(BucketNames.isValid("a".repeat(64)));
    assertFalse(BucketNames.isValid("ab"));
    assertFalse(BucketNames.isValid("a"));
    assertFalse(BucketNames.isValid(""));
  }

  @Test
  void isValid_null_isFalse() {
    assertFalse(BucketNames.isValid(null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // characters outside a-z 0-9 . -
        "Quilt-demos",
        "quilt-Demos",
        "QUILT",
        "quilt_demos",
        "quilt demos",
        "quilt/demos",
        "quilt:demos",
        "quilt*",
        "quilt-demos\n",
        "quilt-demos\u0000",
        "*",
        // first or last character not a letter or digit
        "-quilt",
        "quilt-",
        ".quilt",
        "quilt.",
        // consecutive dots
        "quilt..demos",
        "a..b",
        // shaped like an IPv4 address
        "192.168.5.4",
        "10.0.0.1",
        "0.0.0.0",
        "255.255.255.255",
        "1234.5.6.7",
        // reserved prefixes
        "xn--bucket",
        "sthree-bucket",
        "sthree-configurator",
        "amzn-s3-demo-bucket",
        // reserved suffixes
        "bucket-s3alias",
        "bucket--ol-s3",
        "bucket.mrap",
        "bucket--x-s3",
        "bucket--use1-az4--x-s3",
        "bucket--table-s3"
      })
  void isValid_namesBreakingARule_areRejected(String name) {
    assertFalse(BucketNames.isValid(name), name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "quilt-dem\u043es", // Cyrillic small o
        "\u0430bc-bucket", // Cyrillic small a
        "quilt-d\u0435mos", // Cyrillic small ie
        "\uff51uilt-demos", // fullwidth q
        "quilt\uff0ddemos", // fullwidth hyphen-minus
        "bucket\uff11", // fullwidth digit one
        "quilt\u2010demos", // Unicode hyphen
        "quilt-d\u00e9mos", // precomposed e acute
        "quilt-de\u0301mos", // e plus combining acute
        "buck\u0131t", // dotless i
        "stra\u00dfe", // sharp s, which case folding would turn into ss
        "quilt-demos\u200b", // zero-width space
        "quilt-\ud83d\ude00" // an emoji as a surrogate pair
      })
  void isValid_nonAsciiLookalikes_areRejected(String name) {
    assertFalse(BucketNames.isValid(name), name);
  }

  @Test
  void isValid_uppercaseVariantOfValidName_isRejectedWithoutFolding() {
    assertTrue(BucketNames.isValid("quilt-demos"));
    assertFalse(BucketNames.isValid("quilt-Demos"));
    assertFalse(BucketNames.isValid("QUILT-DEMOS"));
  }
}

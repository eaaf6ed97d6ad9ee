package com.quiltdata.mcp.jwt;

import static com.quiltdata.mcp.jwt.BucketListCodecTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BucketListCodecEncodeTest {

  /** What a catalog user with many buckets sends: 32 names, sorted, sharing a few prefixes. */
  static final List<String> FRONTEND_BUCKETS =
      List.of(
          "cellpainting-gallery",
          "cellpainting-gallery-staging",
          "cellpainting-jump-cp",
          "cellpainting-jump-cp-raw",
          "cellxgene-913524946226-us-east-1",
          "cellxgene-census-public",
          "fl-158-raw",
          "fl-158-processed",
          "fl-159-raw",
          "fl-160-raw",
          "fl-data-commons",
          "fl-imaging-archive",
          "nf-core-awsmegatests",
          "nf-core-results",
          "quilt-bake",
          "quilt-benchling",
          "quilt-demos",
          "quilt-example",
          "quilt-open-ccle-virginia",
          "quilt-sales-raw",
          "quilt-sales-staging",
          "quilt-sandbox-bucket",
          "quilt-ternary-demo",
          "quilt-t4-staging",
          "sales-prod-analytics",
          "sales-prod-raw",
          "sales-prod-reports",
          "udp-spec",
          "udp-spec-archive",
          "zarr-demo-bucket",
          "zarr-demo-public",
          "zarr-ome-ngff");

  private static List<String> names(String prefix, int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + i).collect(Collectors.toList());
  }

  private static int compactLength(JsonNode node) {
    return node.toString().length();
  }

  @Test
  void encode_frontendExample_isSmallerThanThePlainArrayAndDecodesBack() {
    assertEquals(32, FRONTEND_BUCKETS.size());
    assertTrue(FRONTEND_BUCKETS.stream().allMatch(BucketNames::isValid));

    JsonNode encoded = BucketListCodec.encode(FRONTEND_BUCKETS);
    JsonNode plain = BucketListCodec.encode(FRONTEND_BUCKETS, BucketCompression.NONE);

    assertTrue(encoded.isObject(), encoded.toString());
    assertEquals("groups", encoded.get("_type").textValue());
    assertTrue(compactLength(encoded) < compactLength(plain));
    assertEquals(FRONTEND_BUCKETS, BucketListCodec.decode(encoded, ClaimLimits.DEFAULTS));
  }

  @Test
  void encode_frontendExampleInEveryExplicitForm_decodesBack() {
    for (BucketCompression form :
        List.of(BucketCompression.NONE, BucketCompression.GROUPS, BucketCompression.COMPRESSED)) {
      JsonNode encoded = BucketListCodec.encode(FRONTEND_BUCKETS, form);
      assertEquals(FRONTEND_BUCKETS, BucketListCodec.decode(encoded, ClaimLimits.DEFAULTS));
    }
  }

  @Test
  void encode_base64Form_isAlwaysLongerThanThePlainArray() {
    // Base64 grows the JSON by a third, so AUTO can never pick it; it exists for compatibility.
    JsonNode compressed = BucketListCodec.encode(FRONTEND_BUCKETS, BucketCompression.COMPRESSED);
    JsonNode plain = BucketListCodec.encode(FRONTEND_BUCKETS, BucketCompression.NONE);
    assertTrue(compactLength(compressed) > compactLength(plain));
  }

  @Test
  void encode_fifteenNames_staysPlainArray() {
    List<String> fifteen = names("quilt-bucket-", 15);
    JsonNode encoded = BucketListCodec.encode(fifteen);
    assertTrue(encoded.isArray());
    assertEquals(15, encoded.size());
  }

  @Test
  void encode_sixteenNamesSharingAPrefix_useGroups() {
    List<String> sixteen = names("quilt-bucket-", 16);
    JsonNode encoded = BucketListCodec.encode(sixteen);
    assertEquals("groups", encoded.get("_type").textValue());
    assertEquals(sixteen, BucketListCodec.decode(encoded, ClaimLimits.DEFAULTS));
  }

  @Test
  void encode_groupsOfDesignExample_hasTheFrontendShape() {
    JsonNode encoded =
        BucketListCodec.encode(
            List.of("quilt-demos", "quilt-sales-raw", "fl-158-raw"), BucketCompression.GROUPS);
    assertEquals(
        json("{'_type':'groups','_data':{'quilt':['demos','sales-raw'],'fl':['158-raw']}}"),
        encoded);
    assertEquals(
        "{\"_type\":\"groups\",\"_data\":{\"quilt\":[\"demos\",\"sales-raw\"],\"fl\":[\"158-raw\"]}}",
        encoded.toString());
  }

  @Test
  void encode_patterns_stripsQuiltPrefixAndOmitsEmptyClasses() {
    JsonNode encoded =
        BucketListCodec.encode(
            List.of("quilt-demos", "quilt-sales-raw", "fl-158-raw", "demos"),
            BucketCompression.PATTERNS);
    assertEquals(
        json(
            "{'_type':'patterns','_data':{'quilt':['demos','sales-raw'],'other':['fl-158-raw','demos']}}"),
        encoded);
  }

  @Test
  void encode_compressed_isStandardBase64OfTheCompactJsonArray() {
    JsonNode encoded =
        BucketListCodec.encode(List.of("quilt-demos", "fl-158-raw"), BucketCompression.COMPRESSED);
    assertEquals("compressed", encoded.get("_type").textValue());
    String decoded =
        new String(
            Base64.getDecoder().decode(encoded.get("_data").textValue()), StandardCharsets.UTF_8);
    assertEquals("[\"quilt-demos\",\"fl-158-raw\"]", decoded);
  }

  @Test
  void encode_none_isAPlainArrayWhateverTheSize() {
    List<String> many = names("quilt-bucket-", 40);
    JsonNode encoded = BucketListCodec.encode(many, BucketCompression.NONE);
    assertTrue(encoded.isArray());
    assertEquals(40, encoded.size());
  }

  @Test
  void encode_groupsWithDashlessName_isRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                BucketListCodec.encode(List.of("quilt-demos", "demos"), BucketCompression.GROUPS));
    assertTrue(e.getMessage().contains("groups"));
  }

  @Test
  void encode_groupsWithNameWhoseSuffixEqualsItsPrefix_isRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> BucketListCodec.encode(List.of("demos-demos"), BucketCompression.GROUPS));
  }

  @Test
  void encode_groupsWithNonAdjacentPrefixes_isRefusedBecauseItWouldReorder() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            BucketListCodec.encode(
                List.of("quilt-a", "fl-1", "quilt-b"), BucketCompression.GROUPS));
  }

  @Test
  void encode_patternsOutOfClassOrder_isRefusedBecauseItWouldReorder() {
    assertThrows(
        IllegalArgumentException.class,
        () -> BucketListCodec.encode(List.of("fl-1", "quilt-demos"), BucketCompression.PATTERNS));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            BucketListCodec.encode(
                List.of("other-1", "cellpainting-gallery"), BucketCompression.PATTERNS));
  }

  @Test
  void encode_autoWithDashlessNames_skipsGroupsInsteadOfEmittingTheLossyShape() {
    List<String> list = new ArrayList<>(names("quilt-bucket-", 20));
    list.add("demos");
    JsonNode encoded = BucketListCodec.encode(list);
    assertEquals("patterns", encoded.get("_type").textValue());
    assertEquals(list, BucketListCodec.decode(encoded, ClaimLimits.DEFAULTS));
  }

  @Test
  void encode_autoWhenNoEnvelopeKeepsTheOrder_fallsBackToPlainArray() {
    List<String> list = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      list.add("zeta" + i); // dash-less, class "other"
      list.add("quilt-x" + i); // class "quilt", after an "other": patterns would reorder
    }
    JsonNode encoded = BucketListCodec.encode(list);
    assertTrue(encoded.isArray());
    assertEquals(list, BucketListCodec.decode(encoded, ClaimLimits.DEFAULTS));
  }

  @Test
  void encode_autoWhenNoFormIsSmaller_keepsThePlainArray() {
    // Sixteen unrelated names: no prefix is shared, so groups only adds overhead.
    List<String> list = names("b", 16).stream().map(n -> n + "-x" + n).collect(Collectors.toList());
    JsonNode encoded = BucketListCodec.encode(list);
    assertTrue(encoded.isArray(), encoded.toString());
  }

  @Test
  void encode_nullOrDuplicateName_isRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> BucketListCodec.encode(Arrays.asList("quilt-a", null)));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> BucketListCodec.encode(List.of("quilt-a", "quilt-b", "quilt-a")));
    assertTrue(e.getMessage().contains("index 2"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> BucketListCodec.encode(List.of("a-1", "a-1"), BucketCompression.NONE));
  }

  @Test
  void encode_nullListOrForm_isRefused() {
    assertThrows(NullPointerException.class, () -> BucketListCodec.encode(null));
    assertThrows(
        NullPointerException.class, () -> BucketListCodec.encode(List.of("quilt-a"), null));
  }

  @Test
  void encode_emptyList_isEmptyArray() {
    JsonNode encoded = BucketListCodec.encode(List.of());
    assertTrue(encoded.isArray());
    assertEquals(0, encoded.size());
  }

  @Test
  void encode_compressedWithLoneSurrogate_isRefusedAndAutoStaysExact() {
    List<String> list = new ArrayList<>(names("quilt-bucket-", 20));
    list.add("quilt-\ud800");
    assertThrows(
        IllegalArgumentException.class,
        () -> BucketListCodec.encode(list, BucketCompression.COMPRESSED));
    assertEquals(list, BucketListCodec.decode(BucketListCodec.encode(list), ClaimLimits.DEFAULTS));
  }
}

package com.quiltdata.mcp.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.quiltdata.mcp.jwt.JwtVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decoding examples and malformed claims; bounds and encoding have their own tests. */
class BucketListCodecTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ClaimLimits LIMITS = ClaimLimits.DEFAULTS;

  /** Parses JSON written with single quotes, to keep the test data readable. */
  static JsonNode json(String singleQuoted) {
    try {
      return JSON.readTree(singleQuoted.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static JsonNode compressed(String data) {
    return JsonNodeFactory.instance.objectNode().put("_type", "compressed").put("_data", data);
  }

  static void assertRejected(Reason reason, JsonNode claim, ClaimLimits limits) {
    JwtVerificationException e =
        assertThrows(JwtVerificationException.class, () -> BucketListCodec.decode(claim, limits));
    assertEquals(reason, e.reason());
    assertTrue(e.getMessage().startsWith("bucket claim"), e.getMessage());
  }

  private static void assertInvalid(JsonNode claim) {
    assertRejected(Reason.INVALID_CLAIMS, claim, LIMITS);
  }

  // ---------------------------------------------------------------- well-formed claims

  @Test
  void decode_plainArray_keepsOrder() {
    assertEquals(
        List.of("quilt-demos", "fl-158-raw", "cellpainting-gallery"),
        BucketListCodec.decode(
            json("['quilt-demos','fl-158-raw','cellpainting-gallery']"), LIMITS));
  }

  @Test
  void decode_emptyArray_isEmptyList() {
    assertEquals(List.of(), BucketListCodec.decode(json("[]"), LIMITS));
  }

  @Test
  void decode_duplicates_keepFirstOccurrence() {
    assertEquals(
        List.of("b-1", "a-1", "c-1"),
        BucketListCodec.decode(json("['b-1','a-1','b-1','c-1','a-1']"), LIMITS));
  }

  @Test
  void decode_result_isImmutable() {
    List<String> names = BucketListCodec.decode(json("['abc']"), LIMITS);
    assertThrows(UnsupportedOperationException.class, () -> names.add("def"));
  }

  @Test
  void decode_invalidBucketNames_arePassedThroughForTheClaimsLayer() {
    assertEquals(
        List.of("Not_A_Bucket", "", "192.168.5.4"),
        BucketListCodec.decode(json("['Not_A_Bucket','','192.168.5.4']"), LIMITS));
  }

  @Test
  void decode_groupsDesignExample_joinsPrefixAndSuffixWithDash() {
    JsonNode claim =
        json("{'_type':'groups','_data':{'quilt':['demos','sales-raw'],'fl':['158-raw']}}");
    assertEquals(
        List.of("quilt-demos", "quilt-sales-raw", "fl-158-raw"),
        BucketListCodec.decode(claim, LIMITS));
  }

  @Test
  void decode_groupsWithEmptyData_isEmptyList() {
    assertEquals(List.of(), BucketListCodec.decode(json("{'_type':'groups','_data':{}}"), LIMITS));
  }

  @Test
  void decode_keyOrderInEnvelope_doesNotMatter() {
    assertEquals(
        List.of("fl-1"),
        BucketListCodec.decode(json("{'_data':{'fl':['1']},'_type':'groups'}"), LIMITS));
  }

  @Test
  void decode_patterns_putsQuiltPrefixBackAndReadsQuiltCellOtherInThatOrder() {
    JsonNode claim =
        json(
            "{'_type':'patterns','_data':{'other':['fl-158-raw','demos'],"
                + "'cell':['cellpainting-gallery'],'quilt':['demos','sales-raw']}}");
    assertEquals(
        List.of("quilt-demos", "quilt-sales-raw", "cellpainting-gallery", "fl-158-raw", "demos"),
        BucketListCodec.decode(claim, LIMITS));
  }

  @Test
  void decode_patternsWithSomeKeysMissing_readsThePresentOnes() {
    assertEquals(
        List.of("other-bucket"),
        BucketListCodec.decode(
            json("{'_type':'patterns','_data':{'other':['other-bucket']}}"), LIMITS));
    assertEquals(
        List.of(), BucketListCodec.decode(json("{'_type':'patterns','_data':{}}"), LIMITS));
  }

  @Test
  void decode_compressed_decodesBase64OfJsonArray() {
    String names = "[\"quilt-demos\",\"cellpainting-gallery\",\"fl-158-raw\"]";
    assertEquals(
        List.of("quilt-demos", "cellpainting-gallery", "fl-158-raw"),
        BucketListCodec.decode(compressed(base64(names)), LIMITS));
  }

  @Test
  void decode_compressedWithMultiByteUtf8_decodesExactly() {
    String names = "[\"b\u00fccket\",\"\u6876-1\"]";
    assertEquals(
        List.of("b\u00fccket", "\u6876-1"),
        BucketListCodec.decode(compressed(base64(names)), LIMITS));
  }

  @Test
  void decode_compressedUsingPlusAndSlash_isAccepted() {
    // The standard alphabet's last two characters both occur in this text.
    String data = "WyI+Pj4iLCI/Pz8iXQ==";
    assertEquals(data, base64("[\">>>\",\"???\"]"));
    assertEquals(List.of(">>>", "???"), BucketListCodec.decode(compressed(data), LIMITS));
  }

  // ---------------------------------------------------------------- malformed claims

  @Test
  void decode_null_isRejected() {
    assertInvalid(null);
    assertInvalid(NullNode.getInstance());
  }

  @ParameterizedTest
  @ValueSource(strings = {"'quilt-demos'", "42", "true", "{}", "{'_type':'groups'}"})
  void decode_neitherArrayNorEnvelope_isRejected(String claim) {
    assertInvalid(json(claim));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[1]",
        "['a-1',null]",
        "[['a-1']]",
        "[{'name':'a-1'}]",
        "['a-1',true]",
      })
  void decode_plainArrayWithNonStringElement_isRejected(String claim) {
    assertInvalid(json(claim));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{'_type':'groups','_data':{},'extra':1}",
        "{'_type':'groups','_data':{},'_Data':{}}",
        "{'_type':'groups','data':{}}",
        "{'type':'groups','_data':{}}",
        "{'_type':null,'_data':{}}",
        "{'_type':1,'_data':{}}",
        "{'_type':['groups'],'_data':{}}",
        "{'_type':'Groups','_data':{}}",
        "{'_type':'gzip','_data':'H4sI'}",
        "{'_type':'','_data':{}}",
        "{'_type':'groups ','_data':{}}"
      })
  void decode_badEnvelope_isRejected(String claim) {
    assertInvalid(json(claim));
  }

  @Test
  void decode_groupsWithDashlessName_isRejected() {
    // The frontend's encoding of the single name "demos": cannot be told apart from "demos-demos".
    assertInvalid(json("{'_type':'groups','_data':{'demos':['demos']}}"));
  }

  @Test
  void decode_groupsListingItsPrefixAmongOtherSuffixes_isRejected() {
    assertInvalid(json("{'_type':'groups','_data':{'quilt':['demos','quilt','raw']}}"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{'_type':'groups','_data':{'quilt-x':['demos']}}",
        "{'_type':'groups','_data':{'-':['demos']}}",
        "{'_type':'groups','_data':{'':['demos']}}",
        "{'_type':'groups','_data':{'quilt':['']}}",
        "{'_type':'groups','_data':{'quilt':[]}}",
        "{'_type':'groups','_data':{'quilt':'demos'}}",
        "{'_type':'groups','_data':{'quilt':null}}",
        "{'_type':'groups','_data':{'quilt':[1]}}",
        "{'_type':'groups','_data':{'quilt':[null]}}",
        "{'_type':'groups','_data':{'quilt':[['demos']]}}",
        "{'_type':'groups','_data':['quilt-demos']}",
        "{'_type':'groups','_data':'quilt-demos'}",
        "{'_type':'groups','_data':null}"
      })
  void decode_malformedGroups_isRejected(String claim) {
    assertInvalid(json(claim));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{'_type':'patterns','_data':{'quilt':['demos'],'fl':['158-raw']}}",
        "{'_type':'patterns','_data':{'Quilt':['demos']}}",
        "{'_type':'patterns','_data':{'quilt':'demos'}}",
        "{'_type':'patterns','_data':{'cell':null}}",
        "{'_type':'patterns','_data':{'other':[1]}}",
        "{'_type':'patterns','_data':{'other':[['a-1']]}}",
        "{'_type':'patterns','_data':{'other':[{'a':'b'}]}}",
        "{'_type':'patterns','_data':['quilt-demos']}",
        "{'_type':'patterns','_data':null}"
      })
  void decode_malformedPatterns_isRejected(String claim) {
    assertInvalid(json(claim));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "WyJhIl0", // missing padding of ["a"]
        "WyJhIl0==", // extra padding
        "WyJhIl0=\n",
        " WyJhIl0=",
        "WyJh Il0=",
        "WyJhIl1=", // non-canonical trailing bits
        "WyJhIl0=WyJhIl0=", // padding in the middle
        "=WyJhIl0",
        "WyJhIl0=====",
        "W===",
        "====",
        "WyJhIl0_", // URL-safe alphabet
        "WyJhIl0-",
        "WyJhIl0\u00e9",
        "WyJhI\u0000l0="
      })
  void decode_compressedWithNonCanonicalBase64_isRejected(String data) {
    assertInvalid(compressed(data));
  }

  @Test
  void decode_compressedUrlSafeVariantOfValidData_isRejected() {
    String standard = "WyI+Pj4iLCI/Pz8iXQ==";
    String urlSafe = standard.replace('+', '-').replace('/', '_');
    assertEquals(2, BucketListCodec.decode(compressed(standard), LIMITS).size());
    assertInvalid(compressed(urlSafe));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "null",
        "\"a-1\"",
        "{\"a\":[\"a-1\"]}",
        "42",
        "[\"a-1\",1]",
        "[[\"a-1\"]]",
        "[\"a-1\"] [\"b-1\"]",
        "[\"a-1\"]x",
        "[\"a-1\",]",
        "[\"a-1\"",
        "['a-1']",
        "\ufeff[\"a-1\"]",
        "[[[[[[[[[[[[\"a-1\"]]]]]]]]]]]]"
      })
  void decode_compressedNotAJsonArrayOfStrings_isRejected(String decoded) {
    assertInvalid(compressed(base64(decoded)));
  }

  @Test
  void decode_compressedInvalidUtf8_isRejected() {
    byte[][] invalid = {
      {'[', '"', (byte) 0xC3, '"', ']'}, // truncated sequence
      {'[', '"', (byte) 0xC0, (byte) 0xAF, '"', ']'}, // overlong '/'
      {'[', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ']'}, // encoded surrogate
      {'[', '"', (byte) 0xFF, '"', ']'}
    };
    for (byte[] bytes : invalid) {
      assertInvalid(compressed(Base64.getEncoder().encodeToString(bytes)));
    }
  }

  @Test
  void decode_compressedUtf16Json_isRejected() {
    byte[] utf16 = "[\"a-1\"]".getBytes(StandardCharsets.UTF_16LE);
    assertInvalid(compressed(Base64.getEncoder().encodeToString(utf16)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{'_type':'compressed','_data':null}",
        "{'_type':'compressed','_data':['WyJhIl0=']}"
      })
  void decode_compressedDataNotAString_isRejected(String claim) {
    assertInvalid(json(claim));
  }

  @Test
  void decode_malformedClaim_messageNeverEchoesTheInput() {
    String marker = "zzmarkerzz";
    List<JsonNode> claims =
        List.of(
            json("['" + marker + "',1]"),
            json("{'_type':'" + marker + "','_data':{}}"),
            json("{'_type':'groups','_data':{'" + marker + "':['" + marker + "']}}"),
            json("{'_type':'groups','_data':{'" + marker + "-x':['a']}}"),
            json("{'_type':'patterns','_data':{'" + marker + "':[]}}"),
            compressed(marker),
            compressed(base64("{\"" + marker + "\":1}")),
            compressed(base64("[\"" + marker + "\"")));
    for (JsonNode claim : claims) {
      JwtVerificationException e =
          assertThrows(JwtVerificationException.class, () -> BucketListCodec.decode(claim, LIMITS));
      assertFalse(e.getMessage().contains(marker), e.getMessage());
    }
  }
}

package com.quiltdata.mcp.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.jwt.JwtVerificationException.Reason;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

class BucketListCodecPropertiesTest {

  private static final String ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final ClaimLimits LIMITS = ClaimLimits.DEFAULTS;

  // ---------------------------------------------------------------- generators

  /** Any valid S3 name over a-z 0-9 and '-': 3 to 63 characters, alphanumeric at both ends. */
  private static Arbitrary<String> randomName() {
    Arbitrary<Character> edge = Arbitraries.chars().with(ALNUM.toCharArray());
    Arbitrary<String> middle =
        Arbitraries.strings().withChars(ALNUM + "-").ofMinLength(1).ofMaxLength(61);
    return Combinators.combine(edge, middle, edge)
        .as((first, body, last) -> first + body + last)
        .filter(BucketNames::isValid);
  }

  /** Names that look like a catalog's: a few shared prefixes, so grouping has something to do. */
  private static Arbitrary<String> realisticName() {
    Arbitrary<String> prefix =
        Arbitraries.of("quilt", "cellpainting", "cellxgene", "fl", "sales-prod", "nf-core");
    Arbitrary<String> suffix =
        Combinators.combine(
                Arbitraries.strings().withChars(ALNUM + "-").ofMinLength(0).ofMaxLength(20),
                Arbitraries.chars().with(ALNUM.toCharArray()))
            .as((body, last) -> body + last);
    return Combinators.combine(prefix, suffix)
        .as((p, s) -> p + "-" + s)
        .filter(BucketNames::isValid);
  }

  /** Names the frontend cannot put in groups form. */
  private static Arbitrary<String> dashlessName() {
    return Arbitraries.strings().withChars(ALNUM.toCharArray()).ofMinLength(3).ofMaxLength(12);
  }

  /** How a generated list is ordered before encoding. */
  private enum Order {
    /** As generated: shared prefixes scattered, so groups and patterns usually cannot apply. */
    RANDOM,
    /** Lexicographic: names sharing a prefix end up adjacent, as groups needs. */
    SORTED,
    /** quilt-* first, then names containing "cell", then the rest, as patterns needs. */
    PATTERN_CLASSES
  }

  private static int patternClass(String name) {
    return name.startsWith("quilt-") ? 0 : name.contains("cell") ? 1 : 2;
  }

  private static Arbitrary<List<String>> uniqueList(Arbitrary<String> names) {
    return names
        .list()
        .uniqueElements()
        .ofMaxSize(64)
        .withSizeDistribution(RandomDistribution.uniform());
  }

  @Provide
  Arbitrary<List<String>> bucketLists() {
    // Each list draws from one mix of names, so some lists are made only of catalog-like names
    // (where groups pays off) and others mix in random and dash-less ones.
    Arbitrary<List<String>> lists =
        Arbitraries.oneOf(
            uniqueList(realisticName()),
            uniqueList(
                Arbitraries.frequencyOf(Tuple.of(1, randomName()), Tuple.of(3, realisticName()))),
            uniqueList(
                Arbitraries.frequencyOf(
                    Tuple.of(3, randomName()),
                    Tuple.of(6, realisticName()),
                    Tuple.of(1, dashlessName()))));
    return Combinators.combine(lists, Arbitraries.of(Order.class))
        .as(
            (list, order) -> {
              List<String> copy = new ArrayList<>(list);
              if (order == Order.SORTED) {
                copy.sort(null);
              } else if (order == Order.PATTERN_CLASSES) {
                copy.sort(Comparator.comparingInt(BucketListCodecPropertiesTest::patternClass));
              }
              return List.copyOf(copy);
            });
  }

  // ---------------------------------------------------------------- properties

  @Property
  void encodeAuto_anyValidList_decodesToTheSameList(@ForAll("bucketLists") List<String> buckets) {
    JsonNode encoded = BucketListCodec.encode(buckets);
    Statistics.collect(encoded.isArray() ? "plain" : encoded.get("_type").textValue());
    Statistics.label("size").collect(buckets.size() <= 15 ? "<= 15" : "> 15");
    assertEquals(buckets, BucketListCodec.decode(encoded, LIMITS));

    // The generator must reach every form AUTO can pick (base64 never wins: it grows the text).
    Statistics.coverage(
        coverage -> {
          coverage.check("plain").count(count -> count > 0);
          coverage.check("groups").count(count -> count > 0);
          coverage.check("patterns").count(count -> count > 0);
        });
  }

  @Property
  void encodeForced_anyFormThatAcceptsTheList_decodesToTheSameList(
      @ForAll("bucketLists") List<String> buckets) {
    for (BucketCompression form : BucketCompression.values()) {
      JsonNode encoded;
      try {
        encoded = BucketListCodec.encode(buckets, form);
      } catch (IllegalArgumentException refused) {
        assertTrue(
            form == BucketCompression.GROUPS || form == BucketCompression.PATTERNS,
            form + " refused a list of valid names: " + refused.getMessage());
        Statistics.label("refused").collect(form);
        continue;
      }
      assertEquals(buckets, BucketListCodec.decode(encoded, LIMITS), form.toString());
    }
  }

  @Property
  void encodeAuto_anyValidList_isNeverLargerThanThePlainArray(
      @ForAll("bucketLists") List<String> buckets) {
    int auto = BucketListCodec.encode(buckets).toString().length();
    int plain = BucketListCodec.encode(buckets, BucketCompression.NONE).toString().length();
    assertTrue(auto <= plain, auto + " > " + plain);
  }

  @Property
  void encodeAuto_fifteenOrFewerNames_isAPlainArray(@ForAll("bucketLists") List<String> buckets) {
    List<String> few = buckets.subList(0, Math.min(15, buckets.size()));
    JsonNode encoded = BucketListCodec.encode(few);
    assertTrue(encoded.isArray());
    assertEquals(few, BucketListCodec.decode(encoded, LIMITS));
  }

  @Property
  void encodeGroups_sortedDashedNames_isAccepted(@ForAll("realisticLists") List<String> buckets) {
    JsonNode encoded = BucketListCodec.encode(buckets, BucketCompression.GROUPS);
    assertEquals("groups", encoded.get("_type").textValue());
    assertEquals(buckets, BucketListCodec.decode(encoded, LIMITS));
  }

  @Provide
  Arbitrary<List<String>> realisticLists() {
    return realisticName()
        .filter(name -> !suffixEqualsPrefix(name))
        .list()
        .uniqueElements()
        .ofMaxSize(40)
        .map(
            list -> {
              List<String> copy = new ArrayList<>(list);
              copy.sort(null);
              return List.copyOf(copy);
            });
  }

  private static boolean suffixEqualsPrefix(String name) {
    int dash = name.indexOf('-');
    return name.substring(dash + 1).equals(name.substring(0, dash));
  }

  @Property
  void decode_ambiguousGroupsShape_isAlwaysRejected(
      @ForAll("dashlessPrefixes") String prefix,
      @ForAll("suffixLists") List<String> otherSuffixes,
      @ForAll @IntRange(min = 0, max = 20) int position) {
    List<String> suffixes = new ArrayList<>(otherSuffixes);
    suffixes.add(Math.min(position, suffixes.size()), prefix);
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.putArray("fl").add("158-raw"); // a well-formed group first, replaced if prefix is "fl"
    ArrayNode array = data.putArray(prefix);
    suffixes.forEach(array::add);
    ObjectNode claim = JsonNodeFactory.instance.objectNode();
    claim.put("_type", "groups");
    claim.set("_data", data);

    JwtVerificationException e =
        assertThrows(JwtVerificationException.class, () -> BucketListCodec.decode(claim, LIMITS));
    assertEquals(Reason.INVALID_CLAIMS, e.reason());
  }

  @Provide
  Arbitrary<String> dashlessPrefixes() {
    return Arbitraries.strings().withChars(ALNUM + ".").ofMinLength(1).ofMaxLength(20);
  }

  @Provide
  Arbitrary<List<String>> suffixLists() {
    return Arbitraries.strings()
        .withChars(ALNUM + "-.")
        .ofMinLength(1)
        .ofMaxLength(20)
        .list()
        .ofMaxSize(10);
  }

  @Property
  void decode_arbitraryCompressedData_succeedsOrRejectsCleanly(
      @ForAll("compressedData") String data) {
    ObjectNode claim = JsonNodeFactory.instance.objectNode();
    claim.put("_type", "compressed");
    claim.put("_data", data);
    try {
      List<String> names = BucketListCodec.decode(claim, LIMITS);
      assertTrue(names.size() <= LIMITS.maxBuckets());
    } catch (JwtVerificationException e) {
      assertTrue(
          e.reason() == Reason.INVALID_CLAIMS || e.reason() == Reason.TOO_LARGE, e.toString());
    }
  }

  @Provide
  Arbitrary<String> compressedData() {
    Arbitrary<String> anyText = Arbitraries.strings().ofMaxLength(64);
    Arbitrary<String> base64Text =
        Arbitraries.strings()
            .withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
            .ofMaxLength(64);
    Arbitrary<String> base64OfBytes =
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMaxSize(48)
            .map(bytes -> Base64.getEncoder().encodeToString(bytes));
    Arbitrary<String> base64OfJsonish =
        Arbitraries.strings()
            .withChars("[]{}\",:a-1 \\nul")
            .ofMaxLength(40)
            .map(text -> Base64.getEncoder().encodeToString(text.getBytes()));
    return Arbitraries.oneOf(anyText, base64Text, base64OfBytes, base64OfJsonish);
  }
}

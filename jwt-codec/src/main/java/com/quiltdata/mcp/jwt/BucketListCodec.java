package com.quiltdata.mcp.jwt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.quiltdata.mcp.jwt.JwtVerificationException.Reason;
import com.quiltdata.mcp.jwt.internal.StrictJson;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes the bucket-list claim ({@code b} / {@code buckets}) in the shapes the catalog
 * frontend produces.
 *
 * <p>The claim is either a plain JSON array of names or an envelope {@code {"_type": T, "_data":
 * D}} with exactly those two keys:
 *
 * <ul>
 *   <li>{@code groups}: {@code D} maps a prefix to an array of suffixes; each name is {@code prefix
 *       + "-" + suffix}. Example: {@code {"quilt":["demos","sales-raw"],"fl":["158-raw"]}} holds
 *       {@code quilt-demos}, {@code quilt-sales-raw} and {@code fl-158-raw}.
 *   <li>{@code patterns}: {@code D} has at most the keys {@code quilt} (names stored without their
 *       {@code quilt-} prefix), {@code cell} and {@code other} (names stored in full). The names
 *       are read in the order quilt, cell, other, whatever the order of the keys.
 *   <li>{@code compressed}: {@code D} is standard base64 (with {@code +/} and {@code =} padding) of
 *       the UTF-8 JSON array of names.
 * </ul>
 *
 * <p><b>The groups ambiguity.</b> The frontend splits a name at its first {@code -}; a name with no
 * {@code -} at all, such as {@code demos}, comes out as {@code {"demos":["demos"]}}, which reads
 * back as {@code demos-demos}. Since the two cannot be told apart, the decoder refuses the shape
 * instead of guessing: a groups prefix must be non-empty and contain no {@code -}, every suffix
 * must be non-empty, and no group may list its own prefix as a suffix. The price is that the real
 * name {@code demos-demos} cannot travel in groups form either; the encoder sends such lists in
 * another form.
 *
 * <p><b>Decoding</b> is strict: anything other than the shapes above is rejected with {@link
 * Reason#INVALID_CLAIMS} and a fixed message naming the form and the fault, never the offending
 * input. Bounds are enforced while reading, before names are built: more entries than {@link
 * ClaimLimits#maxBuckets()} (counted before duplicates are removed), or more UTF-8 bytes of names
 * than {@link ClaimLimits#maxBucketListBytes()}, is {@link Reason#TOO_LARGE}; a {@code compressed}
 * text too long to decode within those bounds is refused without being decoded. Names are returned
 * as written, without applying {@link BucketNames}; the claims layer drops invalid ones.
 *
 * <p><b>Encoding</b> produces only forms that decode back to exactly the given list, in the same
 * order. This departs on purpose from the frontend, which emits groups for dash-less names and
 * reorders names when grouping or classifying them; such candidates are skipped when choosing
 * automatically and refused when asked for explicitly.
 */
public final class BucketListCodec {

  // Keys and type names of the wire format, shared with BucketListEncoder.
  static final String TYPE_KEY = "_type";
  static final String DATA_KEY = "_data";
  static final String GROUPS = "groups";
  static final String PATTERNS = "patterns";
  static final String COMPRESSED = "compressed";
  static final String QUILT_KEY = "quilt";
  static final String CELL_KEY = "cell";
  static final String OTHER_KEY = "other";
  static final String QUILT_PREFIX = "quilt-";

  /** Deep enough for an array of strings with room to spare; deeper nesting is an attack. */
  private static final int MAX_JSON_NESTING = 8;

  private static final ObjectMapper STRICT_JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_NESTING).build())
                  .build())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private BucketListCodec() {}

  /**
   * Decodes a bucket-list claim in any of its forms.
   *
   * @param claim the claim's JSON value; {@code null} is rejected like any other malformed value
   * @param limits the bounds on the decoded list
   * @return the names in decoded order, duplicates removed keeping the first occurrence; immutable
   * @throws JwtVerificationException with {@link Reason#INVALID_CLAIMS} when the claim is malformed
   *     or ambiguous, with {@link Reason#TOO_LARGE} when it exceeds {@code limits}
   */
  public static List<String> decode(JsonNode claim, ClaimLimits limits) {
    Objects.requireNonNull(limits, "limits");
    BucketNameCollector names = new BucketNameCollector(limits);
    if (claim != null && claim.isArray()) {
      readStrings(claim, "", names, "bucket claim (plain array): every element must be a string");
    } else if (claim != null && claim.isObject()) {
      readEnvelope(claim, names);
    } else {
      throw invalid(
          "bucket claim must be a JSON array of strings or an object with the keys _type and"
              + " _data");
    }
    return names.toList();
  }

  /**
   * Encodes a bucket list, choosing the form automatically; same as {@code encode(buckets,
   * BucketCompression.AUTO)}.
   *
   * @param buckets distinct, non-null names
   * @return the claim value
   * @throws IllegalArgumentException when a name is {@code null} or repeated
   */
  public static JsonNode encode(List<String> buckets) {
    return encode(buckets, BucketCompression.AUTO);
  }

  /**
   * Encodes a bucket list in the given form.
   *
   * <p>{@link BucketCompression#AUTO} follows the frontend: a plain array for 15 names or fewer;
   * otherwise each of groups, compressed and patterns that represents the list exactly is measured
   * as the length of its compact JSON, the shortest wins (ties going to groups, then compressed,
   * then patterns), and it is used only if strictly shorter than the compact plain array. Unlike
   * the frontend, a candidate that would not decode to the same list in the same order is skipped
   * rather than emitted. Groups are written in order of first appearance; patterns puts names
   * starting with {@code quilt-} under {@code quilt} (without that prefix), other names containing
   * {@code cell} under {@code cell} and the rest under {@code other}, leaving out empty classes.
   *
   * @param buckets distinct, non-null names
   * @param form the form to produce
   * @return the claim value, which {@link #decode} turns back into {@code buckets}
   * @throws IllegalArgumentException when a name is {@code null} or repeated, or when an explicit
   *     form cannot represent the list exactly (the message says why)
   */
  public static JsonNode encode(List<String> buckets, BucketCompression form) {
    return BucketListEncoder.encode(buckets, form);
  }

  private static void readEnvelope(JsonNode claim, BucketNameCollector names) {
    JsonNode type = claim.get(TYPE_KEY);
    JsonNode data = claim.get(DATA_KEY);
    if (claim.size() != 2 || type == null || data == null) {
      throw invalid("bucket claim object must have exactly the keys _type and _data");
    }
    String typeName = type.isTextual() ? type.textValue() : "";
    switch (typeName) {
      case GROUPS -> readGroups(data, names);
      case PATTERNS -> readPatterns(data, names);
      case COMPRESSED -> readCompressed(data, names);
      default ->
          throw invalid(
              "bucket claim _type must be one of the strings groups, patterns or compressed");
    }
  }

  private static void readGroups(JsonNode data, BucketNameCollector names) {
    if (!data.isObject()) {
      throw invalid("bucket claim (groups form): _data must be an object of prefix -> suffixes");
    }
    for (Map.Entry<String, JsonNode> group : data.properties()) {
      String prefix = group.getKey();
      JsonNode suffixes = group.getValue();
      if (prefix.isEmpty() || prefix.indexOf('-') >= 0) {
        throw invalid("bucket claim (groups form): a prefix must be non-empty and contain no '-'");
      }
      if (!suffixes.isArray() || suffixes.isEmpty()) {
        throw invalid("bucket claim (groups form): each prefix must map to a non-empty array");
      }
      names.reserve(suffixes.size());
      String head = prefix + "-";
      for (JsonNode suffix : suffixes) {
        if (!suffix.isTextual() || suffix.textValue().isEmpty()) {
          throw invalid("bucket claim (groups form): every suffix must be a non-empty string");
        }
        if (suffix.textValue().equals(prefix)) {
          throw invalid(
              "bucket claim (groups form): a suffix equal to its prefix is ambiguous (it is how"
                  + " a name without '-' gets encoded); send such lists as a plain array");
        }
        names.add(head, suffix.textValue());
      }
    }
  }

  private static void readPatterns(JsonNode data, BucketNameCollector names) {
    if (!data.isObject()) {
      throw invalid("bucket claim (patterns form): _data must be an object");
    }
    for (Iterator<String> keys = data.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!key.equals(QUILT_KEY) && !key.equals(CELL_KEY) && !key.equals(OTHER_KEY)) {
        throw invalid("bucket claim (patterns form): _data may only have keys quilt, cell, other");
      }
    }
    String message =
        "bucket claim (patterns form): quilt, cell and other must be arrays of strings";
    String[][] classes = {{QUILT_KEY, QUILT_PREFIX}, {CELL_KEY, ""}, {OTHER_KEY, ""}};
    for (String[] patternClass : classes) {
      JsonNode list = data.get(patternClass[0]);
      if (list != null) {
        if (!list.isArray()) {
          throw invalid(message);
        }
        readStrings(list, patternClass[1], names, message);
      }
    }
  }

  private static void readCompressed(JsonNode data, BucketNameCollector names) {
    if (!data.isTextual()) {
      throw invalid("bucket claim (compressed form): _data must be a base64 string");
    }
    String text = data.textValue();
    ClaimLimits limits = names.limits();
    // Longest compact JSON array within the limits: the names plus two quotes and a comma per
    // name plus the brackets. Anything whose base64 is longer is refused before decoding.
    long maxJsonBytes = (long) limits.maxBucketListBytes() + 3L * limits.maxBuckets() + 2;
    long maxTextLength = (maxJsonBytes + 2) / 3 * 4;
    if (text.length() > maxTextLength) {
      throw new JwtVerificationException(
          Reason.TOO_LARGE,
          "bucket claim (compressed form): _data is longer than the bucket limits allow");
    }
    byte[] bytes = StrictBase64.decode(text);
    if (bytes == null) {
      throw invalid(
          "bucket claim (compressed form): _data must be standard base64 (A-Z a-z 0-9 + /) with"
              + " '=' padding, no whitespace and zero trailing bits");
    }
    String json = StrictJson.utf8(bytes);
    if (json == null) {
      throw invalid("bucket claim (compressed form): decoded bytes must be UTF-8");
    }
    if (!json.isEmpty() && json.charAt(0) == '\uFEFF') {
      throw invalid("bucket claim (compressed form): decoded text starts with a byte-order mark");
    }
    String notArray =
        "bucket claim (compressed form): decoded text must be one JSON array of strings";
    JsonNode array;
    try {
      array = STRICT_JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw invalid(notArray);
    }
    if (array == null || !array.isArray()) {
      throw invalid(notArray);
    }
    readStrings(array, "", names, notArray);
  }

  private static void readStrings(
      JsonNode array, String head, BucketNameCollector names, String message) {
    names.reserve(array.size());
    for (JsonNode element : array) {
      if (!element.isTextual()) {
        throw invalid(message);
      }
      names.add(head, element.textValue());
    }
  }

  private static JwtVerificationException invalid(String message) {
    return new JwtVerificationException(Reason.INVALID_CLAIMS, message);
  }
}

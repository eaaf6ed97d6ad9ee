package com.quiltdata.mcp.jwt;

import static com.quiltdata.mcp.jwt.BucketListCodec.CELL_KEY;
import static com.quiltdata.mcp.jwt.BucketListCodec.COMPRESSED;
import static com.quiltdata.mcp.jwt.BucketListCodec.DATA_KEY;
import static com.quiltdata.mcp.jwt.BucketListCodec.GROUPS;
import static com.quiltdata.mcp.jwt.BucketListCodec.OTHER_KEY;
import static com.quiltdata.mcp.jwt.BucketListCodec.PATTERNS;
import static com.quiltdata.mcp.jwt.BucketListCodec.QUILT_KEY;
import static com.quiltdata.mcp.jwt.BucketListCodec.QUILT_PREFIX;
import static com.quiltdata.mcp.jwt.BucketListCodec.TYPE_KEY;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The encoding half of {@link BucketListCodec}; see {@link BucketListCodec#encode(List,
 * BucketCompression)} for the contract. Every form it returns has been decoded once to check that
 * it gives back the input unchanged.
 */
final class BucketListEncoder {

  /** Lists this long or shorter always travel as a plain array, as the frontend does. */
  private static final int PLAIN_ARRAY_MAX_BUCKETS = 15;

  /** Names containing this (and not starting with {@code quilt-}) go to the {@code cell} class. */
  private static final String CELL_MARKER = "cell";

  /** The envelope forms in tie-break order: on equal length the earlier one wins. */
  private static final List<BucketCompression> CANDIDATES =
      List.of(BucketCompression.GROUPS, BucketCompression.COMPRESSED, BucketCompression.PATTERNS);

  /** Limits used only to check that an encoded form decodes back to its input. */
  private static final ClaimLimits ROUND_TRIP_LIMITS =
      new ClaimLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, 1, 1, 1);

  /** Serialises compactly (no indentation), which is also how the frontend measures. */
  private static final ObjectMapper WRITER = new ObjectMapper();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private BucketListEncoder() {}

  /**
   * Encodes {@code buckets} in {@code form}.
   *
   * @param buckets distinct, non-null names
   * @param form the form to produce
   * @return the claim value
   * @throws IllegalArgumentException for a null or repeated name, or an explicit form that cannot
   *     carry the list exactly
   */
  static JsonNode encode(List<String> buckets, BucketCompression form) {
    Objects.requireNonNull(form, "form");
    List<String> names = checkedInput(buckets);
    switch (form) {
      case NONE:
        return plainArray(names);
      case AUTO:
        return chooseForm(names);
      default:
        String obstacle = obstacle(names, form);
        if (obstacle != null) {
          throw new IllegalArgumentException(obstacle);
        }
        JsonNode encoded = build(names, form);
        if (!roundTrips(encoded, names)) {
          throw new IllegalArgumentException(
              "the " + form + " form of this list would not decode back to the same list");
        }
        return encoded;
    }
  }

  private static List<String> checkedInput(List<String> buckets) {
    Objects.requireNonNull(buckets, "buckets");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < buckets.size(); i++) {
      String name = buckets.get(i);
      if (name == null) {
        throw new IllegalArgumentException("bucket name at index " + i + " is null");
      }
      if (!seen.add(name)) {
        throw new IllegalArgumentException("bucket name at index " + i + " is a duplicate");
      }
    }
    return List.copyOf(buckets);
  }

  private static JsonNode chooseForm(List<String> names) {
    ArrayNode plain = plainArray(names);
    if (names.size() <= PLAIN_ARRAY_MAX_BUCKETS) {
      return plain;
    }
    JsonNode best = plain;
    int bestLength = compactLength(plain);
    for (BucketCompression form : CANDIDATES) {
      if (obstacle(names, form) != null) {
        continue;
      }
      JsonNode candidate = build(names, form);
      int length = compactLength(candidate);
      if (length < bestLength && roundTrips(candidate, names)) {
        best = candidate;
        bestLength = length;
      }
    }
    return best;
  }

  /** Why {@code form} cannot carry {@code names} exactly, or {@code null} when it can. */
  private static String obstacle(List<String> names, BucketCompression form) {
    switch (form) {
      case GROUPS:
        return groupsObstacle(names);
      case PATTERNS:
        int previous = 0;
        for (String name : names) {
          int patternClass = patternClass(name);
          if (patternClass < previous) {
            return "patterns form would reorder this list: quilt-* names must come first, then"
                + " names containing 'cell', then the rest";
          }
          previous = patternClass;
        }
        return null;
      case COMPRESSED:
        CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder();
        for (String name : names) {
          if (!utf8.canEncode(name)) {
            return "compressed form needs names that are valid UTF-16 (no lone surrogates)";
          }
        }
        return null;
      default:
        return form + " is not an envelope form";
    }
  }

  private static String groupsObstacle(List<String> names) {
    Set<String> finished = new HashSet<>();
    String current = null;
    for (String name : names) {
      int dash = name.indexOf('-');
      if (dash <= 0 || dash == name.length() - 1) {
        return "groups form needs a '-' inside every name, neither first nor last";
      }
      if (name.length() == 2 * dash + 1 && name.startsWith(name.substring(0, dash), dash + 1)) {
        return "groups form cannot carry a name like x-x: decoders refuse that shape";
      }
      String prefix = name.substring(0, dash);
      if (!prefix.equals(current)) {
        if (current != null) {
          finished.add(current);
        }
        if (finished.contains(prefix)) {
          return "groups form would reorder this list: names sharing a prefix must be adjacent";
        }
        current = prefix;
      }
    }
    return null;
  }

  private static JsonNode build(List<String> names, BucketCompression form) {
    switch (form) {
      case GROUPS:
        ObjectNode groups = NODES.objectNode();
        for (String name : names) {
          int dash = name.indexOf('-');
          String prefix = name.substring(0, dash);
          JsonNode group = groups.get(prefix);
          ArrayNode suffixes = group == null ? groups.putArray(prefix) : (ArrayNode) group;
          suffixes.add(name.substring(dash + 1));
        }
        return envelope(GROUPS, groups);
      case PATTERNS:
        List<List<String>> classes =
            List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (String name : names) {
          int patternClass = patternClass(name);
          classes
              .get(patternClass)
              .add(patternClass == 0 ? name.substring(QUILT_PREFIX.length()) : name);
        }
        ObjectNode patterns = NODES.objectNode();
        String[] keys = {QUILT_KEY, CELL_KEY, OTHER_KEY};
        for (int i = 0; i < keys.length; i++) {
          if (!classes.get(i).isEmpty()) {
            patterns.set(keys[i], plainArray(classes.get(i)));
          }
        }
        return envelope(PATTERNS, patterns);
      case COMPRESSED:
        byte[] json;
        try {
          json = WRITER.writeValueAsBytes(plainArray(names));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException("could not serialise a JSON array of strings", e);
        }
        return envelope(COMPRESSED, NODES.textNode(Base64.getEncoder().encodeToString(json)));
      default:
        throw new IllegalStateException(form + " is not an envelope form");
    }
  }

  /** 0 for quilt-*, 1 for other names containing "cell", 2 for the rest: the decoding order. */
  private static int patternClass(String name) {
    if (name.startsWith(QUILT_PREFIX)) {
      return 0;
    }
    return name.contains(CELL_MARKER) ? 1 : 2;
  }

  private static ObjectNode envelope(String type, JsonNode data) {
    ObjectNode envelope = NODES.objectNode();
    envelope.put(TYPE_KEY, type);
    envelope.set(DATA_KEY, data);
    return envelope;
  }

  private static ArrayNode plainArray(List<String> names) {
    ArrayNode array = NODES.arrayNode(names.size());
    names.forEach(array::add);
    return array;
  }

  private static int compactLength(JsonNode node) {
    try {
      return WRITER.writeValueAsString(node).length();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialise a JSON tree", e);
    }
  }

  private static boolean roundTrips(JsonNode encoded, List<String> names) {
    try {
      return BucketListCodec.decode(encoded, ROUND_TRIP_LIMITS).equals(names);
    } catch (JwtVerificationException e) {
      return false;
    }
  }
}

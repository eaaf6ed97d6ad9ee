package com.quiltdata.mcp.tools.packages.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * quilt3's own golden values ({@code quilt/hash-vectors.json}, facts from quilt3's tests): top
 * hashes, including non-ASCII keys and walk order, {@code sha2-256-chunked} values across chunk
 * boundaries, and the conversion of S3's single-part checksum.
 */
class Quilt3HashVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode vectors() throws Exception {
    try (InputStream in =
        Quilt3HashVectorsTest.class.getResourceAsStream("/quilt/hash-vectors.json")) {
      return JSON.readTree(in);
    }
  }

  private static Stream<JsonNode> each(String section) throws Exception {
    return StreamSupport.stream(vectors().path(section).spliterator(), false);
  }

  @TestFactory
  Stream<DynamicTest> topHash_equalsQuilt3s() throws Exception {
    return each("top_hash")
        .map(
            v ->
                DynamicTest.dynamicTest(
                    v.path("name").asText(),
                    () -> {
                      List<Entry> entries = new ArrayList<>();
                      for (JsonNode e : v.path("entries")) {
                        entries.add(
                            new Entry(
                                e.path("logical_key").asText(),
                                null,
                                e.path("size").asLong(),
                                e.path("hash").path("type").asText(),
                                e.path("hash").path("value").asText(),
                                (ObjectNode) e.path("meta")));
                      }
                      assertEquals(
                          v.path("expected").asText(),
                          TopHash.of((ObjectNode) v.path("meta"), entries));
                    }));
  }

  @Test
  void topHash_ignoresTheObsoleteTopHashKeyAndTheEntryOrder() throws Exception {
    JsonNode v = vectors().path("top_hash").get(0);
    ObjectNode meta = ((ObjectNode) v.path("meta")).deepCopy().put("top_hash", "obsolete");
    List<Entry> reversed = new ArrayList<>();
    for (JsonNode e : v.path("entries")) {
      reversed.add(
          0,
          new Entry(
              e.path("logical_key").asText(),
              "s3://ignored/physical",
              e.path("size").asLong(),
              e.path("hash").path("type").asText(),
              e.path("hash").path("value").asText(),
              (ObjectNode) e.path("meta")));
    }
    assertEquals(v.path("expected").asText(), TopHash.of(meta, reversed));
  }

  @TestFactory
  Stream<DynamicTest> chunkedSha256_equalsQuilt3s() throws Exception {
    return each("sha2_256_chunked")
        .map(
            v -> {
              byte[] content;
              String name;
              if (v.has("content_repeat")) {
                String unit = v.path("content_repeat").path("unit").asText();
                int times = v.path("content_repeat").path("times").asInt();
                content = unit.repeat(times).getBytes(StandardCharsets.UTF_8);
                name = v.path("note").asText();
              } else {
                content = v.path("content").asText().getBytes(StandardCharsets.UTF_8);
                name = "'" + v.path("content").asText() + "'";
              }
              return DynamicTest.dynamicTest(
                  name,
                  () -> {
                    ChunkedSha256 h = new ChunkedSha256(content.length);
                    // in uneven pieces, so chunk boundaries fall inside an update
                    for (int at = 0; at < content.length; at += 1_000_003) {
                      h.update(content, at, Math.min(1_000_003, content.length - at));
                    }
                    assertEquals(v.path("expected").asText(), h.value());
                  });
            });
  }

  @Test
  void s3SinglePartChecksum_isHashedOnceMore_andTheEmptyDigestMapsToItself() throws Exception {
    JsonNode v = vectors().path("s3_checksum_conversion").get(0);
    assertEquals(
        v.path("quilt_value").asText(),
        ChunkedSha256.fromSinglePartChecksum(
            v.path("s3_single_part_checksum_sha256").asText(), 13));
    String empty = Base64.getEncoder().encodeToString(TopHash.sha256().digest(new byte[0]));
    assertEquals(empty, ChunkedSha256.fromSinglePartChecksum(empty, 0));
    assertNull(ChunkedSha256.fromSinglePartChecksum(empty, ChunkedSha256.MIN_CHUNK + 1));
  }

  @Test
  void chunkSize_doublesPastTenThousandParts_andAShortStreamIsRefused() {
    assertEquals(8L << 20, ChunkedSha256.chunkSize(10_000L * (8L << 20)));
    assertEquals(16L << 20, ChunkedSha256.chunkSize(10_000L * (8L << 20) + 1));
    ChunkedSha256 h = new ChunkedSha256(5);
    h.update(new byte[3], 0, 3);
    assertThrows(IllegalStateException.class, h::value);
  }

  @Test
  void walkOrder_comparesPathParts() {
    List<String> keys = new ArrayList<>(List.of("a-c", "a/b", "a", "b/x.json", "куилт.txt"));
    keys.sort(WalkOrder.KEYS);
    assertEquals(List.of("a", "a/b", "a-c", "b/x.json", "куилт.txt"), keys);
  }
}

package com.quiltdata.mcp.standins.graphql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What the catalog stand-in knows: bucket configurations and, per bucket, packages with their
 * revisions and entries. Thread-safe (one lock; the stand-in serves tests and the demo). A new
 * revision's hash is a SHA-256 over its content (not quilt3's top hash: the stand-in is not the
 * code under test).
 */
public final class CatalogModel {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A bucket as the catalog configures it. */
  public record Bucket(String name, String title, String description, List<String> tags) {
    public Bucket {
      tags = List.copyOf(tags);
    }
  }

  /** One entry of a revision. {@code meta} is the entry's full meta (with {@code user_meta}). */
  public record Entry(
      String logicalKey,
      String physicalKey,
      long size,
      String hashType,
      String hashValue,
      ObjectNode meta) {}

  /** One revision; entries by logical key in key order. */
  public record Revision(
      String hash,
      Instant modified,
      String message,
      ObjectNode userMeta,
      String workflow,
      Map<String, Entry> entries) {
    public Revision {
      entries = java.util.Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    /** Sum of entry sizes. */
    public long totalBytes() {
      return entries.values().stream().mapToLong(Entry::size).sum();
    }
  }

  private final Clock clock;
  private final Function<String, Optional<byte[]>> objects;
  private final Map<String, Bucket> buckets = new LinkedHashMap<>();
  private final Map<String, java.util.Set<String>> workflows = new java.util.HashMap<>();
  private final Map<String, TreeMap<String, List<Revision>>> packages = new TreeMap<>();
  private final Map<String, TreeMap<String, String>> tabulator = new java.util.HashMap<>();

  /**
   * @param clock the time of new revisions
   * @param objects reads the bytes of a physical key ({@code s3://bucket/key}), for entries sent
   *     without a hash or size (the catalog computes them); empty when there is no such object
   */
  public CatalogModel(Clock clock, Function<String, Optional<byte[]>> objects) {
    this.clock = clock;
    this.objects = objects;
  }

  /** A model that cannot read objects: every entry must arrive with its hash and size. */
  public static CatalogModel withoutObjects(Clock clock) {
    return new CatalogModel(clock, key -> Optional.empty());
  }

  public synchronized void addBucket(Bucket bucket) {
    buckets.put(bucket.name(), bucket);
  }

  /**
   * The workflows a bucket's {@code .quilt/workflows/config.yml} would name: a push naming another
   * workflow is refused as the catalog refuses it. A bucket without any refuses every workflow.
   */
  public synchronized void setWorkflows(String bucket, java.util.Set<String> ids) {
    workflows.put(bucket, java.util.Set.copyOf(ids));
  }

  /** Whether a push to {@code bucket} may name {@code workflow}. */
  public synchronized boolean hasWorkflow(String bucket, String workflow) {
    return workflows.getOrDefault(bucket, java.util.Set.of()).contains(workflow);
  }

  public synchronized List<Bucket> buckets() {
    return List.copyOf(buckets.values());
  }

  public synchronized boolean hasBucket(String name) {
    return buckets.containsKey(name);
  }

  /** A bucket's tabulator tables, name to YAML config, in name order. */
  public synchronized Map<String, String> tabulatorTables(String bucket) {
    return java.util.Collections.unmodifiableSortedMap(
        new TreeMap<>(tabulator.getOrDefault(bucket, new TreeMap<>())));
  }

  /** Creates or replaces a tabulator table, or deletes it when {@code config} is null. */
  public synchronized void setTabulatorTable(String bucket, String table, String config) {
    TreeMap<String, String> tables = tabulator.computeIfAbsent(bucket, b -> new TreeMap<>());
    if (config == null) {
      tables.remove(table);
    } else {
      tables.put(table, config);
    }
  }

  /** Renames a tabulator table; false when it does not exist or the new name is taken. */
  public synchronized boolean renameTabulatorTable(String bucket, String table, String newName) {
    TreeMap<String, String> tables = tabulator.computeIfAbsent(bucket, b -> new TreeMap<>());
    if (!tables.containsKey(table) || tables.containsKey(newName)) {
      return false;
    }
    tables.put(newName, tables.remove(table));
    return true;
  }

  /** Package names of a bucket, in name order. */
  public synchronized List<String> packageNames(String bucket) {
    TreeMap<String, List<Revision>> p = packages.get(bucket);
    return p == null ? List.of() : List.copyOf(p.keySet());
  }

  /** Revisions of a package, newest first; empty when there is no such package. */
  public synchronized List<Revision> revisions(String bucket, String name) {
    TreeMap<String, List<Revision>> p = packages.get(bucket);
    List<Revision> r = p == null ? null : p.get(name);
    if (r == null) {
      return List.of();
    }
    List<Revision> copy = new ArrayList<>(r);
    java.util.Collections.reverse(copy);
    return copy;
  }

  /** Adds a revision on top of a package, creating it; returns the revision. */
  public synchronized Revision push(
      String bucket,
      String name,
      String message,
      ObjectNode userMeta,
      String workflow,
      List<Entry> entries) {
    Map<String, Entry> byKey = new LinkedHashMap<>();
    for (Entry e : entries) {
      if (byKey.put(e.logicalKey(), e) != null) {
        throw new IllegalArgumentException("duplicate logical key " + e.logicalKey());
      }
    }
    Instant now = clock.instant();
    Revision r =
        new Revision(
            contentHash(name, message, userMeta, byKey, now),
            now,
            message,
            userMeta,
            workflow,
            byKey);
    packages
        .computeIfAbsent(bucket, b -> new TreeMap<>())
        .computeIfAbsent(name, n -> new ArrayList<>())
        .add(r);
    return r;
  }

  /**
   * Indexes a revision that quilt3 (or the S3 backend) pushed to the bucket, as the catalog's
   * indexer does: the manifest's JSON Lines as they are in {@code .quilt/packages/<topHash>}, kept
   * under that top hash. Directory-metadata lines are skipped; only {@code physical_keys[0]} is
   * used.
   *
   * @throws IllegalArgumentException if a line is not JSON or an entry lacks a field
   */
  public synchronized Revision index(
      String bucket, String name, String topHash, byte[] manifest, Instant modified) {
    String[] lines = new String(manifest, StandardCharsets.UTF_8).split("\n");
    ObjectNode meta;
    Map<String, Entry> byKey = new LinkedHashMap<>();
    try {
      meta = (ObjectNode) JSON.readTree(lines[0]);
      for (int i = 1; i < lines.length; i++) {
        if (lines[i].isBlank()) {
          continue;
        }
        ObjectNode e = (ObjectNode) JSON.readTree(lines[i]);
        if (!e.has("physical_keys")) {
          continue;
        }
        String key = e.get("logical_key").asText();
        byKey.put(
            key,
            new Entry(
                key,
                e.get("physical_keys").get(0).asText(),
                e.get("size").asLong(),
                e.get("hash").get("type").asText(),
                e.get("hash").get("value").asText(),
                e.get("meta") instanceof ObjectNode m ? m : JSON.createObjectNode()));
      }
    } catch (java.io.IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a quilt3 manifest", e);
    }
    Revision r =
        new Revision(
            topHash,
            modified,
            meta.path("message").isTextual() ? meta.get("message").asText() : null,
            meta.get("user_meta") instanceof ObjectNode u ? u : null,
            meta.path("workflow").isObject() ? meta.get("workflow").toString() : null,
            byKey);
    packages
        .computeIfAbsent(bucket, b -> new TreeMap<>())
        .computeIfAbsent(name, n -> new ArrayList<>())
        .add(r);
    return r;
  }

  /** Removes one revision (every pointer to that hash); false when there was none. */
  public synchronized boolean delete(String bucket, String name, String hash) {
    TreeMap<String, List<Revision>> p = packages.get(bucket);
    List<Revision> r = p == null ? null : p.get(name);
    if (r == null || !r.removeIf(x -> x.hash().equals(hash))) {
      return false;
    }
    if (r.isEmpty()) {
      p.remove(name);
    }
    return true;
  }

  /** The bytes of a physical key, if the model can read it. */
  Optional<byte[]> read(String physicalKey) {
    return objects.apply(physicalKey);
  }

  private static String contentHash(
      String name, String message, ObjectNode userMeta, Map<String, Entry> entries, Instant at) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(
          (name + "\n" + message + "\n" + userMeta + "\n" + at).getBytes(StandardCharsets.UTF_8));
      for (Entry e : entries.values()) {
        d.update(JSON.writeValueAsBytes(e));
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

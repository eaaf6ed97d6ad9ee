package com.quiltdata.mcp.tools.packages.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.catalog.CatalogClient;
import com.quiltdata.mcp.tools.catalog.CatalogFailures;
import com.quiltdata.mcp.tools.packages.PackageSettings;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The catalog's package search ({@code searchPackages}, then {@code searchMorePackages} with the
 * cursor) in the version-tolerant shape, and the caller's role-scoped {@code buckets} (falling back
 * to {@code bucketConfigs}, kept to the token's buckets, on registries without that field).
 */
final class GraphqlDiscovery {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String HITS =
      "... on PackagesSearchResultSetPage { cursor hits { id score bucket name pointer hash size"
          + " modified totalEntriesCount comment meta } }";

  /** No order argument on firstPage and only the page fragment: valid on every registry. */
  static final String SEARCH =
      "query($buckets: [String!], $searchString: String, $size: Int!) {"
          + " searchPackages(buckets: $buckets, searchString: $searchString, latestOnly: true) {"
          + " __typename ... on PackagesSearchResultSet { total firstPage(size: $size) { "
          + HITS
          + " } }"
          + " ... on InvalidInput { errors { path message name context } }"
          + " ... on OperationError { message name context } } }";

  static final String MORE =
      "query($after: String!, $size: Int!) { searchMorePackages(after: $after, size: $size) {"
          + " __typename "
          + HITS
          + " ... on InvalidInput { errors { path message name context } }"
          + " ... on OperationError { message name context } } }";

  static final String FIELDS = "{ name title description tags relevanceScore browsable }";

  private final PackageSettings settings;
  private final CatalogClient client;

  GraphqlDiscovery(PackageSettings settings, CatalogClient client) {
    this.settings = settings;
    this.client = client;
  }

  ObjectNode search(
      ToolContext context, String query, List<String> buckets, int limit, String cursor) {
    ObjectNode out = JsonSchema.NODES.objectNode();
    out.put("query", query);
    out.put("mode", "catalog search");
    ArrayNode results = out.putArray("results");
    JsonNode page;
    if (cursor == null) {
      ObjectNode vars = JsonSchema.NODES.objectNode();
      buckets.forEach(vars.putArray("buckets")::add);
      vars.put("searchString", query).put("size", limit);
      String what = "search packages";
      JsonNode set =
          CatalogFailures.union(
              client.query(context, SEARCH, vars, what).get("searchPackages"),
              what,
              "PackagesSearchResultSet",
              "EmptySearchResultSet");
      out.put("total", set.path("total").asInt(0));
      page = set.path("firstPage");
    } else {
      ObjectNode vars = JsonSchema.NODES.objectNode().put("after", cursor).put("size", limit);
      String what = "continue the search";
      page =
          CatalogFailures.union(
              client.query(context, MORE, vars, what).get("searchMorePackages"),
              what,
              "PackagesSearchResultSetPage");
    }
    int n = 0;
    for (JsonNode h : page.path("hits")) {
      if (n++ >= limit) {
        break;
      }
      ObjectNode r = results.addObject();
      r.put("bucket", h.path("bucket").asText());
      r.put("name", h.path("name").asText());
      r.put("top_hash", h.path("hash").asText(null));
      r.put("pointer", h.path("pointer").asText(null));
      r.put("score", h.path("score").asDouble());
      r.put("modified", h.path("modified").asText(null));
      r.put("size", h.path("size").asLong());
      r.put("entries", h.path("totalEntriesCount").asLong());
      r.put("comment", h.path("comment").asText(null));
      r.set("metadata", userMeta(h.path("meta")));
    }
    out.put("next_cursor", page.path("cursor").isTextual() ? page.get("cursor").asText() : null);
    return out;
  }

  ObjectNode buckets(ToolContext context) {
    CatalogClient.Response r = client.send(context, "{ buckets " + FIELDS + " }", null);
    String source = "catalog";
    JsonNode list = r.data().path("buckets");
    Set<String> granted = null;
    if (!r.errors().isEmpty()) {
      if (!mentionsUnknownField(r.errors())) {
        throw CatalogFailures.errors(r.errors(), "list your buckets");
      }
      list =
          client
              .query(context, "{ bucketConfigs " + FIELDS + " }", null, "list your buckets")
              .path("bucketConfigs");
      source = "catalog (bucketConfigs, kept to your token's buckets)";
      granted = new HashSet<>(context.principal().claims().buckets());
    }
    ObjectNode out = JsonSchema.NODES.objectNode();
    ArrayNode buckets = out.putArray("buckets");
    for (JsonNode b : list) {
      String name = b.path("name").asText();
      if (granted != null && !granted.contains(name)) {
        continue;
      }
      ObjectNode n = buckets.addObject().put("name", name);
      n.put("title", b.path("title").asText(null));
      n.put("description", b.path("description").asText(null));
      ArrayNode tags = n.putArray("tags");
      b.path("tags").forEach(t -> tags.add(t.asText()));
      n.put("s3_uri", "s3://" + name);
      n.put("catalog_url", CatalogLinks.bucketUrl(settings, name, ""));
    }
    out.put("source", source);
    return out;
  }

  /** Whether the errors say the registry does not know the {@code buckets} field (older ones). */
  private static boolean mentionsUnknownField(List<String> errors) {
    for (String e : errors) {
      if (e.contains("buckets")
          && (e.contains("Cannot query field")
              || e.contains("FieldUndefined")
              || e.contains("is undefined"))) {
        return true;
      }
    }
    return false;
  }

  /** A hit's {@code meta} (user metadata as a JSON string) as an object, or null. */
  private static JsonNode userMeta(JsonNode meta) {
    if (!meta.isTextual()) {
      return meta.isObject() ? meta : JsonSchema.NODES.nullNode();
    }
    try {
      JsonNode parsed = JSON.readTree(meta.asText());
      return parsed != null && parsed.isObject() ? parsed : JsonSchema.NODES.nullNode();
    } catch (IOException e) {
      return JsonSchema.NODES.nullNode();
    }
  }
}

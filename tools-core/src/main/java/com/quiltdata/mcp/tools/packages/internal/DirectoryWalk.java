package com.quiltdata.mcp.tools.packages.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.catalog.CatalogClient;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of a revision too large for {@code contentsFlatMap}, read with {@code dir(path)}
 * breadth first, {@link #DIRS_PER_REQUEST} directories per request (aliases {@code d0, d1, ...}),
 * at most {@code maxEntries} files and as many requests. The catalog's {@code PackageFile} has no
 * hash, so these entries carry none.
 */
final class DirectoryWalk {
  /** Directories asked for in one request. */
  static final int DIRS_PER_REQUEST = 50;

  private final CatalogClient client;
  private final int maxEntries;

  DirectoryWalk(CatalogClient client, int maxEntries) {
    this.client = client;
    this.maxEntries = maxEntries;
  }

  /** Every file of a revision, by directory, a batch of directories per request. */
  void files(ToolContext context, String bucket, String name, String hash, List<Entry> out) {
    List<String> pending = new ArrayList<>(List.of(""));
    int requests = 0;
    while (!pending.isEmpty()) {
      if (++requests > maxEntries) {
        throw GraphqlBackend.tooMany(name, out.size(), maxEntries);
      }
      List<String> batch =
          new ArrayList<>(pending.subList(0, Math.min(DIRS_PER_REQUEST, pending.size())));
      pending.subList(0, batch.size()).clear();
      ObjectNode vars = GraphqlBackend.packageVars(bucket, name).put("hash", hash);
      StringBuilder params = new StringBuilder();
      StringBuilder fields = new StringBuilder();
      for (int i = 0; i < batch.size(); i++) {
        vars.put("p" + i, batch.get(i));
        params.append(", $p").append(i).append(": String!");
        fields
            .append(" d")
            .append(i)
            .append(": dir(path: $p")
            .append(i)
            .append(") { path children { __typename")
            .append(" ... on PackageFile { path size physicalKey metadata }")
            .append(" ... on PackageDir { path } } }");
      }
      String query =
          "query($bucket: String!, $name: String!, $hash: String!"
              + params
              + ") { package(bucket: $bucket, name: $name) { revision(hashOrTag: $hash) {"
              + fields
              + " } } }";
      JsonNode rev =
          client
              .query(context, query, vars, "browse package " + name)
              .path("package")
              .path("revision");
      for (int i = 0; i < batch.size(); i++) {
        for (JsonNode child : rev.path("d" + i).path("children")) {
          if ("PackageDir".equals(child.path("__typename").asText())) {
            pending.add(child.path("path").asText());
          } else if (out.size() >= maxEntries) {
            throw GraphqlBackend.tooMany(name, out.size() + 1L, maxEntries);
          } else {
            out.add(
                new Entry(
                    child.path("path").asText(),
                    child.path("physicalKey").asText(null),
                    child.path("size").asLong(),
                    null,
                    null,
                    GraphqlBackend.meta(child.path("metadata"))));
          }
        }
      }
    }
  }
}

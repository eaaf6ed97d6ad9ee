package com.quiltdata.mcp.standins.graphql;

import graphql.schema.DataFetcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code searchPackages} and {@code searchMorePackages}: a case-insensitive match of every word of
 * the search string against a revision's name, message, metadata and logical keys. Cursors are kept
 * in a bounded map and are single-use.
 */
final class Search {
  static final int MAX_CURSORS = 1000;
  static final int MAX_PAGE = 1000;
  private final CatalogModel model;
  private final Map<String, List<Map<String, Object>>> cursors = new ConcurrentHashMap<>();

  Search(CatalogModel model) {
    this.model = model;
  }

  DataFetcher<Object> search() {
    return env -> {
      Caller caller = Caller.of(env);
      List<String> asked = env.getArgument("buckets");
      String text = env.getArgument("searchString");
      boolean latestOnly = env.<Boolean>getArgument("latestOnly");
      List<String> buckets = new ArrayList<>();
      for (CatalogModel.Bucket b : model.buckets()) {
        if (caller.sees(b.name()) && (asked == null || asked.contains(b.name()))) {
          buckets.add(b.name());
        }
      }
      String[] words =
          text == null || text.isBlank()
              ? new String[0]
              : text.toLowerCase(Locale.ROOT).split("\\s+");
      List<Map<String, Object>> hits = new ArrayList<>();
      for (String bucket : buckets) {
        for (String name : model.packageNames(bucket)) {
          List<CatalogModel.Revision> revs = model.revisions(bucket, name);
          for (int i = 0; i < revs.size() && (i == 0 || !latestOnly); i++) {
            CatalogModel.Revision r = revs.get(i);
            if (matches(words, name, r)) {
              hits.add(hit(bucket, name, r, i == 0));
            }
          }
        }
      }
      if (hits.isEmpty()) {
        Map<String, Object> empty = Shapes.typed("EmptySearchResultSet");
        empty.put("_", true);
        return empty;
      }
      Map<String, Object> set = Shapes.typed("PackagesSearchResultSet");
      set.put("total", hits.size());
      set.put("_hits", hits);
      return set;
    };
  }

  DataFetcher<Object> firstPage() {
    return env -> {
      Map<String, Object> set = env.getSource();
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> hits = (List<Map<String, Object>>) set.get("_hits");
      return page(hits, env.<Integer>getArgument("size"));
    };
  }

  DataFetcher<Object> more() {
    return env -> {
      List<Map<String, Object>> rest = cursors.remove(env.<String>getArgument("after"));
      if (rest == null) {
        return Shapes.invalidInput(
            List.of(Shapes.inputError("after", "InvalidCursor", "Unknown or used cursor")));
      }
      return page(rest, env.<Integer>getArgument("size"));
    };
  }

  private Map<String, Object> page(List<Map<String, Object>> hits, int size) {
    if (size < 1 || size > MAX_PAGE) {
      throw new graphql.GraphQLException("size must be between 1 and " + MAX_PAGE);
    }
    Map<String, Object> page = Shapes.typed("PackagesSearchResultSetPage");
    page.put("hits", hits.subList(0, Math.min(size, hits.size())));
    String cursor = null;
    if (hits.size() > size && cursors.size() < MAX_CURSORS) {
      cursor = UUID.randomUUID().toString();
      cursors.put(cursor, List.copyOf(hits.subList(size, hits.size())));
    }
    page.put("cursor", cursor);
    return page;
  }

  private static boolean matches(String[] words, String name, CatalogModel.Revision r) {
    StringBuilder hay = new StringBuilder(name).append(' ').append(r.message()).append(' ');
    hay.append(r.userMeta()).append(' ');
    r.entries().keySet().forEach(k -> hay.append(k).append(' '));
    String h = hay.toString().toLowerCase(Locale.ROOT);
    for (String w : words) {
      if (!h.contains(w)) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Object> hit(
      String bucket, String name, CatalogModel.Revision r, boolean latest) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", bucket + "/" + name + "@" + r.hash());
    m.put("score", 1.0);
    m.put("bucket", bucket);
    m.put("name", name);
    m.put("pointer", latest ? "latest" : Long.toString(r.modified().getEpochSecond()));
    m.put("hash", r.hash());
    m.put("size", (double) r.totalBytes());
    m.put("modified", r.modified());
    m.put("totalEntriesCount", r.entries().size());
    m.put("comment", r.message());
    m.put("meta", r.userMeta() == null ? null : r.userMeta().toString());
    return m;
  }
}

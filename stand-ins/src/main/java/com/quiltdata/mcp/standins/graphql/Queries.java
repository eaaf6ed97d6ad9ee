package com.quiltdata.mcp.standins.graphql;

import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.GraphQLException;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The read side: identity, buckets, package lists, revisions and their contents. */
final class Queries {
  static final int MAX_PER_PAGE = 1000;
  static final int MAX_FLAT_MAP = 100_000;
  private final CatalogModel model;

  Queries(CatalogModel model) {
    this.model = model;
  }

  DataFetcher<Object> me() {
    return env -> {
      Caller c = Caller.of(env);
      Map<String, Object> me = new LinkedHashMap<>();
      me.put("name", c.subject());
      me.put("email", c.subject());
      me.put("isAdmin", c.admin());
      List<Map<String, Object>> roles = new ArrayList<>();
      c.roles().forEach(r -> roles.add(Map.of("name", r)));
      me.put("role", roles.isEmpty() ? null : roles.get(0));
      me.put("roles", roles);
      return me;
    };
  }

  /** Role-scoped {@code buckets}, or {@code bucketConfigs} (every bucket for an admin). */
  DataFetcher<Object> buckets(boolean allForAdmin) {
    return env -> {
      Caller c = Caller.of(env);
      List<Map<String, Object>> out = new ArrayList<>();
      for (CatalogModel.Bucket b : model.buckets()) {
        if (c.sees(b.name()) || (allForAdmin && c.admin())) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("name", b.name());
          m.put("title", b.title());
          m.put("description", b.description());
          m.put("tags", b.tags());
          m.put("relevanceScore", 0);
          m.put("browsable", true);
          out.add(m);
        }
      }
      return out;
    };
  }

  DataFetcher<Object> packages() {
    return env -> {
      String bucket = visibleBucket(env);
      if (bucket == null) {
        return null;
      }
      String filter = env.getArgument("filter");
      List<String> names = new ArrayList<>();
      for (String n : model.packageNames(bucket)) {
        if (filter == null
            || n.toLowerCase(Locale.ROOT).contains(filter.toLowerCase(Locale.ROOT))) {
          names.add(n);
        }
      }
      Map<String, Object> list = new LinkedHashMap<>();
      list.put("total", names.size());
      list.put("_bucket", bucket);
      list.put("_names", names);
      return list;
    };
  }

  DataFetcher<Object> packageListPage() {
    return env -> {
      Map<String, Object> list = env.getSource();
      String bucket = (String) list.get("_bucket");
      @SuppressWarnings("unchecked")
      List<String> names = (List<String>) list.get("_names");
      List<Map<String, Object>> pkgs = new ArrayList<>();
      for (String n : names) {
        List<CatalogModel.Revision> revs = model.revisions(bucket, n);
        if (!revs.isEmpty()) {
          pkgs.add(Shapes.pkg(bucket, n, revs));
        }
      }
      if ("MODIFIED".equals(String.valueOf(env.<Object>getArgument("order")))) {
        pkgs.sort(
            Comparator.comparing((Map<String, Object> p) -> p.get("modified").toString())
                .reversed());
      }
      return page(pkgs, env);
    };
  }

  DataFetcher<Object> pkg() {
    return env -> {
      String bucket = visibleBucket(env);
      if (bucket == null) {
        return null;
      }
      String name = env.getArgument("name");
      List<CatalogModel.Revision> revs = model.revisions(bucket, name);
      return revs.isEmpty() ? null : Shapes.pkg(bucket, name, revs);
    };
  }

  DataFetcher<Object> revisionList() {
    return env -> {
      Map<String, Object> p = env.getSource();
      Map<String, Object> list = new LinkedHashMap<>();
      List<?> revs = (List<?>) p.get("_revisions");
      list.put("total", revs.size());
      list.put("_revisions", revs);
      return list;
    };
  }

  DataFetcher<Object> revisionPage() {
    return env -> {
      Map<String, Object> list = env.getSource();
      List<Map<String, Object>> out = new ArrayList<>();
      for (Object r : (List<?>) list.get("_revisions")) {
        out.add(Shapes.revision((CatalogModel.Revision) r));
      }
      return page(out, env);
    };
  }

  DataFetcher<Object> revision() {
    return env -> {
      Map<String, Object> p = env.getSource();
      String tag = env.getArgument("hashOrTag");
      for (Object o : (List<?>) p.get("_revisions")) {
        CatalogModel.Revision r = (CatalogModel.Revision) o;
        if ("latest".equals(tag) || r.hash().equals(tag)) {
          return Shapes.revision(r);
        }
      }
      return null;
    };
  }

  /** {@code dir(path)}: the files and directories right under {@code path}, or null. */
  DataFetcher<Object> dir() {
    return env -> {
      CatalogModel.Revision r = revisionOf(env);
      String path = env.getArgument("path");
      if (!path.isEmpty() && !path.endsWith("/")) {
        path = path + "/";
      }
      TreeMap<String, Object> children = new TreeMap<>();
      TreeMap<String, Long> dirSizes = new TreeMap<>();
      long size = 0;
      for (CatalogModel.Entry e : r.entries().values()) {
        if (!e.logicalKey().startsWith(path)) {
          continue;
        }
        size += e.size();
        String rest = e.logicalKey().substring(path.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
          children.put(rest, Shapes.file(e));
        } else {
          dirSizes.merge(path + rest.substring(0, slash + 1), e.size(), Long::sum);
        }
      }
      if (!path.isEmpty() && size == 0 && children.isEmpty() && dirSizes.isEmpty()) {
        return null;
      }
      List<Object> out = new ArrayList<>();
      dirSizes.forEach((p, s) -> out.add(dirShape(p, s, List.of())));
      out.addAll(children.values());
      return dirShape(path, size, out);
    };
  }

  DataFetcher<Object> file() {
    return env -> {
      CatalogModel.Entry e = revisionOf(env).entries().get(env.<String>getArgument("path"));
      return e == null ? null : Shapes.file(e);
    };
  }

  /** {@code contentsFlatMap(max)}: every entry, or null past {@code max} entries. */
  DataFetcher<Object> contentsFlatMap() {
    return env -> {
      int max = env.<Integer>getArgument("max");
      if (max < 0 || max > MAX_FLAT_MAP) {
        throw new GraphQLException("max must be between 0 and " + MAX_FLAT_MAP);
      }
      CatalogModel.Revision r = revisionOf(env);
      if (r.entries().size() > max) {
        return null;
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (CatalogModel.Entry e : r.entries().values()) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("physicalKey", e.physicalKey());
        v.put("hash", Map.of("type", e.hashType(), "value", e.hashValue()));
        v.put("size", e.size());
        v.put("meta", e.meta() == null ? Map.of() : Scalars.JSON.convertValue(e.meta(), Map.class));
        out.put(e.logicalKey(), v);
      }
      return out;
    };
  }

  private static Map<String, Object> dirShape(String path, long size, List<Object> children) {
    Map<String, Object> m = Shapes.typed("PackageDir");
    m.put("path", path);
    m.put("size", (double) size);
    m.put("metadata", (ObjectNode) null);
    m.put("children", children);
    return m;
  }

  private static CatalogModel.Revision revisionOf(DataFetchingEnvironment env) {
    Map<String, Object> m = env.getSource();
    return (CatalogModel.Revision) m.get("_revision");
  }

  private String visibleBucket(DataFetchingEnvironment env) {
    String bucket = env.getArgument("bucket");
    return Caller.of(env).sees(bucket) && model.hasBucket(bucket) ? bucket : null;
  }

  /** Page {@code number} (from 1) of {@code perPage} items. */
  static <T> List<T> page(List<T> all, DataFetchingEnvironment env) {
    int number = env.<Integer>getArgument("number");
    int perPage = env.<Integer>getArgument("perPage");
    if (number < 1 || perPage < 1 || perPage > MAX_PER_PAGE) {
      throw new GraphQLException(
          "page number must be at least 1 and perPage between 1 and " + MAX_PER_PAGE);
    }
    long from = (long) (number - 1) * perPage;
    if (from >= all.size()) {
      return List.of();
    }
    return all.subList((int) from, (int) Math.min(all.size(), from + perPage));
  }
}

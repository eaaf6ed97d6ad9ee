package com.quiltdata.mcp.standins.graphql;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The maps the default property fetchers read. {@code _type} names the object type where a field is
 * a union; {@code _revision} and {@code _bucket}/{@code _name} carry the model behind a node.
 */
final class Shapes {
  static final String TYPE = "_type";

  private Shapes() {}

  static Map<String, Object> typed(String type) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(TYPE, type);
    return m;
  }

  static Map<String, Object> pkg(
      String bucket, String name, List<CatalogModel.Revision> newestFirst) {
    Map<String, Object> m = typed("Package");
    m.put("bucket", bucket);
    m.put("name", name);
    m.put("modified", newestFirst.get(0).modified());
    m.put("_revisions", newestFirst);
    return m;
  }

  static Map<String, Object> revision(CatalogModel.Revision r) {
    Map<String, Object> m = typed("PackageRevision");
    m.put("hash", r.hash());
    m.put("modified", r.modified());
    m.put("message", r.message());
    m.put("userMeta", r.userMeta());
    m.put("totalEntries", r.entries().size());
    m.put("totalBytes", (double) r.totalBytes());
    m.put("_revision", r);
    return m;
  }

  static Map<String, Object> file(CatalogModel.Entry e) {
    Map<String, Object> m = typed("PackageFile");
    m.put("path", e.logicalKey());
    m.put("size", (double) e.size());
    m.put("physicalKey", e.physicalKey());
    m.put("metadata", e.meta());
    return m;
  }

  static Map<String, Object> operationError(String name, String message) {
    Map<String, Object> m = typed("OperationError");
    m.put("name", name);
    m.put("message", message);
    m.put("context", null);
    return m;
  }

  /** One {@code InputError} of an {@code InvalidInput}. */
  static Map<String, Object> inputError(String path, String name, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", path);
    m.put("name", name);
    m.put("message", message);
    m.put("context", (ObjectNode) null);
    return m;
  }

  static Map<String, Object> invalidInput(List<Map<String, Object>> errors) {
    Map<String, Object> m = typed("InvalidInput");
    m.put("errors", errors);
    return m;
  }
}

package com.quiltdata.mcp.standins.graphql;

import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.schema.DataFetcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code packageConstruct} and {@code packageRevisionDelete}, answering bad input the catalog's
 * way: an {@code InvalidInput} naming each bad field, or an {@code OperationError}.
 */
final class Mutations {
  static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_-]+/[A-Za-z0-9_-]+$");
  static final int MAX_ENTRIES = 100_000;
  private static final long CHUNK = 8L << 20;
  private final CatalogModel model;

  Mutations(CatalogModel model) {
    this.model = model;
  }

  DataFetcher<Object> construct() {
    return env -> {
      Caller caller = Caller.of(env);
      Map<String, Object> params = env.getArgument("params");
      Map<String, Object> src = env.getArgument("src");
      String bucket = (String) params.get("bucket");
      String name = (String) params.get("name");
      List<Map<String, Object>> errors = new ArrayList<>();
      if (!NAME.matcher(name).matches()) {
        errors.add(
            Shapes.inputError("params.name", "ValidationError", "Invalid package name: " + name));
      }
      String workflow = (String) params.get("workflow");
      if (workflow != null && !model.hasWorkflow(bucket, workflow)) {
        errors.add(
            Shapes.inputError(
                "params.workflow",
                "WorkflowValidationError",
                "Workflow '" + workflow + "' is not configured for bucket " + bucket));
      }
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> raw = (List<Map<String, Object>>) src.get("entries");
      if (raw.size() > MAX_ENTRIES) {
        return Shapes.operationError("TooManyEntries", "At most " + MAX_ENTRIES + " entries");
      }
      if (!caller.sees(bucket) || !model.hasBucket(bucket)) {
        return Shapes.operationError("Forbidden", "No access to bucket " + bucket);
      }
      List<CatalogModel.Entry> entries = new ArrayList<>();
      Set<String> keys = new HashSet<>();
      for (int i = 0; i < raw.size(); i++) {
        Map<String, Object> e = raw.get(i);
        String path = "src.entries[" + i + "]";
        String lk = (String) e.get("logicalKey");
        String pk = (String) e.get("physicalKey");
        if (lk.isEmpty() || lk.endsWith("/") || hasDotSegment(lk)) {
          errors.add(
              Shapes.inputError(path + ".logicalKey", "ValidationError", "Invalid logical key"));
          continue;
        }
        if (!keys.add(lk)) {
          errors.add(
              Shapes.inputError(path + ".logicalKey", "ValidationError", "Duplicate logical key"));
          continue;
        }
        if (!pk.startsWith("s3://")) {
          errors.add(
              Shapes.inputError(path + ".physicalKey", "ValidationError", "Not an s3:// URL"));
          continue;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> hash = (Map<String, Object>) e.get("hash");
        Object size = e.get("size");
        String hashType;
        String hashValue;
        long bytes;
        if (hash != null && size != null) {
          hashType = (String) hash.get("type");
          hashValue = (String) hash.get("value");
          bytes = ((Number) size).longValue();
        } else {
          Optional<byte[]> content = model.read(pk);
          if (content.isEmpty()) {
            errors.add(
                Shapes.inputError(path + ".physicalKey", "SourceNotFound", "Could not read " + pk));
            continue;
          }
          hashType = "sha2-256-chunked";
          hashValue = chunked(content.get());
          bytes = content.get().length;
        }
        ObjectNode meta = (ObjectNode) e.get("meta");
        entries.add(
            new CatalogModel.Entry(
                lk,
                pk,
                bytes,
                hashType,
                hashValue,
                meta == null ? Scalars.JSON.createObjectNode() : meta));
      }
      if (!errors.isEmpty()) {
        return Shapes.invalidInput(errors);
      }
      CatalogModel.Revision r =
          model.push(
              bucket,
              name,
              (String) params.get("message"),
              (ObjectNode) params.get("userMeta"),
              (String) params.get("workflow"),
              entries);
      Map<String, Object> ok = Shapes.typed("PackagePushSuccess");
      ok.put("package", Shapes.pkg(bucket, name, model.revisions(bucket, name)));
      ok.put("revision", Shapes.revision(r));
      return ok;
    };
  }

  DataFetcher<Object> revisionDelete() {
    return env -> {
      String bucket = env.getArgument("bucket");
      String name = env.getArgument("name");
      String hash = env.getArgument("hash");
      if (!Caller.of(env).sees(bucket)) {
        return Shapes.operationError("Forbidden", "No access to bucket " + bucket);
      }
      if (!model.delete(bucket, name, hash)) {
        return Shapes.operationError("NotFound", "No revision " + hash + " of " + name);
      }
      Map<String, Object> ok = Shapes.typed("PackageRevisionDeleteSuccess");
      ok.put("_", true);
      return ok;
    };
  }

  private static boolean hasDotSegment(String key) {
    for (String s : key.split("/", -1)) {
      if (s.isEmpty() || s.equals(".") || s.equals("..")) {
        return true;
      }
    }
    return false;
  }

  /** quilt3's {@code sha2-256-chunked} of {@code content} (8 MiB parts, doubled past 10,000). */
  static String chunked(byte[] content) throws NoSuchAlgorithmException {
    long chunk = CHUNK;
    while ((content.length + chunk - 1) / chunk > 10_000) {
      chunk *= 2;
    }
    MessageDigest outer = MessageDigest.getInstance("SHA-256");
    for (long off = 0; off < content.length; off += chunk) {
      MessageDigest part = MessageDigest.getInstance("SHA-256");
      part.update(content, (int) off, (int) Math.min(chunk, content.length - off));
      outer.update(part.digest());
    }
    return Base64.getEncoder().encodeToString(outer.digest());
  }
}

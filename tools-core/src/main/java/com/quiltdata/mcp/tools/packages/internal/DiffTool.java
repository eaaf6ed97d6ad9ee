package com.quiltdata.mcp.tools.packages.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code package_diff}: what changed between two revisions (of one package or of two): entries
 * added, deleted and modified (by hash and size), and package metadata keys added, removed and
 * changed. Lists are bounded; the counts are complete.
 */
final class DiffTool extends PackageTool {
  static final String NAME = "package_diff";
  static final int MAX_LISTED = 1000;

  DiffTool(Packages packages) {
    super(packages, describe());
  }

  private static ToolDefinition describe() {
    ObjectNode in = JsonSchema.object("package1_name", "package2_name", "registry");
    JsonSchema.property(in, "package1_name", Packages.packageNameSchema("The first package"));
    JsonSchema.property(in, "package2_name", Packages.packageNameSchema("The second package"));
    JsonSchema.property(in, "registry", Packages.registrySchema());
    JsonSchema.property(
        in, "package1_hash", Packages.topHashSchema("The first revision (default: latest)"));
    JsonSchema.property(
        in, "package2_hash", Packages.topHashSchema("The second revision (default: latest)"));
    ObjectNode out = JsonSchema.output("added", "deleted", "modified", "counts");
    for (String f : new String[] {"added", "deleted", "modified"}) {
      JsonSchema.property(out, f, JsonSchema.typed("array"));
    }
    JsonSchema.property(out, "counts", JsonSchema.typed("object"));
    JsonSchema.property(out, "metadata_changes", JsonSchema.typed("object"));
    JsonSchema.property(out, "package1", JsonSchema.typed("object"));
    JsonSchema.property(out, "package2", JsonSchema.typed("object"));
    return PackagePolicy.TABLE.definition(
        NAME,
        "Compare package revisions",
        "Compares two Quilt package revisions: entries added, deleted and modified (content hash"
            + " or size differ), unchanged count, and changes to the package metadata.",
        in,
        out,
        Annotations.readOnly(true));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    String name1 = PackageNames.name(args.optionalText("package1_name"), "package1_name");
    String name2 = PackageNames.name(args.optionalText("package2_name"), "package2_name");
    String bucket = PackageNames.registry(args.optionalText("registry"), "registry");
    String hash1 = PackageNames.topHash(args.optionalText("package1_hash"), "package1_hash");
    String hash2 = PackageNames.topHash(args.optionalText("package2_hash"), "package2_hash");
    PackageBackend backend = packages.backend(context);
    // the two revisions are independent: read (and parse) them at once
    AtomicInteger read = new AtomicInteger();
    List<Packages.Revision> both =
        Fanout.map(
            2,
            2,
            context,
            i -> {
              Packages.Revision r =
                  i == 0
                      ? backend.read(context, bucket, name1, hash1)
                      : backend.read(context, bucket, name2, hash2);
              context.progress(read.incrementAndGet(), 2.0, "read " + (i == 0 ? name1 : name2));
              return r;
            });
    return ToolResult.structured(diff(name1, both.get(0), name2, both.get(1)));
  }

  static ObjectNode diff(String name1, Packages.Revision a, String name2, Packages.Revision b) {
    Map<String, Entry> left = new HashMap<>();
    for (Entry e : a.manifest().entries()) {
      left.put(e.logicalKey(), e);
    }
    ObjectNode out = JsonSchema.NODES.objectNode();
    ArrayNode added = out.putArray("added");
    ArrayNode modified = out.putArray("modified");
    int nAdded = 0;
    int nModified = 0;
    int unchanged = 0;
    for (Entry e : b.manifest().entries()) {
      Entry old = left.remove(e.logicalKey());
      if (old == null) {
        if (nAdded++ < MAX_LISTED) {
          added.add(entryJson(e));
        }
      } else if (!old.sameContent(e)) {
        if (nModified++ < MAX_LISTED) {
          ObjectNode m = modified.addObject().put("logical_key", e.logicalKey());
          m.set("old", entryJson(old));
          m.set("new", entryJson(e));
        }
      } else {
        unchanged++;
      }
    }
    TreeSet<String> gone = new TreeSet<>(WalkOrder.KEYS);
    gone.addAll(left.keySet());
    ArrayNode deleted = out.putArray("deleted");
    int listed = 0;
    for (String k : gone) {
      if (listed++ >= MAX_LISTED) {
        break;
      }
      deleted.add(entryJson(left.get(k)));
    }
    out.putObject("counts")
        .put("added", nAdded)
        .put("deleted", gone.size())
        .put("modified", nModified)
        .put("unchanged", unchanged);
    out.set("metadata_changes", metadataChanges(a.manifest().userMeta(), b.manifest().userMeta()));
    out.putObject("package1").put("name", name1).put("top_hash", a.topHash());
    out.putObject("package2").put("name", name2).put("top_hash", b.topHash());
    out.put("truncated", nAdded > MAX_LISTED || nModified > MAX_LISTED || gone.size() > MAX_LISTED);
    return out;
  }

  private static ObjectNode metadataChanges(ObjectNode before, ObjectNode after) {
    ObjectNode out = JsonSchema.NODES.objectNode();
    ObjectNode added = out.putObject("added");
    ObjectNode removed = out.putObject("removed");
    ObjectNode changed = out.putObject("changed");
    for (Iterator<Map.Entry<String, JsonNode>> it = after.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      JsonNode old = before.get(f.getKey());
      if (old == null) {
        added.set(f.getKey(), f.getValue());
      } else if (!old.equals(f.getValue())) {
        changed.putObject(f.getKey()).set("old", old);
        ((ObjectNode) changed.get(f.getKey())).set("new", f.getValue());
      }
    }
    for (Iterator<String> it = before.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!after.has(k)) {
        removed.set(k, before.get(k));
      }
    }
    return out;
  }
}

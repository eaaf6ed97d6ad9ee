package com.quiltdata.mcp.tools.packages.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.schema.ArgumentTool;
import com.quiltdata.mcp.tools.schema.JsonSchema;

/** What every package tool shares: its definition and the family's context. */
abstract class PackageTool extends ArgumentTool {
  final Packages packages;

  PackageTool(Packages packages, ToolDefinition definition) {
    super(definition);
    this.packages = packages;
  }

  /** An entry as the tools show it. */
  static ObjectNode entryJson(Entry e) {
    ObjectNode n = JsonSchema.NODES.objectNode();
    n.put("logical_key", e.logicalKey());
    n.put("physical_key", e.physicalKey());
    n.put("size", e.size());
    ObjectNode hash = n.putObject("hash");
    hash.put("type", e.hashType());
    hash.put("value", e.hashValue());
    n.set(
        "metadata",
        e.meta().get("user_meta") instanceof ObjectNode u ? u : JsonSchema.NODES.objectNode());
    return n;
  }

  /** An array of at most {@code max} entries; returns it. */
  static ArrayNode entries(ObjectNode parent, String field, Iterable<Entry> entries, int max) {
    ArrayNode a = parent.putArray(field);
    int n = 0;
    for (Entry e : entries) {
      if (n++ >= max) {
        break;
      }
      a.add(entryJson(e));
    }
    return a;
  }
}

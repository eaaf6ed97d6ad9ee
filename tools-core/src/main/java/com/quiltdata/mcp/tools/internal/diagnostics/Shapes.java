package com.quiltdata.mcp.tools.internal.diagnostics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.ToolDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * JSON building blocks of the diagnostics tools: schema fragments in the subset the engine
 * validates, bounded string lists, the common tool annotations, and how enums and time spans are
 * shown.
 */
final class Shapes {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Most entries of one list (buckets, permissions, roles) a tool shows. */
  static final int MAX_LIST = 256;

  private Shapes() {}

  /** An object schema closed to other members, with the given required members. */
  static ObjectNode object(String... required) {
    ObjectNode schema = NODES.objectNode().put("type", "object");
    schema.putObject("properties");
    schema.put("additionalProperties", false);
    if (required.length > 0) {
      ArrayNode names = schema.putArray("required");
      for (String name : required) {
        names.add(name);
      }
    }
    return schema;
  }

  /** An object schema that allows any members (untrusted token content). */
  static ObjectNode anyObject(String description) {
    return NODES.objectNode().put("type", "object").put("description", description);
  }

  static ObjectNode string(String description) {
    return NODES.objectNode().put("type", "string").put("description", description);
  }

  static ObjectNode integer(String description) {
    return NODES.objectNode().put("type", "integer").put("description", description);
  }

  static ObjectNode bool(String description) {
    return NODES.objectNode().put("type", "boolean").put("description", description);
  }

  static ObjectNode strings(String description) {
    ObjectNode schema = NODES.objectNode().put("type", "array").put("description", description);
    schema.putObject("items").put("type", "string");
    return schema;
  }

  static ObjectNode arrayOf(ObjectNode items, String description) {
    ObjectNode schema = NODES.objectNode().put("type", "array").put("description", description);
    schema.set("items", items);
    return schema;
  }

  static ObjectNode oneOf(String description, String... values) {
    ObjectNode schema = string(description);
    ArrayNode allowed = schema.putArray("enum");
    for (String v : values) {
      allowed.add(v);
    }
    return schema;
  }

  /** Adds a property to an object schema; returns the schema. */
  static ObjectNode with(ObjectNode schema, String name, ObjectNode property) {
    ((ObjectNode) schema.get("properties")).set(name, property);
    return schema;
  }

  /** Adds up to {@link #MAX_LIST} values; returns whether any were left out. */
  static boolean addAll(ArrayNode array, List<String> values) {
    int n = Math.min(values.size(), MAX_LIST);
    for (int i = 0; i < n; i++) {
      array.add(values.get(i));
    }
    return values.size() > n;
  }

  /** A definition builder with the annotations and open requirements every diagnostics tool has. */
  static ToolDefinition.Builder definition(String name, String title, String description) {
    ObjectNode annotations =
        NODES
            .objectNode()
            .put("title", title)
            .put("readOnlyHint", true)
            .put("destructiveHint", false)
            .put("idempotentHint", true)
            .put("openWorldHint", false);
    return ToolDefinition.builder(name)
        .title(title)
        .description(description)
        .annotations(annotations)
        .requirements(ToolRequirements.open(name));
  }

  /** An enum constant as shown in output: its name in lower case. */
  static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /** Whole seconds from {@code from} to {@code to}; 0 when {@code to} is not later. */
  static long secondsBetween(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).getSeconds());
  }

  /** The input schema of a tool without arguments. */
  static ObjectNode noArguments() {
    return object();
  }
}

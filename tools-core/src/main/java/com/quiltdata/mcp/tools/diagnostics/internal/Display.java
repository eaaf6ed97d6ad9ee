package com.quiltdata.mcp.tools.diagnostics.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.schema.Annotations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * How the diagnostics tools show things: bounded string lists, the definition every diagnostics
 * tool shares (annotations, open requirements), enums and time spans.
 */
final class Display {
  /** Most entries of one list (buckets, permissions, roles) a tool shows. */
  static final int MAX_LIST = 256;

  private Display() {}

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
    ObjectNode annotations = Annotations.readOnly(false).put("title", title);
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
}

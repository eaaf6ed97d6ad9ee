package com.quiltdata.mcp.tools.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.ToolDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tool family's authorization table: one {@link ToolRequirements} row per tool, kept in one place
 * (the family's policy class) so what every tool needs reads off in one look. A tool describes
 * itself through {@link #definition}, which attaches its row; a tool without a row is a programming
 * error caught when the family is built.
 */
public final class RequirementTable {
  private final Map<String, ToolRequirements> byTool;

  private RequirementTable(Map<String, ToolRequirements> byTool) {
    this.byTool = byTool;
  }

  /**
   * A table of these rows, in this order.
   *
   * @throws IllegalArgumentException when two rows name the same tool
   */
  public static RequirementTable of(ToolRequirements... rows) {
    Map<String, ToolRequirements> byTool = new LinkedHashMap<>();
    for (ToolRequirements row : rows) {
      if (byTool.put(row.tool(), row) != null) {
        throw new IllegalArgumentException("two requirement rows for the tool " + row.tool());
      }
    }
    return new RequirementTable(byTool);
  }

  /** Every row, in table order. */
  public List<ToolRequirements> rows() {
    return List.copyOf(byTool.values());
  }

  /**
   * The row of one tool.
   *
   * @throws IllegalStateException when the table has none
   */
  public ToolRequirements row(String tool) {
    ToolRequirements row = byTool.get(tool);
    if (row == null) {
      throw new IllegalStateException("the requirement table has no row for the tool " + tool);
    }
    return row;
  }

  /** A tool's definition from its parts, with its row of this table. */
  public ToolDefinition definition(
      String name,
      String title,
      String description,
      ObjectNode in,
      ObjectNode out,
      ObjectNode annotations) {
    return ToolDefinition.builder(name)
        .title(title)
        .description(description)
        .inputSchema(in)
        .outputSchema(out)
        .annotations(annotations)
        .requirements(row(name))
        .build();
  }
}

package com.quiltdata.mcp.tools.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.ToolDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequirementTableTest {
  private static final ToolRequirements READ =
      ToolRequirements.builder("read_it").action("s3:GetObject").bucket("bucket").build();
  private static final ToolRequirements OPEN = ToolRequirements.open("open_one");

  @Test
  void definition_carriesTheToolsOwnRow_andRowsKeepTableOrder() {
    RequirementTable table = RequirementTable.of(READ, OPEN);
    ToolDefinition d =
        table.definition(
            "read_it",
            "Read",
            "Reads it",
            JsonSchema.object("bucket"),
            JsonSchema.output(),
            Annotations.readOnly(false));
    assertSame(READ, d.requirements());
    assertEquals(List.of(READ, OPEN), table.rows());
  }

  @Test
  void aToolWithoutARow_andTwoRowsForOneTool_areRefused() {
    RequirementTable table = RequirementTable.of(READ);
    IllegalStateException missing =
        assertThrows(IllegalStateException.class, () -> table.row("open_one"));
    assertEquals("the requirement table has no row for the tool open_one", missing.getMessage());
    IllegalArgumentException twice =
        assertThrows(IllegalArgumentException.class, () -> RequirementTable.of(READ, READ));
    assertEquals("two requirement rows for the tool read_it", twice.getMessage());
  }
}

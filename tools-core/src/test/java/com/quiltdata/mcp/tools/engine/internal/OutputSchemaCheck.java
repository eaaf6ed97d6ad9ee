package com.quiltdata.mcp.tools.engine.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** Lets tests outside this package validate structured tool output against an output schema. */
public final class OutputSchemaCheck {
  private OutputSchemaCheck() {}

  /** The first violation of {@code schema} by {@code value}, if any. */
  public static Optional<String> violation(String tool, ObjectNode schema, ObjectNode value) {
    return SchemaValidator.compile(tool, schema).validate(value);
  }
}

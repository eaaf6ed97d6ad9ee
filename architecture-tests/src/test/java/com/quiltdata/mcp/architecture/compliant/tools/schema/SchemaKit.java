package com.quiltdata.mcp.architecture.compliant.tools.schema;

/** A kit every family may use. */
public final class SchemaKit {
  public String object() {
    return "{\"type\":\"object\"}";
  }
}

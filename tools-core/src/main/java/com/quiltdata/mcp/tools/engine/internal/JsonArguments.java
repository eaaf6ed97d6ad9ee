package com.quiltdata.mcp.tools.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.Authorizer;
import java.util.ArrayList;
import java.util.List;

/** A call's validated arguments as the authorizer reads them: the very nodes the tool gets. */
final class JsonArguments implements Authorizer.Arguments {
  private final ObjectNode arguments;

  JsonArguments(ObjectNode arguments) {
    this.arguments = arguments;
  }

  @Override
  public String text(String name) {
    JsonNode v = name == null ? null : arguments.get(name);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  @Override
  public List<String> texts(String name) {
    JsonNode v = name == null ? null : arguments.get(name);
    if (v == null || !v.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>(v.size());
    for (JsonNode e : v) {
      out.add(e.isTextual() ? e.textValue() : null);
    }
    return out;
  }
}

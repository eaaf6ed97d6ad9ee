package com.quiltdata.mcp.tools.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.jwt.BucketNames;
import com.quiltdata.mcp.tools.ToolFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a tool's arguments (already validated against its input schema by the engine) and turns any
 * value that breaks a rule the schema cannot express into an {@code INVALID_ARGUMENT} {@link
 * ToolFailure} naming the argument and the rule, never echoing its value.
 *
 * <pre>{@code
 * Arguments a = Arguments.of(arguments);
 * String bucket = a.bucket("bucket");
 * long max = a.integer("max_keys", 1, 1000, 100);
 * }</pre>
 */
public final class Arguments {
  private final ObjectNode node;

  private Arguments(ObjectNode node) {
    this.node = Objects.requireNonNull(node, "arguments");
  }

  /** A reader over a call's arguments. */
  public static Arguments of(ObjectNode arguments) {
    return new Arguments(arguments);
  }

  /** Whether the argument is present and not JSON null. */
  public boolean has(String name) {
    JsonNode v = node.get(name);
    return v != null && !v.isNull();
  }

  /** The argument's node, or {@code null} when absent or JSON null. */
  public JsonNode raw(String name) {
    return has(name) ? node.get(name) : null;
  }

  /** A required string argument. */
  public String text(String name) {
    String v = optionalText(name);
    if (v == null) {
      throw ToolFailure.invalidArgument("Argument '" + name + "' is required (a string)");
    }
    return v;
  }

  /** An optional string argument: {@code null} when absent or JSON null. */
  public String optionalText(String name) {
    JsonNode v = raw(name);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      throw ToolFailure.invalidArgument("Argument '" + name + "' must be a string");
    }
    return v.textValue();
  }

  /** An integer argument within bounds, or the default when absent. */
  public long integer(String name, long min, long max, long defaultValue) {
    JsonNode v = raw(name);
    if (v == null) {
      return defaultValue;
    }
    if (!v.canConvertToExactIntegral() || !v.canConvertToLong()) {
      throw ToolFailure.invalidArgument("Argument '" + name + "' must be an integer");
    }
    long n = v.longValue();
    if (n < min || n > max) {
      throw ToolFailure.invalidArgument(
          "Argument '" + name + "' must be between " + min + " and " + max + " (got " + n + ")");
    }
    return n;
  }

  /** A boolean argument, or the default when absent. */
  public boolean flag(String name, boolean defaultValue) {
    JsonNode v = raw(name);
    if (v == null) {
      return defaultValue;
    }
    if (!v.isBoolean()) {
      throw ToolFailure.invalidArgument("Argument '" + name + "' must be true or false");
    }
    return v.booleanValue();
  }

  /** A required bucket name argument, checked against the S3 naming rules. */
  public String bucket(String name) {
    JsonNode v = node.get(name);
    String bucket = v == null || !v.isTextual() ? null : v.textValue();
    if (!BucketNames.isValid(bucket)) {
      throw ToolFailure.invalidArgument(
          "Argument '"
              + name
              + "' must be a valid S3 bucket name: 3-63 characters of a-z, 0-9, '.' and '-',"
              + " starting and ending with a letter or digit, no '..', not shaped like an IP"
              + " address");
    }
    return bucket;
  }

  /**
   * A list of strings: empty when absent.
   *
   * @param maxItems the most elements accepted
   */
  public List<String> texts(String name, int maxItems) {
    JsonNode v = raw(name);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      throw ToolFailure.invalidArgument("Argument '" + name + "' must be a list of strings");
    }
    if (v.size() > maxItems) {
      throw ToolFailure.invalidArgument(
          "Argument '" + name + "' has " + v.size() + " elements; at most " + maxItems);
    }
    List<String> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (!e.isTextual()) {
        throw ToolFailure.invalidArgument("Argument '" + name + "[" + i + "]' must be a string");
      }
      out.add(e.textValue());
    }
    return List.copyOf(out);
  }

  /** An optional JSON object argument (a copy): {@code null} when absent. */
  public ObjectNode object(String name) {
    JsonNode v = raw(name);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      throw ToolFailure.invalidArgument("Argument '" + name + "' must be a JSON object");
    }
    return ((ObjectNode) v).deepCopy();
  }

  @Override
  public String toString() {
    return "Arguments" + node.properties().stream().map(e -> e.getKey()).toList();
  }
}

package com.quiltdata.mcp.tools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The schema subset {@link SchemaValidator} understands, checked once per tool when the engine is
 * built: an unsupported keyword fails start-up instead of silently accepting anything.
 */
final class SchemaRules {
  private static final Set<String> KEYWORDS =
      Set.of(
          "type",
          "properties",
          "required",
          "additionalProperties",
          "enum",
          "minimum",
          "maximum",
          "minLength",
          "maxLength",
          "pattern",
          "items",
          "minItems",
          "maxItems");
  private static final Set<String> ANNOTATIONS =
      Set.of("description", "title", "default", "examples", "$schema", "format", "deprecated");
  private static final Set<String> TYPES =
      Set.of("object", "string", "integer", "number", "boolean", "array", "null");

  private SchemaRules() {}

  /**
   * Checks an input schema and compiles its patterns.
   *
   * @throws IllegalStateException naming the tool and the schema path of any unsupported construct
   */
  static Map<String, Pattern> check(String tool, ObjectNode inputSchema) {
    JsonNode type = inputSchema.get("type");
    if (type == null || !type.isTextual() || !"object".equals(type.textValue())) {
      throw new IllegalStateException(
          "tool " + tool + ": inputSchema must have \"type\": \"object\"");
    }
    Map<String, Pattern> patterns = new HashMap<>();
    check(tool, inputSchema, "inputSchema", patterns);
    return patterns;
  }

  private static void check(String tool, JsonNode node, String path, Map<String, Pattern> out) {
    if (!node.isObject()) {
      throw bad(tool, path, "a schema must be a JSON object");
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      String key = e.getKey();
      JsonNode value = e.getValue();
      if (ANNOTATIONS.contains(key)) {
        continue;
      }
      if (!KEYWORDS.contains(key)) {
        throw bad(tool, path, "unsupported keyword '" + key + "'");
      }
      switch (key) {
        case "type":
          checkType(tool, path, value);
          break;
        case "properties":
          if (!value.isObject()) {
            throw bad(tool, path, "properties must be an object");
          }
          Iterator<Map.Entry<String, JsonNode>> props = value.fields();
          while (props.hasNext()) {
            Map.Entry<String, JsonNode> p = props.next();
            check(tool, p.getValue(), path + ".properties." + p.getKey(), out);
          }
          break;
        case "items":
          check(tool, value, path + ".items", out);
          break;
        case "required":
          if (!value.isArray()) {
            throw bad(tool, path, "required must be an array of names");
          }
          for (JsonNode r : value) {
            if (!r.isTextual()) {
              throw bad(tool, path, "required must be an array of names");
            }
          }
          break;
        case "additionalProperties":
          if (!value.isBoolean()) {
            throw bad(tool, path, "additionalProperties must be true or false");
          }
          break;
        case "enum":
          if (!value.isArray() || value.isEmpty()) {
            throw bad(tool, path, "enum must be a non-empty array");
          }
          break;
        case "minimum":
        case "maximum":
          if (!value.isNumber()) {
            throw bad(tool, path, key + " must be a number");
          }
          break;
        case "pattern":
          if (!value.isTextual()) {
            throw bad(tool, path, "pattern must be a string");
          }
          try {
            out.put(value.textValue(), Pattern.compile(value.textValue()));
          } catch (PatternSyntaxException ex) {
            throw bad(tool, path, "pattern is not a valid regular expression");
          }
          break;
        default: // minLength, maxLength, minItems, maxItems
          if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 0) {
            throw bad(tool, path, key + " must be a non-negative integer");
          }
      }
    }
  }

  private static void checkType(String tool, String path, JsonNode value) {
    if (value.isTextual() && TYPES.contains(value.textValue())) {
      return;
    }
    if (value.isArray() && !value.isEmpty()) {
      for (JsonNode t : value) {
        if (!t.isTextual() || !TYPES.contains(t.textValue())) {
          throw bad(tool, path, "unsupported type");
        }
      }
      return;
    }
    throw bad(tool, path, "unsupported type");
  }

  private static IllegalStateException bad(String tool, String path, String what) {
    return new IllegalStateException("tool " + tool + ": " + path + ": " + what);
  }
}

package com.quiltdata.mcp.tools.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
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
          "maxItems",
          "$ref");
  private static final Set<String> ANNOTATIONS =
      Set.of("description", "title", "default", "examples", "$schema", "format", "deprecated");
  private static final Set<String> TYPES =
      Set.of("object", "string", "integer", "number", "boolean", "array", "null");

  /** The only {@code $ref} form understood: a definition of the root's {@code $defs}. */
  static final String REF_PREFIX = "#/$defs/";

  /** Definitions a schema may declare; bounds the work of checking a hostile tool schema. */
  static final int MAX_DEFINITIONS = 64;

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
    ObjectNode body = inputSchema.deepCopy();
    JsonNode defs = body.remove("$defs");
    Set<String> names = definitionNames(tool, defs);
    if (defs != null) {
      Iterator<Map.Entry<String, JsonNode>> it = defs.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> d = it.next();
        check(tool, d.getValue(), "inputSchema.$defs." + d.getKey(), names, patterns);
      }
      rejectReferenceCycles(tool, defs);
    }
    check(tool, body, "inputSchema", names, patterns);
    return patterns;
  }

  private static Set<String> definitionNames(String tool, JsonNode defs) {
    if (defs == null) {
      return Set.of();
    }
    if (!defs.isObject()) {
      throw bad(tool, "inputSchema", "$defs must be an object of schemas");
    }
    if (defs.size() > MAX_DEFINITIONS) {
      throw bad(tool, "inputSchema", "$defs holds more than " + MAX_DEFINITIONS + " definitions");
    }
    Set<String> names = new HashSet<>();
    defs.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /**
   * A definition whose top level refers, through a chain of top-level {@code $ref}s, back to itself
   * would make validation loop without consuming input; such schemas are refused. References below
   * {@code properties} or {@code items} descend into the argument and end with it.
   */
  private static void rejectReferenceCycles(String tool, JsonNode defs) {
    Iterator<String> names = defs.fieldNames();
    while (names.hasNext()) {
      String start = names.next();
      Set<String> seen = new HashSet<>();
      String current = start;
      while (current != null) {
        if (!seen.add(current)) {
          throw bad(
              tool,
              "inputSchema.$defs." + start,
              "$ref chain loops back without descending into the argument");
        }
        JsonNode ref = defs.get(current).get("$ref");
        current = ref == null ? null : ref.textValue().substring(REF_PREFIX.length());
      }
    }
  }

  private static void check(
      String tool, JsonNode node, String path, Set<String> defs, Map<String, Pattern> out) {
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
      if ("$defs".equals(key)) {
        throw bad(tool, path, "$defs is only supported at the top of the input schema");
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
            check(tool, p.getValue(), path + ".properties." + p.getKey(), defs, out);
          }
          break;
        case "items":
          check(tool, value, path + ".items", defs, out);
          break;
        case "$ref":
          if (!value.isTextual()
              || !value.textValue().startsWith(REF_PREFIX)
              || !defs.contains(value.textValue().substring(REF_PREFIX.length()))) {
            throw bad(
                tool, path, "$ref must name a definition of the top-level $defs as #/$defs/NAME");
          }
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

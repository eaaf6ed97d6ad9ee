package com.quiltdata.mcp.tools.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates tool arguments against the JSON Schema subset tools use: {@code type}, {@code
 * properties}, {@code required}, {@code additionalProperties} (boolean), {@code enum}, {@code
 * minimum}, {@code maximum}, {@code minLength}, {@code maxLength}, {@code pattern}, {@code items},
 * {@code minItems}, {@code maxItems}, and {@code $ref} to a definition of the top-level {@code
 * $defs}; annotations are ignored. Schemas are checked once when built, so an unsupported keyword
 * fails at start-up instead of silently accepting anything.
 *
 * <p>Messages name the argument by path ({@code items[2].key}) and say what is expected; they never
 * echo argument values.
 */
final class SchemaValidator {
  private final ObjectNode schema;
  private final Map<String, Pattern> patterns;

  private SchemaValidator(ObjectNode schema, Map<String, Pattern> patterns) {
    this.schema = schema;
    this.patterns = Map.copyOf(patterns);
  }

  /**
   * Compiles an input schema.
   *
   * @throws IllegalStateException naming the tool and the schema path of any unsupported construct
   */
  static SchemaValidator compile(String tool, ObjectNode inputSchema) {
    return new SchemaValidator(inputSchema.deepCopy(), SchemaRules.check(tool, inputSchema));
  }

  /** Validates arguments; returns the first problem as an actionable message. */
  Optional<String> validate(ObjectNode arguments) {
    return validate(arguments, schema, "");
  }

  private Optional<String> validate(JsonNode value, JsonNode s, String path) {
    JsonNode ref = s.get("$ref");
    if (ref != null) {
      // Checked when compiled: the definition exists and top-level chains end.
      JsonNode target =
          schema.get("$defs").get(ref.textValue().substring(SchemaRules.REF_PREFIX.length()));
      Optional<String> r = validate(value, target, path);
      if (r.isPresent()) {
        return r;
      }
    }
    JsonNode type = s.get("type");
    if (type != null && !matchesType(value, type)) {
      return fail(path, "must be " + describeType(type) + " (got " + kindOf(value) + ")");
    }
    JsonNode en = s.get("enum");
    if (en != null && !contains(en, value)) {
      return fail(path, "must be one of " + en);
    }
    if (value.isTextual()) {
      return validateString(value.textValue(), s, path);
    }
    if (value.isNumber()) {
      return validateNumber(value, s, path);
    }
    if (value.isArray()) {
      return validateArray(value, s, path);
    }
    if (value.isObject()) {
      return validateObject((ObjectNode) value, s, path);
    }
    return Optional.empty();
  }

  private Optional<String> validateString(String text, JsonNode s, String path) {
    int length = text.codePointCount(0, text.length());
    JsonNode min = s.get("minLength");
    if (min != null && length < min.intValue()) {
      return fail(path, "must be at least " + min.intValue() + " characters long");
    }
    JsonNode max = s.get("maxLength");
    if (max != null && length > max.intValue()) {
      return fail(path, "must be at most " + max.intValue() + " characters long");
    }
    JsonNode pattern = s.get("pattern");
    if (pattern != null && !patterns.get(pattern.textValue()).matcher(text).find()) {
      return fail(path, "must match the pattern " + pattern.textValue());
    }
    return Optional.empty();
  }

  private static Optional<String> validateNumber(JsonNode value, JsonNode s, String path) {
    JsonNode min = s.get("minimum");
    if (min != null && value.decimalValue().compareTo(min.decimalValue()) < 0) {
      return fail(path, "must be at least " + min.asText());
    }
    JsonNode max = s.get("maximum");
    if (max != null && value.decimalValue().compareTo(max.decimalValue()) > 0) {
      return fail(path, "must be at most " + max.asText());
    }
    return Optional.empty();
  }

  private Optional<String> validateArray(JsonNode value, JsonNode s, String path) {
    JsonNode min = s.get("minItems");
    if (min != null && value.size() < min.intValue()) {
      return fail(path, "must hold at least " + min.intValue() + " items");
    }
    JsonNode max = s.get("maxItems");
    if (max != null && value.size() > max.intValue()) {
      return fail(path, "must hold at most " + max.intValue() + " items");
    }
    JsonNode items = s.get("items");
    if (items != null) {
      for (int i = 0; i < value.size(); i++) {
        Optional<String> r = validate(value.get(i), items, path + "[" + i + "]");
        if (r.isPresent()) {
          return r;
        }
      }
    }
    return Optional.empty();
  }

  private Optional<String> validateObject(ObjectNode value, JsonNode s, String path) {
    JsonNode required = s.get("required");
    if (required != null) {
      for (JsonNode r : required) {
        JsonNode present = value.get(r.textValue());
        if (present == null) {
          return Optional.of(
              "Missing required argument '" + join(path, r.textValue()) + "'" + hint(s, r));
        }
      }
    }
    JsonNode props = s.get("properties");
    JsonNode additional = s.get("additionalProperties");
    boolean closed = additional != null && !additional.booleanValue();
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode ps = props == null ? null : props.get(f.getKey());
      if (ps == null) {
        if (closed) {
          return Optional.of(
              "Unexpected argument '"
                  + join(path, safeName(f.getKey()))
                  + "'"
                  + (props == null ? "" : "; accepted arguments: " + names(props)));
        }
        continue;
      }
      Optional<String> r = validate(f.getValue(), ps, join(path, f.getKey()));
      if (r.isPresent()) {
        return r;
      }
    }
    return Optional.empty();
  }

  private static String hint(JsonNode s, JsonNode name) {
    JsonNode props = s.get("properties");
    JsonNode p = props == null ? null : props.get(name.textValue());
    JsonNode d = p == null ? null : p.get("description");
    return d != null && d.isTextual() ? " (" + d.textValue() + ")" : "";
  }

  private static String names(JsonNode props) {
    StringBuilder sb = new StringBuilder();
    Iterator<String> it = props.fieldNames();
    while (it.hasNext()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(it.next());
    }
    return sb.length() == 0 ? "(none)" : sb.toString();
  }

  private static boolean matchesType(JsonNode value, JsonNode type) {
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (matchesType(value, t.textValue())) {
          return true;
        }
      }
      return false;
    }
    return matchesType(value, type.textValue());
  }

  private static boolean matchesType(JsonNode value, String type) {
    switch (type) {
      case "object":
        return value.isObject();
      case "string":
        return value.isTextual();
      case "integer":
        return value.isIntegralNumber()
            || (value.isFloatingPointNumber()
                && value.decimalValue().stripTrailingZeros().scale() <= 0);
      case "number":
        return value.isNumber();
      case "boolean":
        return value.isBoolean();
      case "array":
        return value.isArray();
      case "null":
        return value.isNull();
      default:
        return false;
    }
  }

  private static String describeType(JsonNode type) {
    if (type.isArray()) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode t : type) {
        sb.append(sb.length() == 0 ? "" : " or ").append(article(t.textValue()));
      }
      return sb.toString();
    }
    return article(type.textValue());
  }

  private static String article(String type) {
    switch (type) {
      case "object":
      case "array":
      case "integer":
        return "an " + type;
      case "null":
        return "null";
      default:
        return "a " + type;
    }
  }

  private static String kindOf(JsonNode value) {
    if (value.isTextual()) {
      return "a string";
    }
    if (value.isIntegralNumber()) {
      return "an integer";
    }
    if (value.isNumber()) {
      return "a number";
    }
    if (value.isBoolean()) {
      return "a boolean";
    }
    if (value.isArray()) {
      return "an array";
    }
    if (value.isObject()) {
      return "an object";
    }
    return "null";
  }

  private static boolean contains(JsonNode en, JsonNode value) {
    for (JsonNode candidate : en) {
      if (candidate.equals(value)
          || (candidate.isNumber()
              && value.isNumber()
              && candidate.decimalValue().compareTo(value.decimalValue()) == 0)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<String> fail(String path, String what) {
    return Optional.of(
        path.isEmpty() ? "Invalid arguments: " + what : "Invalid argument '" + path + "': " + what);
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** An argument name the caller sent, made safe to show: printable ASCII, at most 64 chars. */
  static String safeName(String name) {
    StringBuilder sb = new StringBuilder(Math.min(name.length(), 64));
    for (int i = 0; i < name.length() && sb.length() < 64; i++) {
      char c = name.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f && c != '\'' ? c : '?');
    }
    return name.length() > 64 ? sb + "..." : sb.toString();
  }
}

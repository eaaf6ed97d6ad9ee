package com.quiltdata.mcp.tools.athena.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.athena.AthenaReason;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A tabulator table config, checked against the registry's rules before anything is sent: top level
 * {@code schema} (one column or more), {@code source}, {@code parser} and an optional boolean
 * {@code continue_on_error}, nothing else; columns {@code {name, type, nullable?}}; source {@code
 * quilt-packages} with compiling {@code package_name} and {@code logical_key} patterns; parser
 * {@code csv} ({@code header?}, one-character {@code delimiter?}) or {@code parquet}. Accepts YAML
 * text or a JSON object; YAML is bounded in size and depth and may use no anchors or aliases. Every
 * refusal is {@code TABULATOR_CONFIG_INVALID} naming the path of the bad field.
 */
final class TabulatorConfig {
  /** Largest config, in UTF-8 bytes of its YAML. */
  static final int MAX_BYTES = 64 << 10;

  /** Deepest nesting of mappings and sequences. */
  static final int MAX_DEPTH = 16;

  /** Longest {@code package_name} or {@code logical_key} pattern. */
  static final int MAX_PATTERN = 1000;

  static final Pattern COLUMN = Pattern.compile("^[A-Za-z][A-Za-z0-9_-]*$");
  static final Set<String> TYPES =
      Set.of(
          "BOOLEAN",
          "TINYINT",
          "SMALLINT",
          "INT",
          "BIGINT",
          "FLOAT",
          "DOUBLE",
          "STRING",
          "BINARY",
          "DATE",
          "TIMESTAMP");

  // Python's (?P<name>...) and Java's (?<name>...), with any identifier (Java's forbid '_')
  private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?P?<[A-Za-z_][A-Za-z0-9_]*>");
  private static final Pattern NAMED_BACKREF = Pattern.compile("\\(\\?P=[A-Za-z_][A-Za-z0-9_]*\\)");

  private static final YAMLMapper YAML = yamlMapper();

  private TabulatorConfig() {}

  /**
   * The YAML text to send for {@code config} (YAML text is sent as given, an object as YAML).
   *
   * @throws ToolFailure {@code TABULATOR_CONFIG_INVALID} naming the bad field
   */
  static String check(JsonNode config) {
    String text;
    JsonNode tree;
    if (config != null && config.isTextual()) {
      text = config.asText();
      bound(text);
      tree = parse(text);
    } else if (config != null && config.isObject()) {
      try {
        text = YAML.writeValueAsString(config);
      } catch (JsonProcessingException e) {
        throw invalid("config", "could not be written as YAML");
      }
      bound(text);
      tree = config;
    } else {
      throw invalid("config", "must be YAML text or an object");
    }
    validate(tree);
    return text;
  }

  private static void bound(String text) {
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      throw invalid("config", "is " + bytes + " bytes; at most " + MAX_BYTES + " are accepted");
    }
  }

  private static JsonNode parse(String text) {
    try (JsonParser p = YAML.getFactory().createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw invalid("config", "is empty");
      }
      // anchors and aliases are refused outright: no expansion, so no alias bombs
      JsonNode tree = readPlain((YAMLParser) p);
      if (p.nextToken() != null) {
        throw invalid("config", "must be one YAML document");
      }
      return tree;
    } catch (JsonProcessingException e) {
      String why = e.getOriginalMessage();
      throw invalid(
          "config",
          "is not valid YAML"
              + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")
              + ": "
              + (why == null ? "unreadable" : why.substring(0, Math.min(200, why.length()))));
    } catch (YAMLException e) {
      throw invalid("config", "is not valid YAML (or is nested deeper than " + MAX_DEPTH + ")");
    } catch (IOException e) {
      throw invalid("config", "could not be read");
    }
  }

  private static JsonNode readPlain(YAMLParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (p.isCurrentAlias() || p.getObjectId() != null) {
      throw invalid("config", "must not use YAML anchors or aliases");
    }
    if (t == JsonToken.START_OBJECT) {
      var node = JsonSchema.NODES.objectNode();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        p.nextToken();
        if (node.has(key)) {
          throw invalid(key, "appears twice");
        }
        node.set(key, readPlain(p));
      }
      return node;
    }
    if (t == JsonToken.START_ARRAY) {
      var node = JsonSchema.NODES.arrayNode();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        node.add(readPlain(p));
      }
      return node;
    }
    return YAML.readTree(p);
  }

  private static void validate(JsonNode root) {
    if (!root.isObject()) {
      throw invalid("config", "must be a mapping with schema, source and parser");
    }
    only(root, "", Set.of("schema", "source", "parser", "continue_on_error"));
    JsonNode schema = required(root, "", "schema");
    if (!schema.isArray() || schema.isEmpty()) {
      throw invalid("schema", "must be a list of at least one column");
    }
    for (int i = 0; i < schema.size(); i++) {
      column(schema.get(i), "schema[" + i + "]");
    }
    source(required(root, "", "source"));
    parser(required(root, "", "parser"));
    if (root.has("continue_on_error") && !root.get("continue_on_error").isBoolean()) {
      throw invalid("continue_on_error", "must be true or false");
    }
  }

  private static void column(JsonNode c, String path) {
    if (!c.isObject()) {
      throw invalid(path, "must be a mapping {name, type, nullable?}");
    }
    only(c, path, Set.of("name", "type", "nullable"));
    String name = text(required(c, path, "name"), path + ".name");
    if (name.length() > 255 || !COLUMN.matcher(name).matches()) {
      throw invalid(
          path + ".name", "must be 1 to 255 characters, a letter then letters, digits, '_' or '-'");
    }
    String type = text(required(c, path, "type"), path + ".type");
    if (!TYPES.contains(type)) {
      throw invalid(
          path + ".type", "must be one of " + String.join(", ", TYPES.stream().sorted().toList()));
    }
    if (c.has("nullable") && !c.get("nullable").isBoolean()) {
      throw invalid(path + ".nullable", "must be true or false");
    }
  }

  private static void source(JsonNode s) {
    if (!s.isObject()) {
      throw invalid("source", "must be a mapping {type, package_name, logical_key}");
    }
    only(s, "source", Set.of("type", "package_name", "logical_key"));
    if (!"quilt-packages".equals(text(required(s, "source", "type"), "source.type"))) {
      throw invalid("source.type", "must be quilt-packages");
    }
    pattern(required(s, "source", "package_name"), "source.package_name");
    pattern(required(s, "source", "logical_key"), "source.logical_key");
  }

  private static void pattern(JsonNode node, String path) {
    String regex = text(node, path);
    if (regex.isEmpty() || regex.length() > MAX_PATTERN) {
      throw invalid(path, "must be a regular expression of 1 to " + MAX_PATTERN + " characters");
    }
    StringBuilder java = new StringBuilder();
    Matcher m = NAMED_GROUP.matcher(regex);
    int n = 0;
    while (m.find()) {
      m.appendReplacement(java, "(?<g" + n++ + ">");
    }
    m.appendTail(java);
    String compiled = NAMED_BACKREF.matcher(java).replaceAll("(?:)");
    try {
      Pattern.compile(compiled);
    } catch (PatternSyntaxException e) {
      throw invalid(path, "is not a valid regular expression: " + e.getDescription());
    }
  }

  private static void parser(JsonNode p) {
    if (!p.isObject()) {
      throw invalid("parser", "must be a mapping {format, ...}");
    }
    String format = text(required(p, "parser", "format"), "parser.format");
    if (format.equals("parquet")) {
      only(p, "parser", Set.of("format"));
    } else if (format.equals("csv")) {
      only(p, "parser", Set.of("format", "header", "delimiter"));
      if (p.has("header") && !p.get("header").isBoolean()) {
        throw invalid("parser.header", "must be true or false");
      }
      if (p.has("delimiter")) {
        String d = text(p.get("delimiter"), "parser.delimiter");
        if (d.codePointCount(0, d.length()) != 1) {
          throw invalid("parser.delimiter", "must be exactly one character");
        }
      }
    } else {
      throw invalid("parser.format", "must be csv or parquet");
    }
  }

  private static void only(JsonNode node, String path, Set<String> allowed) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw invalid(
            (path.isEmpty() ? "" : path + ".") + key,
            "is not allowed here (allowed: "
                + String.join(", ", allowed.stream().sorted().toList())
                + ")");
      }
    }
  }

  private static JsonNode required(JsonNode node, String path, String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      throw invalid((path.isEmpty() ? "" : path + ".") + key, "is required");
    }
    return v;
  }

  private static String text(JsonNode node, String path) {
    if (!node.isTextual()) {
      throw invalid(path, "must be a string");
    }
    return node.asText();
  }

  private static ToolFailure invalid(String path, String what) {
    String shown = path.length() > 300 ? path.substring(0, 300) + "..." : path;
    return new ToolFailure(
        AthenaReason.TABULATOR_CONFIG_INVALID,
        "The tabulator config is invalid: " + shown + " " + what + "; nothing was sent",
        JsonSchema.NODES.objectNode().put("path", shown));
  }

  private static YAMLMapper yamlMapper() {
    LoaderOptions loader = new LoaderOptions();
    loader.setCodePointLimit(MAX_BYTES + 1);
    loader.setNestingDepthLimit(MAX_DEPTH);
    loader.setMaxAliasesForCollections(0);
    loader.setAllowRecursiveKeys(false);
    loader.setAllowDuplicateKeys(false);
    YAMLFactory factory =
        YAMLFactory.builder()
            .loaderOptions(loader)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxDocumentLength(MAX_BYTES + 1L)
                    .build())
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build();
    return new YAMLMapper(factory);
  }
}

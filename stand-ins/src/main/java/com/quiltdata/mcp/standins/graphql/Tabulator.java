package com.quiltdata.mcp.standins.graphql;

import graphql.schema.DataFetcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The registry's tabulator tables: {@code BucketConfig.tabulatorTables}, {@code
 * bucketSetTabulatorTable} (create, replace, or delete with a null config) and {@code
 * bucketRenameTabulatorTable}. A config the registry would reject is answered with an {@code
 * InvalidInput}; these checks are written apart from the MCP server's own validator, so a test
 * proves the two agree.
 */
final class Tabulator {
  private static final Set<String> TOP = Set.of("schema", "source", "parser", "continue_on_error");
  private static final Set<String> TYPES =
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
  private static final Pattern COLUMN = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,254}");

  private final CatalogModel model;

  Tabulator(CatalogModel model) {
    this.model = model;
  }

  /** {@code Query.bucketConfig(name)}: null for a bucket the caller does not see. */
  DataFetcher<Object> bucketConfig() {
    return env -> {
      String name = env.getArgument("name");
      return Caller.of(env).sees(name) && model.hasBucket(name) ? config(name) : null;
    };
  }

  /** {@code BucketConfig.tabulatorTables}. */
  DataFetcher<Object> tables() {
    return env -> {
      Map<?, ?> source = env.getSource();
      List<Map<String, Object>> out = new ArrayList<>();
      model
          .tabulatorTables((String) source.get("name"))
          .forEach((n, c) -> out.add(new LinkedHashMap<>(Map.of("name", n, "config", c))));
      return out;
    };
  }

  DataFetcher<Object> set() {
    return env -> {
      String bucket = env.getArgument("bucketName");
      String table = env.getArgument("tableName");
      String config = env.getArgument("config");
      if (!Caller.of(env).sees(bucket) || !model.hasBucket(bucket)) {
        return Shapes.operationError("Forbidden", "No access to bucket " + bucket);
      }
      if (table.isEmpty()) {
        return invalid("tableName", "Table name must not be empty");
      }
      if (config != null) {
        String problem = problem(config);
        if (problem != null) {
          return invalid("config", problem);
        }
      }
      model.setTabulatorTable(bucket, table, config);
      return config(bucket);
    };
  }

  DataFetcher<Object> rename() {
    return env -> {
      String bucket = env.getArgument("bucketName");
      String table = env.getArgument("tableName");
      String newName = env.getArgument("newTableName");
      if (!Caller.of(env).sees(bucket) || !model.hasBucket(bucket)) {
        return Shapes.operationError("Forbidden", "No access to bucket " + bucket);
      }
      if (!model.tabulatorTables(bucket).containsKey(table)) {
        return invalid("tableName", "Table " + table + " does not exist");
      }
      if (newName.isEmpty() || !model.renameTabulatorTable(bucket, table, newName)) {
        return invalid("newTableName", "Table " + newName + " already exists or is empty");
      }
      return config(bucket);
    };
  }

  private Map<String, Object> config(String bucket) {
    Map<String, Object> m = Shapes.typed("BucketConfig");
    CatalogModel.Bucket b =
        model.buckets().stream().filter(x -> x.name().equals(bucket)).findFirst().orElseThrow();
    m.put("name", b.name());
    m.put("title", b.title());
    m.put("description", b.description());
    m.put("tags", b.tags());
    m.put("relevanceScore", 0);
    m.put("browsable", true);
    return m;
  }

  private static Map<String, Object> invalid(String path, String message) {
    return Shapes.invalidInput(List.of(Shapes.inputError(path, "ValidationError", message)));
  }

  /** What the registry would say is wrong with {@code yaml}, or null when it is fine. */
  static String problem(String yaml) {
    Object root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setMaxAliasesForCollections(10);
      root = new Yaml(new SafeConstructor(options)).load(yaml);
    } catch (RuntimeException e) {
      return "Invalid YAML";
    }
    if (!(root instanceof Map<?, ?> top)) {
      return "Config must be a mapping";
    }
    for (Object k : top.keySet()) {
      if (!TOP.contains(k)) {
        return "Unexpected property '" + k + "'";
      }
    }
    if (!(top.get("schema") instanceof List<?> schema) || schema.isEmpty()) {
      return "schema: at least one column is required";
    }
    for (Object c : schema) {
      if (!(c instanceof Map<?, ?> column)
          || !(column.get("name") instanceof String name)
          || !COLUMN.matcher(name).matches()) {
        return "schema: invalid column name";
      }
      if (!TYPES.contains(column.get("type"))) {
        return "schema: invalid type for column " + name;
      }
    }
    if (!(top.get("source") instanceof Map<?, ?> source)
        || !"quilt-packages".equals(source.get("type"))) {
      return "source: type must be quilt-packages";
    }
    for (String key : List.of("package_name", "logical_key")) {
      if (!(source.get(key) instanceof String regex)) {
        return "source." + key + " is required";
      }
      try {
        Pattern.compile(regex.replace("(?P<", "(?<").replace("_", ""));
      } catch (PatternSyntaxException e) {
        return "source." + key + ": invalid regular expression";
      }
    }
    if (!(top.get("parser") instanceof Map<?, ?> parser)
        || !("csv".equals(parser.get("format")) || "parquet".equals(parser.get("format")))) {
      return "parser: format must be csv or parquet";
    }
    return null;
  }
}

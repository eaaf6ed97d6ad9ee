package com.quiltdata.mcp.tools.athena.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.catalog.CatalogClient;
import com.quiltdata.mcp.tools.catalog.CatalogFailures;
import com.quiltdata.mcp.tools.catalog.CatalogReason;
import com.quiltdata.mcp.tools.schema.ArgumentTool;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.util.regex.Pattern;

/**
 * What the tabulator table tools share: the catalog's GraphQL with the caller's own token, the
 * table-name argument, and the registry's mutations, which registries before 2025-10 have only
 * under {@code admin}: the top-level field is tried first, and when the registry's validation error
 * names that field the same mutation is sent once more under {@code admin { ... }}.
 */
abstract class TabulatorTool extends ArgumentTool {
  static final String TABLE_NAME_PATTERN = "^[A-Za-z0-9_-]{1,255}$";
  private static final Pattern TABLE_NAME = Pattern.compile(TABLE_NAME_PATTERN);

  /** The selection of every {@code BucketSetTabulatorTableResult} member. */
  static final String RESULT =
      "{ __typename ... on BucketConfig { name tabulatorTables { name } }"
          + " ... on InvalidInput { errors { path message name context } }"
          + " ... on OperationError { message name context } }";

  private final CatalogClient catalog;

  TabulatorTool(CatalogClient catalog, ToolDefinition definition) {
    super(definition);
    this.catalog = catalog;
  }

  /** A table name argument's schema. */
  static ObjectNode tableName(String description) {
    return JsonSchema.string(description + " (1-255 of A-Z a-z 0-9 _ -)")
        .put("minLength", 1)
        .put("maxLength", 255)
        .put("pattern", TABLE_NAME_PATTERN);
  }

  /** A table name argument, checked. */
  static String tableName(Arguments args, String name) {
    String value = args.text(name);
    if (!TABLE_NAME.matcher(value).matches()) {
      throw ToolFailure.invalidArgument(
          "Argument '" + name + "' must be 1 to 255 of A-Z a-z 0-9 _ -");
    }
    return value;
  }

  /** The client, or {@code CATALOG_NOT_CONFIGURED} when no registry is set. */
  final CatalogClient catalog() {
    if (catalog == null) {
      throw new ToolFailure(
          CatalogReason.CATALOG_NOT_CONFIGURED,
          "Tabulator tables live in the Quilt catalog, and no registry is configured; set"
              + " QUILT_REGISTRY_URL");
    }
    return catalog;
  }

  /**
   * Sends {@code field(arguments) RESULT} as a mutation (falling back to {@code admin}), and
   * returns the bucket's table names after it.
   *
   * @param declarations the variable declarations, e.g. {@code $b: String!}
   * @param arguments the field's arguments, e.g. {@code bucketName: $b}
   */
  final ObjectNode mutate(
      ToolContext context,
      String field,
      String declarations,
      String arguments,
      ObjectNode variables,
      String what) {
    String call = field + "(" + arguments + ") " + RESULT;
    String head = "mutation(" + declarations + ") { ";
    CatalogClient.Response r = catalog().send(context, head + call + " }", variables);
    JsonNode result;
    if (r.errors().isEmpty()) {
      result = r.data().get(field);
    } else if (r.errors().stream().anyMatch(m -> undefined(m, field))) {
      // an older registry: the field exists only under admin
      JsonNode data = catalog().query(context, head + "admin { " + call + " } }", variables, what);
      result = data.path("admin").get(field);
    } else {
      throw CatalogFailures.errors(r.errors(), what);
    }
    JsonNode config = CatalogFailures.union(result, what, "BucketConfig");
    ObjectNode out = JsonSchema.NODES.objectNode();
    out.put("bucket", config.path("name").asText());
    ArrayNode names = out.putArray("table_names");
    for (JsonNode t : config.path("tabulatorTables")) {
      names.add(t.path("name").asText());
    }
    return out;
  }

  /**
   * Whether a top-level error is the validation error of an unknown field (graphql-java's "Field
   * 'x' in type 'Mutation' is undefined", graphql-core's "Cannot query field 'x'"): the mutation
   * did not run, so sending it under {@code admin} cannot apply it twice.
   */
  static boolean undefined(String message, String field) {
    return message.contains(field)
        && (message.contains("undefined") || message.contains("Cannot query field"));
  }

  /** The output schema of a mutation tool. */
  static ObjectNode mutationOutput() {
    ObjectNode out = JsonSchema.output("bucket", "table_name", "table_names");
    JsonSchema.property(out, "bucket", JsonSchema.typed("string"));
    JsonSchema.property(out, "table_name", JsonSchema.typed("string"));
    JsonSchema.property(
        out, "table_names", JsonSchema.arrayOf(JsonSchema.typed("string"), "Tables after it"));
    return out;
  }
}

package com.quiltdata.mcp.tools.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.util.List;

/**
 * The one mapping from what the catalog's GraphQL answers to typed {@link ToolFailure}s. What the
 * catalog says about the input or the operation ({@code InvalidInput}, {@code OperationError},
 * top-level {@code errors}) reaches the user verbatim, in the message and in {@code catalog_errors}
 * of the structured content, bounded to {@link #MAX_ERRORS} errors of at most {@link #MAX_TEXT}
 * characters each (control characters dropped).
 */
public final class CatalogFailures {
  /** Most catalog errors carried in one failure. */
  public static final int MAX_ERRORS = 20;

  /** Longest text of one carried error field. */
  public static final int MAX_TEXT = 1000;

  private CatalogFailures() {}

  /** The failure of an HTTP answer that is not a 200 from {@code registry}. */
  static ToolFailure status(int status, String registry) {
    if (status == 401 || status == 403) {
      return new ToolFailure(
          CatalogReason.CATALOG_ACCESS_DENIED,
          "The Quilt catalog at "
              + registry
              + " refused your token (HTTP "
              + status
              + "). Sign in to the catalog again for a fresh token; if it persists, ask a Quilt"
              + " administrator to check your role");
    }
    if (status == 429 || status >= 500) {
      return new ToolFailure(
          CatalogReason.CATALOG_UNAVAILABLE,
          "The Quilt catalog at " + registry + " answered HTTP " + status + "; retry later");
    }
    if (status >= 300 && status < 400) {
      return new ToolFailure(
          CatalogReason.CATALOG_BAD_RESPONSE,
          "The Quilt catalog at "
              + registry
              + " answered with a redirect (HTTP "
              + status
              + "), which is never followed; QUILT_REGISTRY_URL must name the registry itself");
    }
    return new ToolFailure(
        CatalogReason.CATALOG_BAD_RESPONSE,
        "The Quilt registry at "
            + registry
            + " answered HTTP "
            + status
            + " at /graphql: it does not serve the catalog's GraphQL there");
  }

  /** The failure of a response with top-level {@code errors}, for {@code what} was asked. */
  public static ToolFailure errors(List<String> messages, String what) {
    ObjectNode details = JsonSchema.NODES.objectNode();
    ArrayNode list = details.putArray("catalog_errors");
    StringBuilder text =
        new StringBuilder("The Quilt catalog refused to ").append(what).append(':');
    for (String m : messages.subList(0, Math.min(MAX_ERRORS, messages.size()))) {
      String safe = clean(m);
      list.addObject().put("message", safe);
      text.append(' ').append(safe).append(';');
    }
    text.setLength(text.length() - 1);
    return new ToolFailure(CatalogReason.CATALOG_QUERY_FAILED, text.toString(), details);
  }

  /**
   * The member of a result union, checked: returned when its {@code __typename} is one of {@code
   * success}; an {@code InvalidInput} or {@code OperationError} becomes a failure carrying every
   * detail the catalog gave.
   *
   * @param result the union's value (the query must select {@code __typename} and every member)
   * @param what what was asked, for the message, e.g. {@code "create package team/x"}
   * @throws ToolFailure {@code CATALOG_INVALID_INPUT}, {@code CATALOG_OPERATION_FAILED} or {@code
   *     CATALOG_BAD_RESPONSE}
   */
  public static JsonNode union(JsonNode result, String what, String... success) {
    String type = result == null ? "" : result.path("__typename").asText("");
    for (String s : success) {
      if (s.equals(type)) {
        return result;
      }
    }
    ObjectNode details = JsonSchema.NODES.objectNode();
    ArrayNode list = details.putArray("catalog_errors");
    if ("InvalidInput".equals(type)) {
      StringBuilder text =
          new StringBuilder("The Quilt catalog rejected the input to ").append(what).append(':');
      JsonNode errors = result.path("errors");
      for (int i = 0; i < Math.min(MAX_ERRORS, errors.size()); i++) {
        JsonNode e = errors.get(i);
        ObjectNode d = list.addObject();
        String path = e.path("path").isTextual() ? clean(e.get("path").asText()) : null;
        d.put("path", path);
        d.put("name", clean(e.path("name").asText("")));
        d.put("message", clean(e.path("message").asText("")));
        if (e.path("context").isObject()) {
          d.set("context", e.get("context"));
        }
        text.append(' ')
            .append(path == null ? "" : path + ": ")
            .append(d.get("message").asText())
            .append(" (")
            .append(d.get("name").asText())
            .append(");");
      }
      text.setLength(text.length() - 1);
      return throwing(
          new ToolFailure(CatalogReason.CATALOG_INVALID_INPUT, text.toString(), details));
    }
    if ("OperationError".equals(type)) {
      ObjectNode d = list.addObject();
      d.put("name", clean(result.path("name").asText("")));
      d.put("message", clean(result.path("message").asText("")));
      if (result.path("context").isObject()) {
        d.set("context", result.get("context"));
      }
      return throwing(
          new ToolFailure(
              CatalogReason.CATALOG_OPERATION_FAILED,
              "The Quilt catalog could not "
                  + what
                  + ": "
                  + d.get("message").asText()
                  + " ("
                  + d.get("name").asText()
                  + ")",
              details));
    }
    return throwing(
        new ToolFailure(
            CatalogReason.CATALOG_BAD_RESPONSE,
            "The Quilt catalog answered "
                + what
                + " with an unexpected result type '"
                + clean(type)
                + "'"));
  }

  private static JsonNode throwing(ToolFailure f) {
    throw f;
  }

  /** Text as the catalog gave it, without control characters and at most MAX_TEXT long. */
  static String clean(String text) {
    StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_TEXT));
    for (int i = 0; i < text.length() && b.length() < MAX_TEXT; i++) {
      char c = text.charAt(i);
      if (!Character.isISOControl(c)) {
        b.append(c);
      }
    }
    return b.toString();
  }
}

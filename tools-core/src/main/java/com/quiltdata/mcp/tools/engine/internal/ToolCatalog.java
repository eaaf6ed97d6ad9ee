package com.quiltdata.mcp.tools.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.engine.EngineResponse.Outcome;
import com.quiltdata.mcp.tools.engine.ErrorCodes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The registered tools, their compiled validators and their paginated listing. Immutable. */
final class ToolCatalog {
  /** A tool with its compiled input validator. */
  record Entry(Tool tool, ToolDefinition definition, SchemaValidator validator) {}

  /** One page of the listing. */
  record Page(ArrayNode tools, String nextCursor) {}

  private static final String CURSOR_PREFIX = "tools:v1:";

  private final Map<String, Entry> byName;
  private final List<ObjectNode> listing;
  private final int pageSize;

  ToolCatalog(List<Tool> tools, int pageSize) {
    Map<String, Entry> map = new LinkedHashMap<>();
    List<ObjectNode> list = new ArrayList<>(tools.size());
    for (Tool tool : tools) {
      ToolDefinition d = tool.definition();
      if (d == null) {
        throw new IllegalStateException("a tool returned no definition");
      }
      if (map.containsKey(d.name())) {
        throw new IllegalStateException("tool name registered twice: " + d.name());
      }
      map.put(d.name(), new Entry(tool, d, SchemaValidator.compile(d.name(), d.inputSchema())));
      list.add(describe(d));
    }
    this.byName = Map.copyOf(map);
    this.listing = List.copyOf(list);
    this.pageSize = pageSize;
  }

  Optional<Entry> find(String name) {
    return Optional.ofNullable(name == null ? null : byName.get(name));
  }

  List<ToolDefinition> definitions() {
    List<ToolDefinition> out = new ArrayList<>(listing.size());
    for (ObjectNode n : listing) {
      out.add(byName.get(n.get("name").textValue()).definition());
    }
    return List.copyOf(out);
  }

  /**
   * One page.
   *
   * @param cursor the client's opaque cursor or null for the first page
   * @return empty when the cursor is not one this server issued
   */
  Optional<Page> page(String cursor) {
    int offset = 0;
    if (cursor != null) {
      Optional<Integer> decoded = decode(cursor);
      if (decoded.isEmpty()) {
        return Optional.empty();
      }
      offset = decoded.get();
    }
    ArrayNode tools = JsonCodec.NODES.arrayNode();
    int end = Math.min(listing.size(), offset + pageSize);
    for (int i = offset; i < end; i++) {
      tools.add(listing.get(i).deepCopy());
    }
    return Optional.of(new Page(tools, end < listing.size() ? encode(end) : null));
  }

  /** Answers {@code tools/list}; {@code result} still lacks era-specific fields. */
  Reply list(ParsedMessage m) {
    ObjectNode params = m.params();
    JsonNode cursorNode = params == null ? null : params.get("cursor");
    if (cursorNode != null && !cursorNode.isNull() && !cursorNode.isTextual()) {
      return Reply.error(
          m.id(),
          Outcome.ANSWER,
          ErrorCodes.INVALID_PARAMS,
          "Invalid params: 'cursor' must be a string");
    }
    String cursor = cursorNode == null || cursorNode.isNull() ? null : cursorNode.textValue();
    Optional<Page> page = page(cursor);
    if (page.isEmpty()) {
      return Reply.error(
          m.id(),
          Outcome.ANSWER,
          ErrorCodes.INVALID_PARAMS,
          "Invalid params: unknown cursor; call tools/list without a cursor to start over");
    }
    ObjectNode result = JsonCodec.NODES.objectNode();
    result.set("tools", page.get().tools());
    if (page.get().nextCursor() != null) {
      result.put("nextCursor", page.get().nextCursor());
    }
    return Reply.result(m.id(), result);
  }

  private Optional<Integer> decode(String cursor) {
    if (cursor.length() > 64) {
      return Optional.empty();
    }
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!text.startsWith(CURSOR_PREFIX)) {
      return Optional.empty();
    }
    String digits = text.substring(CURSOR_PREFIX.length());
    if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    int offset = Integer.parseInt(digits);
    if (offset <= 0 || offset >= listing.size()) {
      return Optional.empty();
    }
    return Optional.of(offset);
  }

  private static String encode(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((CURSOR_PREFIX + offset).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The listed output schema: the tool's own, widened so that an {@code isError} result's
   * structured content ({@code reason}, {@code retryable}, {@code message}) validates too. The
   * tool's required members move into the first branch of an {@code anyOf}; the second requires the
   * failure members. (Clients validate structured content whenever it is present, errors included.)
   */
  static ObjectNode admittingFailures(ObjectNode schema) {
    ObjectNode out = schema.deepCopy();
    ObjectNode props =
        out.get("properties") instanceof ObjectNode p ? p : out.putObject("properties");
    props.putIfAbsent(ToolResult.REASON, JsonCodec.NODES.objectNode().put("type", "string"));
    props.putIfAbsent(ToolResult.RETRYABLE, JsonCodec.NODES.objectNode().put("type", "boolean"));
    props.putIfAbsent(ToolResult.MESSAGE, JsonCodec.NODES.objectNode().put("type", "string"));
    JsonNode required = out.remove("required");
    if (required != null && required.isArray() && !required.isEmpty()) {
      ArrayNode anyOf = out.putArray("anyOf");
      anyOf.addObject().set("required", required);
      anyOf.addObject().putArray("required").add(ToolResult.REASON).add(ToolResult.RETRYABLE);
    }
    return out;
  }

  private static ObjectNode describe(ToolDefinition d) {
    ObjectNode n = JsonCodec.NODES.objectNode();
    n.put("name", d.name());
    d.title().ifPresent(t -> n.put("title", t));
    n.put("description", d.description());
    n.set("inputSchema", d.inputSchema());
    d.outputSchema().ifPresent(s -> n.set("outputSchema", admittingFailures(s)));
    d.annotations().ifPresent(a -> n.set("annotations", a));
    return n;
  }
}

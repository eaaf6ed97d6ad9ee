package com.quiltdata.mcp.tools.s3.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.QuiltToolPolicies;
import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.ToolDefinition;

/** Builds the JSON Schema fragments of the S3 tools (the engine's validated subset only). */
final class Schemas {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Shape of a bucket name, checked before the authorizer sees it. */
  static final String BUCKET_PATTERN = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$";

  /** Shape of an object URI; the key and query are checked in code. */
  static final String S3_URI_PATTERN = "^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/";

  /** Longest {@code s3_uri} accepted (bucket, 1024-byte key, version id). */
  static final int MAX_URI_LENGTH = 2200;

  private Schemas() {}

  /** A closed object schema ({@code additionalProperties: false}). */
  static ObjectNode object() {
    ObjectNode o = NODES.objectNode().put("type", "object");
    o.putObject("properties");
    o.put("additionalProperties", false);
    return o;
  }

  /**
   * An output schema: an object that may grow fields without breaking clients (so not closed like
   * {@link #object()}).
   */
  static ObjectNode output() {
    ObjectNode o = object();
    o.remove("additionalProperties");
    return o;
  }

  /**
   * An output schema that starts with the object a tool addressed: {@code bucket}, {@code key},
   * {@code version_id} and {@code s3_uri}, as {@link BucketTool#locatedResult} fills them.
   */
  static ObjectNode locatedOutput() {
    ObjectNode o = output();
    property(o, "bucket", typed("string"));
    property(o, "key", typed("string"));
    property(o, "version_id", typed("string", "null"));
    property(o, "s3_uri", typed("string"));
    return o;
  }

  static ObjectNode property(ObjectNode schema, String name, ObjectNode property) {
    ((ObjectNode) schema.get("properties")).set(name, property);
    return property;
  }

  static void required(ObjectNode schema, String... names) {
    ArrayNode r = schema.putArray("required");
    for (String n : names) {
      r.add(n);
    }
  }

  static ObjectNode string(String description) {
    return NODES.objectNode().put("type", "string").put("description", description);
  }

  static ObjectNode bucket() {
    return string("Bucket name, e.g. quilt-example (S3 naming rules: 3-63 of a-z 0-9 . -)")
        .put("minLength", 3)
        .put("maxLength", 63)
        .put("pattern", BUCKET_PATTERN);
  }

  static ObjectNode s3Uri() {
    return string(
            "Object URI: s3://bucket/key, optionally with ?versionId=ID. The key is taken"
                + " literally (no percent-decoding).")
        .put("minLength", 8)
        .put("maxLength", MAX_URI_LENGTH)
        .put("pattern", S3_URI_PATTERN);
  }

  static ObjectNode integer(String description, long min, long max, long defaultValue) {
    return NODES
        .objectNode()
        .put("type", "integer")
        .put("description", description)
        .put("minimum", min)
        .put("maximum", max)
        .put("default", defaultValue);
  }

  static ObjectNode bool(String description, boolean defaultValue) {
    return NODES
        .objectNode()
        .put("type", "boolean")
        .put("description", description)
        .put("default", defaultValue);
  }

  /** An output-schema property of one or more JSON types. */
  static ObjectNode typed(String... types) {
    ObjectNode p = NODES.objectNode();
    if (types.length == 1) {
      p.put("type", types[0]);
    } else {
      ArrayNode t = p.putArray("type");
      for (String type : types) {
        t.add(type);
      }
    }
    return p;
  }

  /** Annotations for a tool that only reads. */
  static ObjectNode readOnly() {
    return NODES
        .objectNode()
        .put("readOnlyHint", true)
        .put("destructiveHint", false)
        .put("idempotentHint", true)
        .put("openWorldHint", true);
  }

  /**
   * A tool's definition from its parts; its requirements are those of {@link #requirements}.
   *
   * @param annotations behaviour hints, e.g. {@link #readOnly()}
   */
  static ToolDefinition definition(
      String name,
      String title,
      String description,
      ObjectNode in,
      ObjectNode out,
      ObjectNode annotations) {
    return ToolDefinition.builder(name)
        .title(title)
        .description(description)
        .inputSchema(in)
        .outputSchema(out)
        .annotations(annotations)
        .requirements(requirements(name))
        .build();
  }

  /**
   * The requirements of a Quilt tool from {@link QuiltToolPolicies#defaults()}: the tools declare
   * exactly what the authorization table says, never a private copy of it.
   */
  static ToolRequirements requirements(String tool) {
    for (ToolRequirements r : QuiltToolPolicies.defaults()) {
      if (r.tool().equals(tool)) {
        return r;
      }
    }
    throw new IllegalStateException("QuiltToolPolicies.defaults() has no entry for " + tool);
  }
}

package com.quiltdata.mcp.tools.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one builder of tool JSON Schemas: fragments in the subset the engine validates (see {@code
 * McpEngine}), plus the Quilt-wide shapes (bucket names, {@code s3://} URIs) that several families
 * accept. Every method returns a fresh node that the caller may keep changing.
 *
 * <pre>{@code
 * ObjectNode in = JsonSchema.object("s3_uri");
 * JsonSchema.property(in, "s3_uri", JsonSchema.s3Uri());
 * JsonSchema.property(in, "max_bytes", JsonSchema.integer("Bytes to read", 1, 65536, 4096));
 * }</pre>
 */
public final class JsonSchema {
  /** The node factory every family builds JSON with. */
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Shape of a bucket name, checked before the authorizer sees it. */
  public static final String BUCKET_PATTERN = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$";

  /** Shape of an object URI; the key and query are checked in code. */
  public static final String S3_URI_PATTERN = "^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/";

  /** Longest {@code s3_uri} accepted (bucket, 1024-byte key, version id). */
  public static final int MAX_URI_LENGTH = 2200;

  private JsonSchema() {}

  /**
   * An input object schema closed to other members ({@code additionalProperties: false}), with the
   * given required members.
   */
  public static ObjectNode object(String... required) {
    ObjectNode o = NODES.objectNode().put("type", "object");
    o.putObject("properties");
    o.put("additionalProperties", false);
    if (required.length > 0) {
      required(o, required);
    }
    return o;
  }

  /** An output object schema: it may grow members without breaking clients, so it stays open. */
  public static ObjectNode output(String... required) {
    ObjectNode o = object(required);
    o.remove("additionalProperties");
    return o;
  }

  /** An object schema that allows any members (metadata, untrusted token content). */
  public static ObjectNode anyObject(String description) {
    return NODES.objectNode().put("type", "object").put("description", description);
  }

  /** Adds a property to an object schema; returns the object schema. */
  public static ObjectNode property(ObjectNode schema, String name, ObjectNode property) {
    ((ObjectNode) schema.get("properties")).set(name, property);
    return schema;
  }

  /** Sets the required members of an object schema (replacing any before); returns it. */
  public static ObjectNode required(ObjectNode schema, String... names) {
    ArrayNode r = schema.putArray("required");
    for (String n : names) {
      r.add(n);
    }
    return schema;
  }

  /** A string with a description. */
  public static ObjectNode string(String description) {
    return NODES.objectNode().put("type", "string").put("description", description);
  }

  /** A string that must be one of {@code values}. */
  public static ObjectNode enumOf(String description, String... values) {
    ObjectNode schema = string(description);
    ArrayNode allowed = schema.putArray("enum");
    for (String v : values) {
      allowed.add(v);
    }
    return schema;
  }

  /** An integer with a description. */
  public static ObjectNode integer(String description) {
    return NODES.objectNode().put("type", "integer").put("description", description);
  }

  /** An integer within bounds, with its default. */
  public static ObjectNode integer(String description, long min, long max, long defaultValue) {
    return integer(description)
        .put("minimum", min)
        .put("maximum", max)
        .put("default", defaultValue);
  }

  /** A boolean with a description. */
  public static ObjectNode bool(String description) {
    return NODES.objectNode().put("type", "boolean").put("description", description);
  }

  /** A boolean with its default. */
  public static ObjectNode bool(String description, boolean defaultValue) {
    return bool(description).put("default", defaultValue);
  }

  /** An array of strings. */
  public static ObjectNode strings(String description) {
    return arrayOf(NODES.objectNode().put("type", "string"), description);
  }

  /** An array of {@code items}. */
  public static ObjectNode arrayOf(ObjectNode items, String description) {
    ObjectNode schema = NODES.objectNode().put("type", "array").put("description", description);
    schema.set("items", items);
    return schema;
  }

  /** A bare type (or a union of types), without description: for output schemas. */
  public static ObjectNode typed(String... types) {
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

  /** A bucket name argument (checked again, byte for byte, by the authorizer). */
  public static ObjectNode bucket() {
    return string("Bucket name, e.g. quilt-example (S3 naming rules: 3-63 of a-z 0-9 . -)")
        .put("minLength", 3)
        .put("maxLength", 63)
        .put("pattern", BUCKET_PATTERN);
  }

  /** An {@code s3://bucket/key} argument. */
  public static ObjectNode s3Uri() {
    return string(
            "Object URI: s3://bucket/key, optionally with ?versionId=ID. The key is taken"
                + " literally (no percent-decoding).")
        .put("minLength", 8)
        .put("maxLength", MAX_URI_LENGTH)
        .put("pattern", S3_URI_PATTERN);
  }
}

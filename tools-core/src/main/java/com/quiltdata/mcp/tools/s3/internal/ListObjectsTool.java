package com.quiltdata.mcp.tools.s3.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@code bucket_objects_list}: one page of a bucket's objects (ListObjectsV2). */
final class ListObjectsTool extends BucketTool {
  static final String NAME = "bucket_objects_list";
  static final int DEFAULT_MAX_KEYS = 100;
  static final int MAX_KEYS = 1000;
  static final int MAX_TOKEN_LENGTH = 4096;

  ListObjectsTool(S3Backend backend) {
    super(backend, describe());
  }

  private static ToolDefinition describe() {
    ObjectNode in = Schemas.object();
    Schemas.property(in, "bucket", Schemas.bucket());
    Schemas.property(
        in,
        "prefix",
        Schemas.string(
                "Only keys starting with this text, e.g. data/2024/ (default: all keys). At most"
                    + " 1024 bytes in UTF-8, no control characters.")
            .put("maxLength", ObjectKeys.MAX_KEY_BYTES)
            .put("default", ""));
    Schemas.property(
        in,
        "max_keys",
        Schemas.integer("Most objects to return in this page", 1, MAX_KEYS, DEFAULT_MAX_KEYS));
    Schemas.property(
        in,
        "continuation_token",
        Schemas.string("The next_token of the previous page, to get the next page")
            .put("minLength", 1)
            .put("maxLength", MAX_TOKEN_LENGTH));
    Schemas.required(in, "bucket");

    ObjectNode out = Schemas.output();
    Schemas.property(out, "bucket", Schemas.typed("string"));
    Schemas.property(out, "prefix", Schemas.typed("string"));
    ObjectNode objects = Schemas.property(out, "objects", Schemas.typed("array"));
    ObjectNode item = objects.putObject("items").put("type", "object");
    ObjectNode itemProps = item.putObject("properties");
    itemProps.set("key", Schemas.typed("string"));
    itemProps.set("size", Schemas.typed("integer"));
    itemProps.set("last_modified", Schemas.typed("string", "null"));
    itemProps.set("etag", Schemas.typed("string", "null"));
    itemProps.set("storage_class", Schemas.typed("string", "null"));
    item.putArray("required").add("key").add("size");
    Schemas.property(out, "key_count", Schemas.typed("integer"));
    Schemas.property(out, "max_keys", Schemas.typed("integer"));
    Schemas.property(out, "truncated", Schemas.typed("boolean"));
    Schemas.property(out, "next_token", Schemas.typed("string", "null"));
    Schemas.required(out, "bucket", "prefix", "objects", "key_count", "truncated", "next_token");

    return Schemas.definition(
        NAME,
        "List bucket objects",
        "Lists objects in an S3 bucket you have access to, one page at a time: key, size,"
            + " last_modified, etag and storage_class of each. When truncated is true, call"
            + " again with continuation_token set to next_token for the next page.",
        in,
        out,
        Schemas.readOnly());
  }

  @Override
  ToolResult run(ObjectNode args, ToolContext context) {
    String bucket = bucket(args, "bucket");
    String prefix = ObjectKeys.checkPrefix(optionalText(args, "prefix"), "prefix");
    int maxKeys = (int) integer(args, "max_keys", 1, MAX_KEYS, DEFAULT_MAX_KEYS);
    String token = continuationToken(optionalText(args, "continuation_token"));
    ListObjectsV2Request.Builder request =
        ListObjectsV2Request.builder().bucket(bucket).maxKeys(maxKeys);
    if (!prefix.isEmpty()) {
      request.prefix(prefix);
    }
    if (token != null) {
      request.continuationToken(token);
    }
    ListObjectsV2Response page =
        withClient(
            context, "bucket '" + bucket + "'", false, s3 -> s3.listObjectsV2(request.build()));
    ObjectNode out = Schemas.NODES.objectNode();
    out.put("bucket", bucket);
    out.put("prefix", prefix);
    ArrayNode objects = out.putArray("objects");
    for (S3Object o : page.contents()) {
      ObjectNode entry = objects.addObject();
      entry.put("key", o.key());
      entry.put("size", o.size() == null ? 0L : o.size());
      entry.put("last_modified", o.lastModified() == null ? null : o.lastModified().toString());
      entry.put("etag", etag(o.eTag()));
      entry.put("storage_class", o.storageClassAsString());
    }
    out.put("key_count", page.contents().size());
    out.put("max_keys", maxKeys);
    boolean truncated = Boolean.TRUE.equals(page.isTruncated());
    out.put("truncated", truncated);
    String next = page.nextContinuationToken();
    out.put("next_token", truncated && next != null && !next.isEmpty() ? next : null);
    return ToolResult.structured(out);
  }

  private static String continuationToken(String token) {
    if (token == null) {
      return null;
    }
    if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      throw S3Failure.invalid(
          "Argument 'continuation_token' must be the next_token of a previous page (1 to "
              + MAX_TOKEN_LENGTH
              + " characters)");
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw S3Failure.invalid(
            "Argument 'continuation_token' must be the next_token of a previous page, unchanged"
                + " (printable ASCII without spaces)");
      }
    }
    return token;
  }
}

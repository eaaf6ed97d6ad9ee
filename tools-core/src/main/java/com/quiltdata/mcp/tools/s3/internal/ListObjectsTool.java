package com.quiltdata.mcp.tools.s3.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.s3.S3Settings;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import com.quiltdata.mcp.tools.schema.KeyRules;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@code bucket_objects_list}: one page of a bucket's objects (ListObjectsV2). */
final class ListObjectsTool extends BucketTool {
  static final String NAME = "bucket_objects_list";
  static final int DEFAULT_MAX_KEYS = 100;
  static final int MAX_KEYS = 1000;
  static final int MAX_TOKEN_LENGTH = 4096;

  ListObjectsTool(AwsClients aws, S3Settings settings) {
    super(aws, settings, describe());
  }

  private static ToolDefinition describe() {
    ObjectNode in = JsonSchema.object();
    JsonSchema.property(in, "bucket", JsonSchema.bucket());
    JsonSchema.property(
        in,
        "prefix",
        JsonSchema.string(
                "Only keys starting with this text, e.g. data/2024/ (default: all keys). At most"
                    + " 1024 bytes in UTF-8, no control characters.")
            .put("maxLength", KeyRules.MAX_KEY_BYTES)
            .put("default", ""));
    JsonSchema.property(
        in,
        "max_keys",
        JsonSchema.integer("Most objects to return in this page", 1, MAX_KEYS, DEFAULT_MAX_KEYS));
    JsonSchema.property(
        in,
        "continuation_token",
        JsonSchema.string("The next_token of the previous page, to get the next page")
            .put("minLength", 1)
            .put("maxLength", MAX_TOKEN_LENGTH));
    JsonSchema.required(in, "bucket");

    ObjectNode out = JsonSchema.output();
    JsonSchema.property(out, "bucket", JsonSchema.typed("string"));
    JsonSchema.property(out, "prefix", JsonSchema.typed("string"));
    ObjectNode objects = JsonSchema.typed("array");
    JsonSchema.property(out, "objects", objects);
    ObjectNode item = objects.putObject("items").put("type", "object");
    ObjectNode itemProps = item.putObject("properties");
    itemProps.set("key", JsonSchema.typed("string"));
    itemProps.set("size", JsonSchema.typed("integer"));
    itemProps.set("last_modified", JsonSchema.typed("string", "null"));
    itemProps.set("etag", JsonSchema.typed("string", "null"));
    itemProps.set("storage_class", JsonSchema.typed("string", "null"));
    item.putArray("required").add("key").add("size");
    JsonSchema.property(out, "key_count", JsonSchema.typed("integer"));
    JsonSchema.property(out, "max_keys", JsonSchema.typed("integer"));
    JsonSchema.property(out, "truncated", JsonSchema.typed("boolean"));
    JsonSchema.property(out, "next_token", JsonSchema.typed("string", "null"));
    JsonSchema.required(out, "bucket", "prefix", "objects", "key_count", "truncated", "next_token");

    return S3Policy.TABLE.definition(
        NAME,
        "List bucket objects",
        "Lists objects in an S3 bucket you have access to, one page at a time: key, size,"
            + " last_modified, etag and storage_class of each. When truncated is true, call"
            + " again with continuation_token set to next_token for the next page.",
        in,
        out,
        Annotations.readOnly(true));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    String bucket = args.bucket("bucket");
    String prefix = KeyRules.checkPrefix(args.optionalText("prefix"), "prefix");
    int maxKeys = (int) args.integer("max_keys", 1, MAX_KEYS, DEFAULT_MAX_KEYS);
    String token = continuationToken(args.optionalText("continuation_token"));
    ListObjectsV2Request.Builder request =
        ListObjectsV2Request.builder().bucket(bucket).maxKeys(maxKeys);
    if (!prefix.isEmpty()) {
      request.prefix(prefix);
    }
    if (token != null) {
      request.continuationToken(token);
    }
    ListObjectsV2Response page =
        withS3(
            context,
            "bucket '" + bucket + "'",
            false,
            (s3, call) -> s3.listObjectsV2(request.overrideConfiguration(call.override()).build()));
    ObjectNode out = JsonSchema.NODES.objectNode();
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
      throw ToolFailure.invalidArgument(
          "Argument 'continuation_token' must be the next_token of a previous page (1 to "
              + MAX_TOKEN_LENGTH
              + " characters)");
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw ToolFailure.invalidArgument(
            "Argument 'continuation_token' must be the next_token of a previous page, unchanged"
                + " (printable ASCII without spaces)");
      }
    }
    return token;
  }
}

package com.quiltdata.mcp.tools.s3.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.tools.Content;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.s3.S3ErrorReason;
import com.quiltdata.mcp.tools.s3.S3Settings;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * {@code bucket_objects_put}: writes several small objects. Every item is checked before the first
 * write; then items are written in order and each gets its own result ({@code written}, {@code
 * failed} or {@code not_attempted}). A failure specific to one object (access denied on its key, a
 * refused request) lets the others proceed; anything that would fail them all (credentials, a
 * missing bucket, throttling, an outage, cancellation) stops the call and marks the rest {@code
 * not_attempted}. When anything was not written the result is an error that still lists every item.
 */
final class PutObjectsTool extends BucketTool {
  static final String NAME = "bucket_objects_put";
  private static final Set<S3ErrorReason> PER_ITEM =
      Set.of(S3ErrorReason.ACCESS_DENIED, S3ErrorReason.S3_ERROR);

  private final int maxItems;
  private final long maxBytes;

  PutObjectsTool(S3Backend backend) {
    super(backend, describe(backend.settings()));
    this.maxItems = backend.settings().maxPutItems();
    this.maxBytes = backend.settings().maxPutBytes();
  }

  private static ToolDefinition describe(S3Settings settings) {
    ObjectNode in = Schemas.object();
    Schemas.property(in, "bucket", Schemas.bucket());
    ObjectNode items =
        Schemas.property(
            in,
            "items",
            Schemas.NODES
                .objectNode()
                .put("type", "array")
                .put(
                    "description",
                    "Objects to write (at most "
                        + settings.maxPutItems()
                        + " items and "
                        + settings.maxPutBytes()
                        + " bytes per call)")
                .put("minItems", 1)
                .put("maxItems", settings.maxPutItems()));
    ObjectNode item = Schemas.object();
    Schemas.property(
        item,
        "key",
        Schemas.string("Object key, at most 1024 bytes in UTF-8, no control characters, no '?'")
            .put("minLength", 1)
            .put("maxLength", ObjectKeys.MAX_KEY_BYTES));
    Schemas.property(item, "text", Schemas.string("Content as text (stored as UTF-8)"));
    Schemas.property(item, "data", Schemas.string("Content as standard base64 (for binary data)"));
    Schemas.property(
        item,
        "content_type",
        Schemas.string(
                "Media type, e.g. text/csv (default: text/plain; charset=utf-8 for text,"
                    + " application/octet-stream for data)")
            .put("maxLength", PutItems.MAX_CONTENT_TYPE));
    Schemas.property(
        item,
        "metadata",
        Schemas.NODES
            .objectNode()
            .put("type", "object")
            .put(
                "description",
                "User metadata: name -> printable ASCII value, at most "
                    + PutItems.MAX_METADATA_BYTES
                    + " bytes in total"));
    Schemas.required(item, "key");
    items.set("items", item);
    Schemas.required(in, "bucket", "items");

    ObjectNode out = Schemas.output();
    Schemas.property(out, "bucket", Schemas.typed("string"));
    Schemas.property(out, "requested", Schemas.typed("integer"));
    Schemas.property(out, "uploaded", Schemas.typed("integer"));
    Schemas.property(out, "failed", Schemas.typed("integer"));
    Schemas.property(out, "not_attempted", Schemas.typed("integer"));
    Schemas.property(out, "results", Schemas.typed("array"));
    Schemas.required(out, "bucket", "requested", "uploaded", "results");

    ObjectNode annotations =
        Schemas.NODES
            .objectNode()
            .put("readOnlyHint", false)
            .put("destructiveHint", true)
            .put("idempotentHint", true)
            .put("openWorldHint", true);
    return Schemas.definition(
        NAME,
        "Write objects",
        "Writes objects to an S3 bucket: each item has a key and either text or base64 data,"
            + " optionally a content_type and metadata. Existing objects with the same key are"
            + " replaced. Nothing is written if any item is invalid; otherwise each item gets"
            + " its own result (written, failed, not_attempted).",
        in,
        out,
        annotations);
  }

  @Override
  ToolResult run(ObjectNode args, ToolContext context) {
    String bucket = bucket(args, "bucket");
    List<PutItems.Item> items = PutItems.parse(args.get("items"), maxItems, maxBytes);
    ObjectNode out = Schemas.NODES.objectNode();
    out.put("bucket", bucket);
    out.put("requested", items.size());
    ArrayNode results = out.putArray("results");
    Outcome outcome =
        withClient(
            context,
            "bucket '" + bucket + "'",
            false,
            s3 -> write(s3, bucket, items, results, context));
    out.put("uploaded", outcome.written);
    out.put("failed", outcome.failed);
    out.put("not_attempted", items.size() - outcome.written - outcome.failed);
    if (outcome.written == items.size()) {
      return ToolResult.structured(out);
    }
    return ToolResult.error(
        List.of(Content.text(summary(out, outcome)), Content.text(out.toString())));
  }

  private static final class Outcome {
    int written;
    int failed;
    S3Failure stoppedBy;
  }

  private static Outcome write(
      S3Client s3,
      String bucket,
      List<PutItems.Item> items,
      ArrayNode results,
      ToolContext context) {
    Outcome outcome = new Outcome();
    for (PutItems.Item item : items) {
      ObjectNode r = results.addObject();
      r.put("key", item.key());
      r.put("size", item.body().length);
      r.put("content_type", item.contentType());
      if (outcome.stoppedBy != null) {
        r.put("status", "not_attempted");
        continue;
      }
      if (context.isCancelled()) {
        outcome.stoppedBy = cancelled();
        r.put("status", "not_attempted");
        continue;
      }
      String uri = "s3://" + bucket + "/" + item.key();
      try {
        PutObjectResponse response =
            s3.putObject(
                PutObjectRequest.builder()
                    .bucket(bucket)
                    .key(item.key())
                    .contentType(item.contentType())
                    .contentLength((long) item.body().length)
                    .metadata(item.metadata())
                    .build(),
                RequestBody.fromBytes(item.body()));
        r.put("status", "written");
        r.put("etag", etag(response.eTag()));
        r.put("version_id", response.versionId());
        outcome.written++;
      } catch (SdkException | AuthException e) {
        S3Failure f =
            e instanceof AuthException a
                ? Failures.fromAuth(a)
                : Failures.fromSdk((SdkException) e, uri, true);
        r.put("status", "failed");
        ObjectNode error = r.putObject("error");
        error.put("reason", f.reason().name());
        error.put("retryable", f.reason().retryable());
        error.put("message", f.getMessage());
        outcome.failed++;
        if (!PER_ITEM.contains(f.reason())) {
          outcome.stoppedBy = f;
        }
      }
    }
    return outcome;
  }

  private static String summary(ObjectNode out, Outcome outcome) {
    StringBuilder m =
        new StringBuilder("Wrote ")
            .append(outcome.written)
            .append(" of ")
            .append(out.get("requested").asInt())
            .append(" objects to bucket '")
            .append(out.get("bucket").asText())
            .append("'; ")
            .append(outcome.failed)
            .append(" failed");
    int notAttempted = out.get("not_attempted").asInt();
    if (notAttempted > 0) {
      m.append(", ").append(notAttempted).append(" not attempted");
    }
    m.append(".");
    if (outcome.stoppedBy != null) {
      m.append(" Stopped after: ").append(outcome.stoppedBy.describe()).append(".");
    }
    m.append(" Each item's result (status written, failed or not_attempted) is in the JSON below;")
        .append(" retry only the items that were not written.");
    return m.toString();
  }
}

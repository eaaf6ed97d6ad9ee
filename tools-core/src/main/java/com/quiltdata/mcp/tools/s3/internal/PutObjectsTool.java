package com.quiltdata.mcp.tools.s3.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.aws.AwsCall;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.aws.AwsReason;
import com.quiltdata.mcp.tools.aws.AwsService;
import com.quiltdata.mcp.tools.s3.S3Settings;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import com.quiltdata.mcp.tools.schema.KeyRules;
import java.util.List;
import java.util.Set;
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
 * not_attempted}. When anything was not written the result is an error (reason: what stopped the
 * call, else the first item's failure) whose structured content still lists every item.
 */
final class PutObjectsTool extends BucketTool {
  static final String NAME = "bucket_objects_put";
  private static final Set<ToolFailure.Reason> PER_ITEM =
      Set.of(AwsReason.ACCESS_DENIED, AwsReason.SERVICE_ERROR);

  private final int maxItems;
  private final long maxBytes;

  PutObjectsTool(AwsClients aws, S3Settings settings) {
    super(aws, settings, describe(settings));
    this.maxItems = settings.maxPutItems();
    this.maxBytes = settings.maxPutBytes();
  }

  private static ToolDefinition describe(S3Settings settings) {
    ObjectNode in = JsonSchema.object();
    JsonSchema.property(in, "bucket", JsonSchema.bucket());
    ObjectNode items =
        JsonSchema.NODES
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
            .put("maxItems", settings.maxPutItems());
    JsonSchema.property(in, "items", items);
    ObjectNode item = JsonSchema.object();
    JsonSchema.property(
        item,
        "key",
        JsonSchema.string("Object key, at most 1024 bytes in UTF-8, no control characters, no '?'")
            .put("minLength", 1)
            .put("maxLength", KeyRules.MAX_KEY_BYTES));
    JsonSchema.property(item, "text", JsonSchema.string("Content as text (stored as UTF-8)"));
    JsonSchema.property(
        item, "data", JsonSchema.string("Content as standard base64 (for binary data)"));
    JsonSchema.property(
        item,
        "content_type",
        JsonSchema.string(
                "Media type, e.g. text/csv (default: text/plain; charset=utf-8 for text,"
                    + " application/octet-stream for data)")
            .put("maxLength", PutItems.MAX_CONTENT_TYPE));
    JsonSchema.property(
        item,
        "metadata",
        JsonSchema.NODES
            .objectNode()
            .put("type", "object")
            .put(
                "description",
                "User metadata: name -> printable ASCII value, at most "
                    + PutItems.MAX_METADATA_BYTES
                    + " bytes in total"));
    JsonSchema.required(item, "key");
    items.set("items", item);
    JsonSchema.required(in, "bucket", "items");

    ObjectNode out = JsonSchema.output();
    JsonSchema.property(out, "bucket", JsonSchema.typed("string"));
    JsonSchema.property(out, "requested", JsonSchema.typed("integer"));
    JsonSchema.property(out, "uploaded", JsonSchema.typed("integer"));
    JsonSchema.property(out, "failed", JsonSchema.typed("integer"));
    JsonSchema.property(out, "not_attempted", JsonSchema.typed("integer"));
    JsonSchema.property(out, "results", JsonSchema.typed("array"));
    JsonSchema.required(out, "bucket", "requested", "uploaded", "results");

    ObjectNode annotations = Annotations.writes(true, true);
    return S3Policy.TABLE.definition(
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
  protected ToolResult run(Arguments args, ToolContext context) {
    String bucket = args.bucket("bucket");
    List<PutItems.Item> items = PutItems.parse(args.raw("items"), maxItems, maxBytes);
    ObjectNode out = JsonSchema.NODES.objectNode();
    out.put("bucket", bucket);
    out.put("requested", items.size());
    ArrayNode results = out.putArray("results");
    AwsCall call = AwsCall.begin(context);
    Outcome outcome = write(aws.s3(), call, bucket, items, results, context);
    out.put("uploaded", outcome.written);
    out.put("failed", outcome.failed);
    out.put("not_attempted", items.size() - outcome.written - outcome.failed);
    if (outcome.written == items.size()) {
      return ToolResult.structured(out);
    }
    ToolFailure.Reason reason =
        outcome.stoppedBy != null ? outcome.stoppedBy.reason() : outcome.firstFailure;
    throw new ToolFailure(reason, summary(out, outcome), out);
  }

  private static final class Outcome {
    int written;
    int failed;
    ToolFailure.Reason firstFailure;
    ToolFailure stoppedBy;
  }

  private static Outcome write(
      S3Client s3,
      AwsCall call,
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
      if (outcome.stoppedBy == null && context.isCancelled()) {
        outcome.stoppedBy = ToolFailure.cancelled();
      }
      if (outcome.stoppedBy != null) {
        r.put("status", "not_attempted");
        continue;
      }
      String uri = "s3://" + bucket + "/" + item.key();
      try {
        PutObjectResponse response =
            call.run(
                AwsService.S3,
                uri,
                S3Failures.of(true),
                () ->
                    s3.putObject(
                        PutObjectRequest.builder()
                            .bucket(bucket)
                            .key(item.key())
                            .contentType(item.contentType())
                            .contentLength((long) item.body().length)
                            .metadata(item.metadata())
                            .overrideConfiguration(call.override())
                            .build(),
                        RequestBody.fromBytes(item.body())));
        r.put("status", "written");
        r.put("etag", etag(response.eTag()));
        r.put("version_id", response.versionId());
        outcome.written++;
      } catch (ToolFailure f) {
        r.put("status", "failed");
        ObjectNode error = r.putObject("error");
        error.put("reason", f.reason().name());
        error.put("retryable", f.retryable());
        error.put("message", f.getMessage());
        outcome.failed++;
        if (outcome.firstFailure == null) {
          outcome.firstFailure = f.reason();
        }
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
    m.append(" Each item's result (status written, failed or not_attempted) is in the structured")
        .append(" results; retry only the items that were not written.");
    return m.toString();
  }
}

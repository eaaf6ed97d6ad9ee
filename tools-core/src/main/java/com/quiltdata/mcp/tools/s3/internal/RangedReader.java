package com.quiltdata.mcp.tools.s3.internal;

import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.aws.AwsCall;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads at most {@code maxBytes} from the start of an object with a ranged GET, so a large object
 * is never downloaded whole; the object's full size comes from {@code Content-Range}. Checks for
 * cancellation between chunks.
 */
final class RangedReader {
  private static final int CHUNK = 64 * 1024;

  private RangedReader() {}

  /**
   * The first bytes of an object.
   *
   * @param bytes what was read (at most the requested maximum)
   * @param size the object's full size, or -1 if S3 did not say
   * @param truncated whether the object holds more than was read
   */
  record Read(
      byte[] bytes,
      long size,
      boolean truncated,
      String contentType,
      String etag,
      String versionId,
      Instant lastModified) {}

  static Read read(S3Client s3, AwsCall call, S3Location at, int maxBytes, ToolContext context)
      throws IOException {
    GetObjectRequest.Builder request =
        GetObjectRequest.builder()
            .bucket(at.bucket())
            .key(at.key())
            .versionId(at.versionId())
            .overrideConfiguration(call.override());
    ResponseInputStream<GetObjectResponse> in;
    try {
      in = s3.getObject(request.range("bytes=0-" + (maxBytes - 1)).build());
    } catch (S3Exception e) {
      if (e.statusCode() != 416) {
        throw e;
      }
      // A range on an empty object is "not satisfiable": read it without one.
      in = s3.getObject(request.range(null).build());
    }
    try (ResponseInputStream<GetObjectResponse> body = in) {
      GetObjectResponse response = body.response();
      ByteArrayOutputStream buffer =
          new ByteArrayOutputStream((int) Math.min(maxBytes, sizeHint(response)));
      byte[] chunk = new byte[Math.min(CHUNK, maxBytes)];
      boolean more = false;
      while (buffer.size() < maxBytes) {
        AwsCall.checkCancelled(context);
        int n = body.read(chunk, 0, Math.min(chunk.length, maxBytes - buffer.size()));
        if (n < 0) {
          break;
        }
        buffer.write(chunk, 0, n);
      }
      if (buffer.size() >= maxBytes) {
        // A server that ignored the range may send more: look one byte ahead, then drop the rest.
        more = body.read() >= 0;
        if (more) {
          body.abort();
        }
      }
      long size = totalSize(response);
      boolean truncated = size >= 0 ? size > buffer.size() : more;
      return new Read(
          buffer.toByteArray(),
          size,
          truncated,
          response.contentType(),
          BucketTool.etag(response.eTag()),
          response.versionId(),
          response.lastModified());
    }
  }

  private static long sizeHint(GetObjectResponse response) {
    Long length = response.contentLength();
    return length == null || length < 0 ? CHUNK : Math.max(length, 16);
  }

  /** The full size from {@code Content-Range: bytes 0-N/TOTAL}, else the content length. */
  private static long totalSize(GetObjectResponse response) {
    String range = response.contentRange();
    if (range != null) {
      int slash = range.lastIndexOf('/');
      if (slash >= 0) {
        try {
          return Long.parseLong(range.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    Long length = response.contentLength();
    return length == null ? -1 : length;
  }
}

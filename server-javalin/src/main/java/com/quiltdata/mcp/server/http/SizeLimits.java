package com.quiltdata.mcp.server.http;

import com.quiltdata.mcp.tools.engine.ErrorCodes;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;

/**
 * Request size limits, checked after the origin guard and before authentication.
 *
 * <ul>
 *   <li>Headers: the header lines ({@code name: value} plus line end) may total at most the
 *       configured limit, else 431. Jetty itself refuses (also with 431) anything more than {@link
 *       #JETTY_SLACK} bytes beyond the limit while parsing, before any handler runs.
 *   <li>Body: at most the limit is kept; more is 413. Oversized bodies are discarded while being
 *       read (bounded), never buffered.
 * </ul>
 */
final class SizeLimits {
  /** Extra room Jetty's parser allows beyond the limit (request line, framing). */
  static final int JETTY_SLACK = 8 * 1024;

  /** How much of an oversized body is read and discarded before answering 413. */
  static final int DRAIN_BYTES = 4 * 1024 * 1024;

  private final int maxHeaderBytes;
  private final int maxBodyBytes;

  SizeLimits(int maxHeaderBytes, int maxBodyBytes) {
    this.maxHeaderBytes = maxHeaderBytes;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The header buffer size to give Jetty. */
  int jettyHeaderBytes() {
    return maxHeaderBytes + JETTY_SLACK;
  }

  /**
   * Refuses oversized headers.
   *
   * @throws HttpRejection 431
   */
  void checkHeaders(Context ctx) {
    long total = 0;
    Enumeration<String> names = ctx.req().getHeaderNames();
    while (names != null && names.hasMoreElements()) {
      String name = names.nextElement();
      Enumeration<String> values = ctx.req().getHeaders(name);
      while (values != null && values.hasMoreElements()) {
        String value = values.nextElement();
        total += name.length() + 4L + (value == null ? 0 : value.length());
      }
    }
    if (total > maxHeaderBytes) {
      throw headersTooLarge(maxHeaderBytes);
    }
  }

  /** The 431 refusal. */
  static HttpRejection headersTooLarge(int limit) {
    return HttpRejection.of(
        431,
        HttpRejection.TRANSPORT_ERROR,
        "headers_too_large",
        "Request header fields too large: the headers exceed the limit of "
            + limit
            + " bytes (MCP_MAX_HEADER_BYTES).");
  }

  /**
   * Refuses, without reading it, a body whose declared {@code Content-Length} is beyond what {@link
   * #readBody} would drain.
   *
   * @throws HttpRejection 413
   */
  void checkDeclaredLength(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > (long) maxBodyBytes + DRAIN_BYTES) {
      throw bodyTooLarge().withHeader("Connection", "close");
    }
  }

  /**
   * Reads the body within the limit. A body over the limit is still read and discarded up to {@link
   * #DRAIN_BYTES} more bytes, so that the client (still sending) reliably receives the 413 instead
   * of a connection reset; beyond that the connection is closed.
   *
   * @throws HttpRejection 413 when it is larger, 408 when it arrived too slowly, 503 when the
   *     server holds too many bodies at once ({@link BodyIntake}), 400 when it cannot be read
   */
  byte[] readBody(Context ctx) {
    checkDeclaredLength(ctx);
    long declared = ctx.req().getContentLengthLong();
    try (InputStream in = ctx.req().getInputStream()) {
      ByteArrayOutputStream out =
          new ByteArrayOutputStream(
              declared > 0 && declared <= maxBodyBytes ? (int) declared : 1024);
      byte[] buffer = new byte[8192];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) >= 0) {
        total += n;
        if (total > maxBodyBytes + (long) DRAIN_BYTES) {
          throw bodyTooLarge().withHeader("Connection", "close");
        }
        if (total <= maxBodyBytes) {
          out.write(buffer, 0, n);
        }
      }
      if (total > maxBodyBytes) {
        throw bodyTooLarge();
      }
      return out.toByteArray();
    } catch (IOException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof BodyIntake.Refused refused) {
          throw refused.rejection();
        }
      }
      throw HttpRejection.of(
          400,
          HttpRejection.TRANSPORT_ERROR,
          "unreadable_body",
          "Bad request: the request body could not be read.");
    }
  }

  private HttpRejection bodyTooLarge() {
    return HttpRejection.of(
        413,
        ErrorCodes.INVALID_REQUEST,
        "body_too_large",
        "Content too large: the request body exceeds the limit of "
            + maxBodyBytes
            + " bytes (MCP_MAX_BODY_BYTES).");
  }
}

package com.quiltdata.mcp.server.http;

import io.javalin.http.Context;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * The public URLs of this protected resource (RFC 9728): the MCP endpoint itself ({@code resource})
 * and its metadata document ({@code resource_metadata} in challenges). Taken from the configured
 * public URL, else from the request's scheme and {@code Host} header, which is used only when it is
 * a plain host name or IP literal with an optional port (else the bound address).
 */
final class ResourceUrls {
  static final String METADATA_PATH = "/.well-known/oauth-protected-resource";
  private static final String MCP_PATH = "/mcp";
  private static final Pattern HOST_HEADER =
      Pattern.compile("([A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\])(:[0-9]{1,5})?");

  private final URI publicUrl;
  private final String bindHost;

  /**
   * @param publicUrl the configured public URL of the MCP endpoint, or null
   * @param bindHost the bound address, for requests without a usable Host header
   */
  ResourceUrls(URI publicUrl, String bindHost) {
    this.publicUrl = publicUrl;
    this.bindHost = bindHost;
  }

  /** The {@code resource} identifier: the MCP endpoint's public URL. */
  String resource(Context ctx) {
    if (publicUrl != null) {
      return publicUrl.toString();
    }
    return base(ctx) + MCP_PATH;
  }

  /** The URL of the metadata document for {@link #resource}. */
  String metadata(Context ctx) {
    if (publicUrl != null) {
      String path = publicUrl.getRawPath() == null ? "" : publicUrl.getRawPath();
      while (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      return publicUrl.getScheme() + "://" + publicUrl.getRawAuthority() + METADATA_PATH + path;
    }
    return base(ctx) + METADATA_PATH + MCP_PATH;
  }

  private String base(Context ctx) {
    String scheme = "https".equalsIgnoreCase(ctx.scheme()) ? "https" : "http";
    String host = ctx.header("Host");
    if (host == null || !HOST_HEADER.matcher(host).matches()) {
      host = McpHttpServer.authority(bindHost, ctx.port());
    }
    return scheme + "://" + host;
  }
}

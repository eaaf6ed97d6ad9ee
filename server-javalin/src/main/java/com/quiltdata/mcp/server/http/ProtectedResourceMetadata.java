package com.quiltdata.mcp.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.net.URI;
import java.util.List;

/**
 * The OAuth 2.0 protected-resource metadata (RFC 9728), served without authentication at {@code
 * /.well-known/oauth-protected-resource} and {@code /.well-known/oauth-protected-resource/mcp}:
 * which resource this is, which authorization servers issue its tokens (the Quilt catalog or
 * registry), and that tokens go in the {@code Authorization} header only.
 */
final class ProtectedResourceMetadata {
  private final ResourceUrls urls;
  private final List<URI> authorizationServers;

  ProtectedResourceMetadata(ResourceUrls urls, List<URI> authorizationServers) {
    this.urls = urls;
    this.authorizationServers = List.copyOf(authorizationServers);
  }

  /** Answers a metadata request. */
  void handle(Context ctx) {
    ObjectNode doc = JsonResponses.JSON.createObjectNode();
    doc.put("resource", urls.resource(ctx));
    ArrayNode servers = doc.putArray("authorization_servers");
    authorizationServers.forEach(u -> servers.add(u.toString()));
    doc.putArray("bearer_methods_supported").add("header");
    doc.put("resource_name", "Quilt MCP server");
    ctx.status(200);
    ctx.header("Cache-Control", "public, max-age=300");
    ctx.contentType(JsonResponses.APPLICATION_JSON);
    ctx.result(JsonResponses.write(doc));
  }
}

package com.quiltdata.mcp.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * The sample Quilt package in the sample bucket, {@value #NAME}: the two data files and the README.
 *
 * <p>It is created through the running MCP server, with the demo token and the production {@code
 * package_create} tool, so the first thing the demo does is the write path a user would take
 * (token, credential exchange, hashing, manifest and pointers). An existing {@code latest} pointer
 * (a previous run, or the user's own revisions) is left alone.
 */
final class SamplePackage {
  /** The package name. */
  static final String NAME = "demo/weather";

  /** What the package is made of. */
  static final List<String> SOURCES =
      List.of("s3://" + SampleBucket.NAME + "/data/", "s3://" + SampleBucket.NAME + "/README.md");

  /** The commit message of the first revision. */
  static final String MESSAGE = "Sample package seeded by the quilt-mcp demo";

  private static final String LATEST = ".quilt/named_packages/" + NAME + "/latest";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What seeding did.
   *
   * @param created whether a revision was written now
   * @param topHash the revision written now, or {@code null} when the package was already there
   */
  record Seeded(boolean created, String topHash) {}

  private SamplePackage() {}

  /** Whether the package already has a {@code latest} revision. */
  static boolean present(BlobStore store) {
    return store.blobExists(SampleBucket.NAME, LATEST);
  }

  /**
   * Creates the package through the MCP server unless it is present.
   *
   * @throws IllegalStateException with a secret-free reason when the server refuses
   */
  static Seeded seed(BlobStore store, URI mcpUrl, String token) {
    if (present(store)) {
      return new Seeded(false, null);
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    ObjectNode init = request(1, "initialize");
    ObjectNode initParams = init.putObject("params");
    initParams.put("protocolVersion", DemoBanner.CURL_PROTOCOL_VERSION);
    initParams.putObject("capabilities");
    initParams.putObject("clientInfo").put("name", "quilt-mcp-demo").put("version", "1");
    HttpResponse<String> initialized = post(client, mcpUrl, token, null, init);
    String session =
        initialized
            .headers()
            .firstValue("Mcp-Session-Id")
            .orElseThrow(() -> new IllegalStateException("initialize returned no session"));
    try {
      ObjectNode call = request(2, "tools/call");
      ObjectNode params = call.putObject("params").put("name", "package_create");
      ObjectNode args = params.putObject("arguments");
      args.put("package_name", NAME);
      args.put("registry", "s3://" + SampleBucket.NAME);
      ArrayNode uris = args.putArray("s3_uris");
      SOURCES.forEach(uris::add);
      args.put("message", MESSAGE);
      args.putObject("metadata").put("source", "quilt-mcp demo").put("stations", 3);
      JsonNode result = body(post(client, mcpUrl, token, session, call)).path("result");
      if (result.path("isError").asBoolean(true)) {
        String reason = result.path("structuredContent").path("reason").asText("unknown");
        throw new IllegalStateException("package_create failed (" + reason + ")");
      }
      return new Seeded(true, result.path("structuredContent").path("top_hash").asText());
    } finally {
      close(client, mcpUrl, token, session);
    }
  }

  private static ObjectNode request(int id, String method) {
    return JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
  }

  private static HttpResponse<String> post(
      HttpClient client, URI url, String token, String session, ObjectNode body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (session != null) {
      request.header("Mcp-Session-Id", session);
      request.header("MCP-Protocol-Version", DemoBanner.CURL_PROTOCOL_VERSION);
    }
    HttpResponse<String> response = send(client, request.build());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          body.path("method").asText() + " answered HTTP " + response.statusCode());
    }
    return response;
  }

  private static void close(HttpClient client, URI url, String token, String session) {
    try {
      send(
          client,
          HttpRequest.newBuilder(url)
              .timeout(TIMEOUT)
              .header("Authorization", "Bearer " + token)
              .header("Mcp-Session-Id", session)
              .header("MCP-Protocol-Version", DemoBanner.CURL_PROTOCOL_VERSION)
              .DELETE()
              .build());
    } catch (IllegalStateException e) {
      // the session expires on its own; the package is what matters
    }
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(
          "the MCP server did not answer (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating the sample package");
    }
  }

  private static JsonNode body(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("the MCP server answered something other than JSON");
    }
  }
}

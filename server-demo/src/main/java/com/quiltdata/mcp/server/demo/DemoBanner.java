package com.quiltdata.mcp.server.demo;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The text the demo prints once everything runs: the MCP URL, the demo token (meant to be copied:
 * it is a demo credential that expires with the demo's short token lifetime), ready-to-paste
 * commands for the MCP Inspector and curl (an S3 listing, a package browse, an Athena query), the
 * data directory and how to stop. It never contains the signing secret or the S3 keys; the secret
 * appears only as its fingerprint.
 */
final class DemoBanner {
  /** The protocol revision the curl commands speak. */
  static final String CURL_PROTOCOL_VERSION = "2025-06-18";

  /**
   * The MCP Inspector release the printed commands run. Pinned: the unpinned command broke when
   * Inspector 2.x changed its command line. The same version is in interop-tests/node/package.json,
   * where BannerCommandsIT runs the printed commands with it.
   */
  static final String INSPECTOR = "@modelcontextprotocol/inspector@2.12.0";

  /** The oldest Node.js the pinned Inspector runs on (its package's {@code engines}). */
  static final String INSPECTOR_NODE = "Node 22.19 or newer";

  /**
   * What the banner shows.
   *
   * @param mcpUrl the MCP endpoint
   * @param token the demo user's bearer token
   * @param tokenExpiresAt when the token expires
   * @param subject the demo user
   * @param bucket the sample bucket
   * @param actions the S3 actions the token grants in the bucket
   * @param dataDirectory the absolute data directory
   * @param s3Endpoint the embedded S3 server
   * @param athenaEndpoint the Athena and Glue stand-in
   * @param registryUrl the credential issuer
   * @param secretFingerprint the signing secret's fingerprint
   */
  record Details(
      URI mcpUrl,
      String token,
      Instant tokenExpiresAt,
      String subject,
      String bucket,
      List<String> actions,
      Path dataDirectory,
      URI s3Endpoint,
      URI athenaEndpoint,
      URI registryUrl,
      String secretFingerprint) {}

  private static final String RULE = "=".repeat(78);

  private DemoBanner() {}

  static String render(Details d) {
    String json =
        "-H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream'";
    String initialize =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
            + CURL_PROTOCOL_VERSION
            + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"curl\",\"version\":\"1\"}}}";
    String call =
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"bucket_objects_list\",\"arguments\":{\"bucket\":\""
            + d.bucket()
            + "\"}}}";
    String browse =
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"package_browse\",\"arguments\":{\"package_name\":\""
            + SamplePackage.NAME
            + "\",\"registry\":\"s3://"
            + d.bucket()
            + "\"}}}";
    String query =
        "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"athena_query_execute\",\"arguments\":{\"query\":\""
            + DemoAthena.EXAMPLE_QUERY
            + "\"}}}";
    String sessionCall =
        "   curl -s \"$MCP_URL\" -H \"Authorization: Bearer $MCP_TOKEN\" -H \"Mcp-Session-Id: $SESSION\" \\";
    String headers =
        "     -H 'MCP-Protocol-Version: " + CURL_PROTOCOL_VERSION + "' " + json + " \\";
    return String.join(
        "\n",
        RULE,
        " quilt-mcp demo is running. DEMO ONLY: loopback addresses, a secret generated for this",
        " run, data on your disk, no AWS account involved. Never use this setup in production.",
        " Every valid token gets the same S3 key pair, which opens every bucket of the embedded",
        " S3 server: signed directly, it reads any demo bucket. Only this server's authorizer",
        " holds a token to its own buckets here; a real registry issues per-user credentials.",
        RULE,
        "",
        " MCP endpoint  " + d.mcpUrl(),
        " Demo user     "
            + d.subject()
            + ", bucket "
            + d.bucket()
            + " ("
            + String.join(", ", d.actions())
            + ")",
        "               and Athena: read-only queries, their results and history, workgroups,",
        "               databases and tables",
        " Demo token    valid until "
            + d.tokenExpiresAt()
            + ". It is a demo credential for this run",
        "               only, printed so you can copy it; restart the demo for a new one.",
        "",
        " Copy into your shell:",
        "",
        "   export MCP_URL=" + d.mcpUrl(),
        "   export MCP_TOKEN=" + d.token(),
        "",
        " MCP Inspector, command line (" + INSPECTOR_NODE + "):",
        "   npx -y " + INSPECTOR + " --cli \"$MCP_URL\" --transport http \\",
        "     --header \"Authorization: Bearer $MCP_TOKEN\" --method tools/list",
        "",
        " MCP Inspector, web UI: run `npx -y " + INSPECTOR + "`, choose transport",
        " Streamable HTTP, URL " + d.mcpUrl() + ", and add the header",
        " Authorization: Bearer <the token above> (Authentication section), then Connect.",
        "",
        " curl: initialize, keep the session id, then call a tool:",
        "   SESSION=$(curl -s -D - -o /dev/null \"$MCP_URL\" -H \"Authorization: Bearer $MCP_TOKEN\" \\",
        "     " + json + " \\",
        "     -d '" + initialize + "' \\",
        "     | tr -d '\\r' | awk -F': ' 'tolower($1)==\"mcp-session-id\" {print $2}')",
        sessionCall,
        headers,
        "     -d '" + call + "'",
        "",
        " The sample Quilt package " + SamplePackage.NAME + " is in the same bucket; browse it:",
        sessionCall,
        headers,
        "     -d '" + browse + "'",
        "",
        " SQL with Athena (a local stand-in on DuckDB, no AWS account): the table "
            + DemoAthena.DATABASE
            + "."
            + DemoAthena.TABLE,
        " reads " + DemoAthena.OBJECT + " of the bucket at query time; run a query:",
        sessionCall,
        headers,
        "     -d '" + query + "'",
        "",
        " Data directory     "
            + d.dataDirectory()
            + " (bucket "
            + d.bucket()
            + " under s3/; kept between runs)",
        " Embedded S3        " + d.s3Endpoint() + " (S3Proxy, path-style)",
        " Athena stand-in    "
            + d.athenaEndpoint()
            + " (DuckDB, workgroup "
            + DemoAthena.WORKGROUP
            + "; Glue too)",
        " Registry stand-in  " + d.registryUrl() + CredentialIssuer.PATH,
        " Signing secret     fingerprint "
            + d.secretFingerprint()
            + " (the secret itself is never shown)",
        " Stop               Ctrl-C stops the MCP server, the credential issuer, Athena and S3.",
        RULE);
  }
}

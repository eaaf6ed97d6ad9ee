package com.quiltdata.mcp.tools.s3;

import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.s3.internal.S3Backend;
import com.quiltdata.mcp.tools.s3.internal.S3ToolSet;
import java.util.List;
import java.util.Objects;

/**
 * The S3 bucket tools, ready to register with {@link
 * com.quiltdata.mcp.tools.McpEngine.Builder#addTools}:
 *
 * <pre>{@code
 * S3Tools s3 = S3Tools.create(S3Settings.fromEnvironment(env));
 * McpEngine.Builder engine = McpEngine.builder().credentialsBroker(broker).addTools(s3.tools());
 * engine.authorizer(PolicyAuthorizer.of(engine.requirements()));
 * ...
 * s3.close(); // at shutdown
 * }</pre>
 *
 * <p>Every call runs on the caller's own AWS credentials, from the engine's {@link
 * com.quiltdata.mcp.auth.CredentialsBroker} ({@code ToolContext.credentials().providerFor(
 * principal)}), never on the server's ambient credentials. The tools' requirements are those of
 * {@link com.quiltdata.mcp.auth.QuiltToolPolicies#defaults()}, so the engine's authorizer checks
 * the token's actions and buckets before any tool runs.
 *
 * <p>One instance serves one engine (its per-user S3 client cache assumes one credentials broker).
 * Thread-safe. {@link #close()} releases the cached clients and the shared HTTP client.
 */
public final class S3Tools implements AutoCloseable {
  /** The names of the tools, in listing order. */
  public static final List<String> NAMES = S3ToolSet.NAMES;

  private final S3Settings settings;
  private final S3Backend backend;
  private final List<Tool> tools;

  private S3Tools(S3Settings settings) {
    this.settings = settings;
    this.backend = new S3Backend(settings);
    this.tools = S3ToolSet.create(backend);
  }

  /** Creates the tools; no network until a tool is called. */
  public static S3Tools create(S3Settings settings) {
    return new S3Tools(Objects.requireNonNull(settings, "settings"));
  }

  /** The tools, in listing order (see {@link #NAMES}). */
  public List<Tool> tools() {
    return tools;
  }

  /** The settings in force. */
  public S3Settings settings() {
    return settings;
  }

  /** Closes the cached per-user S3 clients (after calls in flight) and the HTTP client. */
  @Override
  public void close() {
    backend.close();
  }

  @Override
  public String toString() {
    return "S3Tools[" + settings + "]";
  }
}

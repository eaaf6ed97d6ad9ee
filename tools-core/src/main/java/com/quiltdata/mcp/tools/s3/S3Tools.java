package com.quiltdata.mcp.tools.s3;

import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.s3.internal.S3ToolSet;
import java.util.List;
import java.util.Objects;

/**
 * The S3 bucket tools: list, read (metadata, text, bytes), link and write objects, and discover the
 * caller's buckets. Usually assembled with every other family by {@code QuiltTools}; on its own:
 *
 * <pre>{@code
 * S3Tools s3 = S3Tools.create(S3Settings.fromEnvironment(env), awsClients);
 * McpEngine.Builder engine = McpEngine.builder().credentialsBroker(broker).addTools(s3.tools());
 * engine.authorizer(PolicyAuthorizer.of(engine.requirements()));
 * }</pre>
 *
 * <p>Every call runs on the caller's own AWS credentials, from the engine's {@link
 * com.quiltdata.mcp.auth.CredentialsBroker}, supplied per request to the shared S3 client; never on
 * the server's ambient credentials. The tools' requirements ({@link #requirements()}) are this
 * family's authorization table, so the engine's authorizer checks the token's actions and buckets
 * before any tool runs. Thread-safe.
 */
public final class S3Tools {
  /** The names of the tools, in listing order. */
  public static final List<String> NAMES = S3ToolSet.NAMES;

  private final S3Settings settings;
  private final List<Tool> tools;

  private S3Tools(S3Settings settings, AwsClients aws) {
    this.settings = settings;
    this.tools = S3ToolSet.create(aws, settings);
  }

  /** Creates the tools; no network until a tool is called. */
  public static S3Tools create(S3Settings settings, AwsClients aws) {
    return new S3Tools(
        Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(aws, "aws"));
  }

  /** The tools, in listing order (see {@link #NAMES}). */
  public List<Tool> tools() {
    return tools;
  }

  /** The family's authorization table: what each tool needs from the caller's token. */
  public static List<ToolRequirements> requirements() {
    return S3ToolSet.requirements();
  }

  /** The settings in force. */
  public S3Settings settings() {
    return settings;
  }

  @Override
  public String toString() {
    return "S3Tools[" + settings + "]";
  }
}

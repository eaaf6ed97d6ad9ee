package com.quiltdata.mcp.tools.assembly;

import com.quiltdata.mcp.auth.PolicyAuthorizer;
import com.quiltdata.mcp.auth.SessionStore;
import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.auth.VerifierSource;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.athena.AthenaSettings;
import com.quiltdata.mcp.tools.athena.AthenaTools;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.catalog.CatalogClient;
import com.quiltdata.mcp.tools.conformance.ConformanceTools;
import com.quiltdata.mcp.tools.diagnostics.DiagnosticsTools;
import com.quiltdata.mcp.tools.engine.McpEngine;
import com.quiltdata.mcp.tools.packages.PackageTools;
import com.quiltdata.mcp.tools.s3.S3Tools;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one assembly of the Quilt tool set, used by both servers: every family built from one
 * settings record, over one set of AWS clients, with the authorizer made of the families' own
 * tables.
 *
 * <pre>{@code
 * try (QuiltTools tools = QuiltTools.builder(Environment.WEB, settings)
 *     .verifierSource(verifiers).sessionStore(sessions).build()) {
 *   McpEngine engine = tools.configure(McpEngine.builder().credentialsBroker(broker)).build();
 *   ...
 * }
 * }</pre>
 *
 * <p>Listing order: diagnostics ({@code auth_status} first), S3, packages, Athena, then the test
 * profile. Read-only settings leave out every tool that writes and make the authorizer refuse them
 * too. {@link #close()} releases the AWS clients.
 */
public final class QuiltTools implements AutoCloseable {
  /** What the server tells clients at {@code initialize} about how to use it. */
  public static final String INSTRUCTIONS =
      "Quilt data tools acting with your own rights. Call discover_buckets to see the buckets"
          + " you may use and what you may do in each, auth_status for who you are; then list,"
          + " read, link or write objects with the bucket_* tools, and browse, create, update,"
          + " compare or search Quilt packages with the package_* tools, and query tables with"
          + " the athena_* tools (read-only SQL; long queries report progress and page), and"
          + " define tabulator tables over package contents with the tabulator_* tools.";

  private final QuiltToolsSettings settings;
  private final AwsClients aws;
  private final List<Tool> tools;
  private final PolicyAuthorizer authorizer;

  private QuiltTools(Builder b) {
    this.settings = b.settings;
    this.aws = AwsClients.create(settings.aws());
    try {
      List<Tool> all = new ArrayList<>();
      DiagnosticsTools.Builder diagnostics = DiagnosticsTools.builder(b.environment);
      if (b.verifiers != null) {
        diagnostics.verifierSource(b.verifiers);
      }
      if (b.sessions != null) {
        diagnostics.sessionStore(b.sessions);
      }
      all.addAll(diagnostics.build());
      all.addAll(S3Tools.create(settings.s3(), aws).tools());
      all.addAll(PackageTools.create(settings.packages(), aws, b.clock).tools());
      // A read-only server runs read-only statements only, whatever MCP_ATHENA_ALLOW_WRITES says.
      AthenaSettings athena =
          settings.readOnly() ? settings.athena().withAllowWrites(false) : settings.athena();
      URI registry = settings.packages().registryUrl();
      all.addAll(
          AthenaTools.create(
                  athena, aws, registry == null ? null : CatalogClient.builder(registry).build())
              .tools());
      all.addAll(ConformanceTools.create(settings.testTools()));
      List<Tool> served = new ArrayList<>();
      List<ToolRequirements> table = new ArrayList<>();
      for (Tool t : all) {
        if (settings.readOnly() && t.definition().requirements().writes()) {
          continue;
        }
        served.add(t);
        table.add(t.definition().requirements());
      }
      this.tools = List.copyOf(served);
      PolicyAuthorizer policy = PolicyAuthorizer.of(table);
      this.authorizer = settings.readOnly() ? policy.readOnly() : policy;
    } catch (RuntimeException e) {
      aws.close();
      throw e;
    }
  }

  /** Starts the assembly for a server environment and its settings. */
  public static Builder builder(
      DiagnosticsTools.Environment environment, QuiltToolsSettings settings) {
    return new Builder(environment, settings);
  }

  /** The tools, in listing order. */
  public List<Tool> tools() {
    return tools;
  }

  /** The authorizer over exactly these tools' requirements. */
  public PolicyAuthorizer authorizer() {
    return authorizer;
  }

  /** The settings in force. */
  public QuiltToolsSettings settings() {
    return settings;
  }

  /** Adds the tools, the authorizer and the instructions to an engine builder; returns it. */
  public McpEngine.Builder configure(McpEngine.Builder engine) {
    return engine.instructions(INSTRUCTIONS).addTools(tools).authorizer(authorizer);
  }

  /** Releases the AWS clients (calls in flight fail). */
  @Override
  public void close() {
    aws.close();
  }

  @Override
  public String toString() {
    return "QuiltTools[" + tools.size() + " tools, readOnly=" + settings.readOnly() + "]";
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private final DiagnosticsTools.Environment environment;
    private final QuiltToolsSettings settings;
    private VerifierSource verifiers;
    private SessionStore sessions;
    private Clock clock = Clock.systemUTC();

    private Builder(DiagnosticsTools.Environment environment, QuiltToolsSettings settings) {
      this.environment = Objects.requireNonNull(environment, "environment");
      this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The key ring the diagnostics tools inspect (required in web mode). */
    public Builder verifierSource(VerifierSource verifierSource) {
      this.verifiers = Objects.requireNonNull(verifierSource, "verifierSource");
      return this;
    }

    /** The session store whose aggregate counts the diagnostics show. */
    public Builder sessionStore(SessionStore sessionStore) {
      this.sessions = Objects.requireNonNull(sessionStore, "sessionStore");
      return this;
    }

    /** The clock the tools read (pointers' timestamps, link lifetimes). Default system UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds every family.
     *
     * @throws IllegalStateException in web mode without a verifier source
     */
    public QuiltTools build() {
      return new QuiltTools(this);
    }
  }
}

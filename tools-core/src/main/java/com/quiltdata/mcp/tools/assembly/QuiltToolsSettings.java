package com.quiltdata.mcp.tools.assembly;

import com.quiltdata.mcp.auth.EnvironmentReader;
import com.quiltdata.mcp.auth.EnvironmentVariable;
import com.quiltdata.mcp.tools.athena.AthenaSettings;
import com.quiltdata.mcp.tools.aws.AwsSettings;
import com.quiltdata.mcp.tools.conformance.TestTools;
import com.quiltdata.mcp.tools.packages.PackageSettings;
import com.quiltdata.mcp.tools.s3.S3Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the tool set is configured with, the same for the HTTP and the stdio server.
 *
 * @param aws how AWS is reached
 * @param s3 the S3 tools' limits
 * @param packages the package tools' backend, catalog and limits
 * @param athena the Athena tools' workgroup, write policy and bounds
 * @param testTools a test-only tool profile ({@code MCP_TEST_TOOLS})
 * @param readOnly whether tools that write are left out and refused ({@code MCP_READ_ONLY})
 */
public record QuiltToolsSettings(
    AwsSettings aws,
    S3Settings s3,
    PackageSettings packages,
    AthenaSettings athena,
    TestTools testTools,
    boolean readOnly) {

  /** {@code MCP_TEST_TOOLS}: {@code conformance} serves the conformance suite's tools. */
  public static final EnvironmentVariable TEST_TOOLS =
      EnvironmentVariable.choice("MCP_TEST_TOOLS", "none", "none", "off", "conformance");

  /** {@code MCP_READ_ONLY}: {@code true} leaves out every tool that writes. */
  public static final EnvironmentVariable READ_ONLY =
      EnvironmentVariable.flag("MCP_READ_ONLY", false);

  /** Every variable {@link #fromEnvironment} reads, those of the families' settings included. */
  public static final List<EnvironmentVariable> VARIABLES = variables();

  /** Validates that every part is given. */
  public QuiltToolsSettings {
    Objects.requireNonNull(aws, "aws");
    Objects.requireNonNull(s3, "s3");
    Objects.requireNonNull(packages, "packages");
    Objects.requireNonNull(athena, "athena");
    Objects.requireNonNull(testTools, "testTools");
  }

  /** AWS in us-east-1, default limits, no test tools, writes allowed. */
  public static QuiltToolsSettings defaults() {
    return new QuiltToolsSettings(
        AwsSettings.defaults(),
        S3Settings.defaults(),
        PackageSettings.defaults(),
        AthenaSettings.defaults(),
        TestTools.NONE,
        false);
  }

  /**
   * Reads {@link #VARIABLES}.
   *
   * @throws IllegalArgumentException naming the variable and the expected form (never its value)
   */
  public static QuiltToolsSettings fromEnvironment(Map<String, String> env) {
    EnvironmentReader reader = EnvironmentReader.of(env);
    TestTools testTools =
        "conformance".equals(reader.choice(TEST_TOOLS)) ? TestTools.CONFORMANCE : TestTools.NONE;
    return new QuiltToolsSettings(
        AwsSettings.fromEnvironment(env),
        S3Settings.fromEnvironment(env),
        PackageSettings.fromEnvironment(env),
        AthenaSettings.fromEnvironment(env),
        testTools,
        reader.flag(READ_ONLY));
  }

  /** A copy with other AWS settings. */
  public QuiltToolsSettings withAws(AwsSettings newAws) {
    return new QuiltToolsSettings(newAws, s3, packages, athena, testTools, readOnly);
  }

  /** A copy with other S3 limits. */
  public QuiltToolsSettings withS3(S3Settings newS3) {
    return new QuiltToolsSettings(aws, newS3, packages, athena, testTools, readOnly);
  }

  /** A copy with other package settings. */
  public QuiltToolsSettings withPackages(PackageSettings newPackages) {
    return new QuiltToolsSettings(aws, s3, newPackages, athena, testTools, readOnly);
  }

  /** A copy with other Athena settings. */
  public QuiltToolsSettings withAthena(AthenaSettings newAthena) {
    return new QuiltToolsSettings(aws, s3, packages, newAthena, testTools, readOnly);
  }

  /** A copy with another test profile. */
  public QuiltToolsSettings withTestTools(TestTools profile) {
    return new QuiltToolsSettings(aws, s3, packages, athena, profile, readOnly);
  }

  /** A copy that is read-only or not. */
  public QuiltToolsSettings withReadOnly(boolean newReadOnly) {
    return new QuiltToolsSettings(aws, s3, packages, athena, testTools, newReadOnly);
  }

  private static List<EnvironmentVariable> variables() {
    List<EnvironmentVariable> out = new ArrayList<>(AwsSettings.VARIABLES);
    out.addAll(S3Settings.VARIABLES);
    out.addAll(PackageSettings.VARIABLES);
    out.addAll(AthenaSettings.VARIABLES);
    out.add(TEST_TOOLS);
    out.add(READ_ONLY);
    return List.copyOf(out);
  }
}

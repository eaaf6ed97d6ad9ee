package com.quiltdata.mcp.tools.packages.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.packages.PackageReason;
import com.quiltdata.mcp.tools.packages.PackageSettings;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * What every package tool shares: the settings, the S3 registry, the AWS clients, and the schema
 * fragments of the arguments they have in common.
 */
final class Packages {
  final PackageSettings settings;
  final AwsClients aws;
  final Clock clock;
  private final Backends backends;

  Packages(PackageSettings settings, AwsClients aws, Clock clock) {
    this.settings = settings;
    this.aws = aws;
    this.clock = clock;
    this.backends =
        new Backends(settings, clock, new S3Backend(settings, new S3Registry(aws, clock)));
  }

  /** A revision that was read: its top hash and manifest. */
  record Revision(String topHash, Manifest manifest) {}

  /** The backend of this call ({@code MCP_PACKAGE_BACKEND}); one call uses one backend. */
  PackageBackend backend(ToolContext context) {
    return backends.of(context);
  }

  /**
   * Checks package or entry metadata: a JSON object of at most the configured size.
   *
   * @return a copy, or {@code null} when absent
   */
  ObjectNode metadata(ObjectNode value, String argument) {
    if (value == null) {
      return null;
    }
    int bytes;
    try {
      bytes = PythonJson.utf8(value).getBytes(StandardCharsets.UTF_8).length;
    } catch (IllegalArgumentException e) {
      throw ToolFailure.invalidArgument(
          "Argument '" + argument + "' holds a number JSON cannot carry (NaN or infinity)");
    }
    if (bytes > settings.maxMetadataBytes()) {
      throw new ToolFailure(
          PackageReason.TOO_LARGE,
          "Argument '"
              + argument
              + "' is "
              + bytes
              + " bytes as JSON; at most "
              + settings.maxMetadataBytes()
              + " (MCP_PACKAGE_MAX_METADATA_BYTES)");
    }
    return value.deepCopy();
  }

  /**
   * The input schema of a one-package tool: {@code package_name} and {@code registry}, both
   * required, then {@code alsoRequired}.
   */
  static ObjectNode packageInput(String... alsoRequired) {
    String[] required = new String[alsoRequired.length + 2];
    required[0] = "package_name";
    required[1] = "registry";
    System.arraycopy(alsoRequired, 0, required, 2, alsoRequired.length);
    ObjectNode in = JsonSchema.object(required);
    JsonSchema.property(in, "package_name", packageNameSchema("Package name user/name"));
    JsonSchema.property(in, "registry", registrySchema());
    return in;
  }

  static ObjectNode packageNameSchema(String description) {
    return JsonSchema.string(description)
        .put("minLength", 3)
        .put("maxLength", 201)
        .put("pattern", PackageNames.NAME_PATTERN);
  }

  static ObjectNode registrySchema() {
    return JsonSchema.string(
            "The registry bucket: s3://bucket or a bare bucket name, e.g. s3://quilt-example")
        .put("minLength", 3)
        .put("maxLength", 68);
  }

  static ObjectNode topHashSchema(String description) {
    return JsonSchema.string(description).put("pattern", "^[0-9a-f]{64}$");
  }

  static ObjectNode s3UrisSchema(int maxItems) {
    ObjectNode items =
        JsonSchema.string(
                "s3://bucket/key (an object) or s3://bucket/prefix/ (everything under it)")
            .put("maxLength", JsonSchema.MAX_URI_LENGTH)
            .put("pattern", "^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/");
    return JsonSchema.arrayOf(items, "Objects and prefixes to add").put("maxItems", maxItems);
  }
}

package com.quiltdata.mcp.tools.s3.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.jwt.BucketNames;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.s3.S3ErrorReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What every S3 tool shares: the caller's credentials resolved before any S3 request (so a registry
 * problem is reported as such and nothing reaches S3), the caller's own client for the duration of
 * the call, cancellation checks, and failures turned into {@code isError} results that name their
 * {@link S3ErrorReason}.
 */
abstract class BucketTool implements Tool {
  private static final Logger LOG = LoggerFactory.getLogger(BucketTool.class);

  final S3Backend backend;
  private final ToolDefinition definition;

  BucketTool(S3Backend backend, ToolDefinition definition) {
    this.backend = backend;
    this.definition = definition;
  }

  @Override
  public final ToolDefinition definition() {
    return definition;
  }

  @Override
  public final ToolResult call(ObjectNode arguments, ToolContext context) {
    try {
      return run(arguments, context);
    } catch (S3Failure f) {
      LOG.info(
          "tool {} failed: reason={} subject#{}",
          definition.name(),
          f.reason(),
          context.principal().subjectFingerprint());
      return f.toResult();
    }
  }

  /** The tool body; throws {@link S3Failure} for anything the caller should hear about. */
  abstract ToolResult run(ObjectNode arguments, ToolContext context);

  /** A call on the caller's own client. */
  @FunctionalInterface
  interface ClientCall<T> {
    T apply(S3Client client) throws IOException;
  }

  /**
   * Runs {@code call} on the caller's client, after resolving the caller's credentials.
   *
   * @param target what is addressed, for messages
   * @param objectLevel whether a key is addressed (a bare 404 then means a missing key)
   */
  final <T> T withClient(
      ToolContext context, String target, boolean objectLevel, ClientCall<T> call) {
    checkCancelled(context);
    AwsCredentialsProvider provider = context.credentials().providerFor(context.principal());
    resolve(provider);
    try (UserClients.Lease lease = backend.lease(context.principal(), provider)) {
      return call.apply(lease.client());
    } catch (SdkException e) {
      if (context.isCancelled()) {
        throw cancelled();
      }
      throw Failures.fromSdk(e, target, objectLevel);
    } catch (AuthException e) {
      throw Failures.fromAuth(e);
    } catch (IOException | UncheckedIOException e) {
      if (context.isCancelled()) {
        throw cancelled();
      }
      throw new S3Failure(
          S3ErrorReason.NETWORK,
          "Reading from S3 failed midway for " + target + ". Retry the call");
    }
  }

  /**
   * The caller's current credentials (fetched from the registry if needed).
   *
   * @throws S3Failure CREDENTIALS_UNAVAILABLE (retryable) or CREDENTIALS_REFUSED
   */
  static AwsCredentials resolve(AwsCredentialsProvider provider) {
    try {
      AwsCredentials credentials = provider.resolveCredentials();
      if (credentials == null) {
        throw new S3Failure(
            S3ErrorReason.CREDENTIALS_UNAVAILABLE,
            "No AWS credentials were issued for this request. Retry in a few seconds");
      }
      return credentials;
    } catch (AuthException e) {
      throw Failures.fromAuth(e);
    } catch (SdkException e) {
      throw new S3Failure(
          S3ErrorReason.CREDENTIALS_UNAVAILABLE,
          "AWS credentials could not be loaded ("
              + e.getClass().getSimpleName()
              + "). Retry in a few seconds; if it persists the operator should check the"
              + " credential configuration");
    }
  }

  static void checkCancelled(ToolContext context) {
    if (context.isCancelled()) {
      throw cancelled();
    }
  }

  static S3Failure cancelled() {
    return new S3Failure(S3ErrorReason.CANCELLED, "The call was cancelled by the client");
  }

  /** A bucket argument, checked against the S3 naming rules. */
  static String bucket(ObjectNode arguments, String name) {
    JsonNode v = arguments.get(name);
    String bucket = v == null || !v.isTextual() ? null : v.textValue();
    if (!BucketNames.isValid(bucket)) {
      throw S3Failure.invalid(
          "Argument '"
              + name
              + "' must be a valid S3 bucket name: 3-63 characters of a-z, 0-9, '.' and '-',"
              + " starting and ending with a letter or digit, no '..', not shaped like an IP"
              + " address");
    }
    return bucket;
  }

  /** The object named by the {@code s3_uri} argument. */
  static S3Location location(ObjectNode arguments) {
    return S3Location.parse(optionalText(arguments, "s3_uri"), "s3_uri");
  }

  /**
   * A result that starts with the object addressed, in the fields of {@link
   * Schemas#locatedOutput()}.
   *
   * @param reportedVersionId the version S3 reported, or {@code null} to show the one addressed
   */
  static ObjectNode locatedResult(S3Location at, String reportedVersionId) {
    ObjectNode out = Schemas.NODES.objectNode();
    out.put("bucket", at.bucket());
    out.put("key", at.key());
    out.put("version_id", reportedVersionId != null ? reportedVersionId : at.versionId());
    out.put("s3_uri", at.uri());
    return out;
  }

  /** An optional string argument ({@code null} when absent or JSON null). */
  static String optionalText(ObjectNode arguments, String name) {
    JsonNode v = arguments.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw S3Failure.invalid("Argument '" + name + "' must be a string");
    }
    return v.textValue();
  }

  /** An integer argument within bounds, or the default when absent. */
  static long integer(ObjectNode arguments, String name, long min, long max, long defaultValue) {
    JsonNode v = arguments.get(name);
    if (v == null || v.isNull()) {
      return defaultValue;
    }
    if (!v.canConvertToExactIntegral() || !v.canConvertToLong()) {
      throw S3Failure.invalid("Argument '" + name + "' must be an integer");
    }
    long n = v.longValue();
    if (n < min || n > max) {
      throw S3Failure.invalid(
          "Argument '" + name + "' must be between " + min + " and " + max + " (got " + n + ")");
    }
    return n;
  }

  /** A boolean argument, or the default when absent. */
  static boolean flag(ObjectNode arguments, String name, boolean defaultValue) {
    JsonNode v = arguments.get(name);
    if (v == null || v.isNull()) {
      return defaultValue;
    }
    if (!v.isBoolean()) {
      throw S3Failure.invalid("Argument '" + name + "' must be true or false");
    }
    return v.booleanValue();
  }

  /** An ETag without its surrounding quotes. */
  static String etag(String raw) {
    if (raw == null) {
      return null;
    }
    return raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")
        ? raw.substring(1, raw.length() - 1)
        : raw;
  }
}

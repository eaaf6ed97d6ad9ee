package com.quiltdata.mcp.auth;

import com.quiltdata.mcp.jwt.BucketNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * An {@link Authorizer} driven by a table of {@link ToolRequirements}. Deny by default:
 *
 * <ol>
 *   <li>a tool missing from the table is denied ({@code UNKNOWN_TOOL});
 *   <li>every required action must appear, exactly (String equality), in the token's permissions;
 *       {@code *} and {@code s3:*} are ordinary strings that grant nothing; empty permissions grant
 *       nothing ({@code MISSING_ACTIONS}, listing what is missing);
 *   <li>a tool that writes is refused by a {@link #readOnly()} authorizer ({@code
 *       WRITE_NOT_ALLOWED});
 *   <li>every bucket named by a {@link BucketArgument} (a bucket, an {@code s3://} URI, every
 *       element of a list, a package registry) must be a valid S3 bucket name and equal one of the
 *       token's buckets byte for byte (no case folding, no Unicode normalisation, {@code *} is not
 *       a wildcard); a required argument must be present ({@code BUCKET_NOT_GRANTED}).
 * </ol>
 *
 * <p>Messages name the missing actions and may echo the requested bucket (the caller's own input),
 * reduced to printable ASCII and at most {@value #MAX_ECHO} characters. Immutable and thread-safe.
 */
public final class PolicyAuthorizer implements Authorizer {
  private static final int MAX_ECHO = 64;
  private static final String S3_SCHEME = "s3://";

  private final Map<String, ToolRequirements> table;
  private final boolean readOnly;

  private PolicyAuthorizer(Map<String, ToolRequirements> table, boolean readOnly) {
    this.table = Map.copyOf(table);
    this.readOnly = readOnly;
  }

  /**
   * An authorizer for exactly these tools.
   *
   * @throws IllegalArgumentException if a tool appears twice
   */
  public static PolicyAuthorizer of(Collection<ToolRequirements> requirements) {
    Objects.requireNonNull(requirements, "requirements");
    Map<String, ToolRequirements> table = new HashMap<>();
    for (ToolRequirements r : requirements) {
      Objects.requireNonNull(r, "requirements must not contain null");
      if (table.putIfAbsent(r.tool(), r) != null) {
        throw new IllegalArgumentException("requirements name tool '" + r.tool() + "' twice");
      }
    }
    return new PolicyAuthorizer(table, false);
  }

  /** A copy that also refuses every tool whose requirements say it writes. */
  public PolicyAuthorizer readOnly() {
    return new PolicyAuthorizer(table, true);
  }

  /** Whether tools that write are refused. */
  public boolean isReadOnly() {
    return readOnly;
  }

  /**
   * The bucket of a package registry argument: {@code s3://bucket}, {@code s3://bucket/} or a bare
   * {@code bucket}. Not validated as a bucket name.
   *
   * @return empty when {@code registry} is null, or an {@code s3://} URI with a path or query
   */
  public static Optional<String> registryBucket(String registry) {
    if (registry == null) {
      return Optional.empty();
    }
    if (!registry.startsWith(S3_SCHEME)) {
      return Optional.of(registry);
    }
    String rest = registry.substring(S3_SCHEME.length());
    if (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    return rest.indexOf('/') >= 0 || rest.indexOf('?') >= 0 ? Optional.empty() : Optional.of(rest);
  }

  /**
   * The bucket of an {@code s3://bucket/key} URI: the text between {@code s3://} and the next
   * {@code /} or {@code ?} (or the end). Not validated as a bucket name. Tools must locate the
   * bucket with this same rule, so that the bucket checked is the bucket used.
   *
   * @return empty when {@code uri} is null or does not start with {@code s3://} (lower case)
   */
  public static Optional<String> s3UriBucket(String uri) {
    if (uri == null || !uri.startsWith(S3_SCHEME)) {
      return Optional.empty();
    }
    int end = uri.length();
    for (int i = S3_SCHEME.length(); i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c == '/' || c == '?') {
        end = i;
        break;
      }
    }
    return Optional.of(uri.substring(S3_SCHEME.length(), end));
  }

  @Override
  public AuthorizationDecision check(Principal principal, String tool, Arguments arguments) {
    ToolRequirements requirements = tool == null ? null : table.get(tool);
    if (requirements == null) {
      return AuthorizationDecision.deny(
          AuthorizationDecision.Denial.UNKNOWN_TOOL,
          "tool '" + echo(tool) + "' is not in the authorization table and is denied",
          List.of());
    }
    if (principal == null) {
      return AuthorizationDecision.deny(
          AuthorizationDecision.Denial.MISSING_ACTIONS,
          "an authenticated caller is required to call tools",
          List.copyOf(new TreeSet<>(requirements.actions())));
    }
    if (readOnly && requirements.writes()) {
      return AuthorizationDecision.deny(
          AuthorizationDecision.Denial.WRITE_NOT_ALLOWED,
          "this server is read-only and '" + echo(tool) + "' writes",
          List.of());
    }
    List<String> missing = missingActions(principal.claims().permissions(), requirements);
    if (!missing.isEmpty()) {
      return AuthorizationDecision.deny(
          AuthorizationDecision.Denial.MISSING_ACTIONS,
          "the token does not grant the action(s) this tool needs: " + String.join(", ", missing),
          missing);
    }
    List<String> granted = principal.claims().buckets();
    for (BucketArgument argument : requirements.bucketArguments()) {
      AuthorizationDecision denied = checkArgument(argument, arguments, granted);
      if (denied != null) {
        return denied;
      }
    }
    return AuthorizationDecision.allow();
  }

  private static AuthorizationDecision checkArgument(
      BucketArgument argument, Arguments arguments, List<String> granted) {
    String name = argument.name();
    if (argument.isList()) {
      List<String> values = arguments.texts(name);
      if (values == null) {
        return argument.required()
            ? bucketDenied("argument '" + name + "' is required: a list naming granted buckets")
            : null;
      }
      for (int i = 0; i < values.size(); i++) {
        AuthorizationDecision denied =
            checkValue(argument.kind(), name + "[" + i + "]", values.get(i), granted);
        if (denied != null) {
          return denied;
        }
      }
      return null;
    }
    String value = arguments.text(name);
    if (value == null) {
      return argument.required()
          ? bucketDenied("argument '" + name + "' is required and must name a granted bucket")
          : null;
    }
    return checkValue(argument.kind(), name, value, granted);
  }

  private static AuthorizationDecision checkValue(
      BucketArgument.Kind kind, String argument, String value, List<String> granted) {
    if (value == null) {
      return bucketDenied("argument '" + argument + "' must be a string naming a granted bucket");
    }
    Optional<String> bucket;
    String shape;
    switch (kind) {
      case S3_URI:
      case S3_URI_LIST:
        bucket = s3UriBucket(value);
        shape = "an s3://bucket/key URI";
        break;
      case REGISTRY:
        bucket = registryBucket(value);
        shape = "a registry: s3://bucket or a bucket name";
        break;
      default:
        bucket = Optional.of(value);
        shape = "a bucket name";
    }
    if (bucket.isEmpty()) {
      return bucketDenied(
          "argument '" + argument + "' must be " + shape + ", got '" + echo(value) + "'");
    }
    return checkBucket(argument, bucket.get(), granted);
  }

  private static List<String> missingActions(
      List<String> permissions, ToolRequirements requirements) {
    List<String> missing = new ArrayList<>(0);
    for (String action : new TreeSet<>(requirements.actions())) {
      if (!permissions.contains(action)) {
        missing.add(action);
      }
    }
    return missing;
  }

  private static AuthorizationDecision checkBucket(
      String argument, String bucket, List<String> granted) {
    if (!BucketNames.isValid(bucket)) {
      return bucketDenied(
          "argument '" + argument + "' names '" + echo(bucket) + "', not a valid S3 bucket name");
    }
    if (!granted.contains(bucket)) {
      return bucketDenied(
          "the token does not grant bucket '" + echo(bucket) + "' (argument '" + argument + "')");
    }
    return null;
  }

  private static AuthorizationDecision bucketDenied(String message) {
    return AuthorizationDecision.deny(
        AuthorizationDecision.Denial.BUCKET_NOT_GRANTED, message, List.of());
  }

  /** Caller input made safe to show: printable ASCII only, at most {@value #MAX_ECHO} chars. */
  static String echo(String input) {
    if (input == null) {
      return "";
    }
    int n = Math.min(input.length(), MAX_ECHO);
    StringBuilder out = new StringBuilder(n + 3);
    for (int i = 0; i < n; i++) {
      char c = input.charAt(i);
      out.append(c >= 0x20 && c < 0x7f && c != '\'' ? c : '?');
    }
    if (input.length() > MAX_ECHO) {
      out.append("...");
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "PolicyAuthorizer[tools=" + table.size() + (readOnly ? ", read-only" : "") + "]";
  }
}

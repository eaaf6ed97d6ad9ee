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
import java.util.function.Function;

/**
 * An {@link Authorizer} driven by a table of {@link ToolRequirements}. Deny by default:
 *
 * <ol>
 *   <li>a tool missing from the table is denied ({@code UNKNOWN_TOOL});
 *   <li>every required action must appear, exactly (String equality), in the token's permissions;
 *       {@code *} and {@code s3:*} are ordinary strings that grant nothing; empty permissions grant
 *       nothing ({@code MISSING_ACTIONS}, listing what is missing);
 *   <li>every bucket argument, and the bucket of every {@code s3://} URI argument, must be present,
 *       be a valid S3 bucket name, and equal one of the token's buckets byte for byte (no case
 *       folding, no Unicode normalisation, {@code *} is not a wildcard) ({@code
 *       BUCKET_NOT_GRANTED}).
 * </ol>
 *
 * <p>Messages name the missing actions and may echo the requested bucket (the caller's own input),
 * reduced to printable ASCII and at most {@value #MAX_ECHO} characters. Immutable and thread-safe.
 */
public final class PolicyAuthorizer implements Authorizer {
  private static final int MAX_ECHO = 64;
  private static final String S3_SCHEME = "s3://";

  private final Map<String, ToolRequirements> table;

  private PolicyAuthorizer(Map<String, ToolRequirements> table) {
    this.table = Map.copyOf(table);
  }

  /**
   * An authorizer for exactly these tools.
   *
   * @throws IllegalArgumentException if a tool appears twice or an entry has a blank name, action
   *     or argument name
   */
  public static PolicyAuthorizer of(Collection<ToolRequirements> requirements) {
    Objects.requireNonNull(requirements, "requirements");
    Map<String, ToolRequirements> table = new HashMap<>();
    for (ToolRequirements r : requirements) {
      Objects.requireNonNull(r, "requirements must not contain null");
      requireNonBlank(r.tool(), "tool");
      r.actions().forEach(a -> requireNonBlank(a, "actions of " + r.tool()));
      r.bucketArguments().forEach(a -> requireNonBlank(a, "bucketArguments of " + r.tool()));
      r.s3UriArguments().forEach(a -> requireNonBlank(a, "s3UriArguments of " + r.tool()));
      if (table.putIfAbsent(r.tool(), r) != null) {
        throw new IllegalArgumentException("requirements name tool '" + r.tool() + "' twice");
      }
    }
    return new PolicyAuthorizer(table);
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
  public AuthorizationDecision check(
      Principal principal, String tool, Function<String, String> arguments) {
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
    List<String> missing = missingActions(principal.claims().permissions(), requirements);
    if (!missing.isEmpty()) {
      return AuthorizationDecision.deny(
          AuthorizationDecision.Denial.MISSING_ACTIONS,
          "the token does not grant the action(s) this tool needs: " + String.join(", ", missing),
          missing);
    }
    List<String> granted = principal.claims().buckets();
    for (String name : requirements.bucketArguments()) {
      String value = arguments.apply(name);
      if (value == null) {
        return bucketDenied("argument '" + name + "' is required and must name a granted bucket");
      }
      AuthorizationDecision denied = checkBucket(name, value, granted);
      if (denied != null) {
        return denied;
      }
    }
    for (String name : requirements.s3UriArguments()) {
      String value = arguments.apply(name);
      if (value == null) {
        return bucketDenied(
            "argument '" + name + "' is required: an s3://bucket/key URI in a granted bucket");
      }
      Optional<String> bucket = s3UriBucket(value);
      if (bucket.isEmpty()) {
        return bucketDenied(
            "argument '" + name + "' must be an s3://bucket/key URI, got '" + echo(value) + "'");
      }
      AuthorizationDecision denied = checkBucket(name, bucket.get(), granted);
      if (denied != null) {
        return denied;
      }
    }
    return AuthorizationDecision.allow();
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

  private static void requireNonBlank(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
  }

  @Override
  public String toString() {
    return "PolicyAuthorizer[tools=" + table.size() + "]";
  }
}

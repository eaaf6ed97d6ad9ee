package com.quiltdata.mcp.server.stdio;

import com.quiltdata.mcp.auth.AuthorizationDecision;
import com.quiltdata.mcp.auth.AuthorizationDecision.Denial;
import com.quiltdata.mcp.auth.Authorizer;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.ToolRequirements;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A deny-by-default authorizer over the engine's requirement table: unknown tools are refused,
 * every required action must be granted literally, bucket arguments (bare or in {@code s3://} URIs)
 * must be in the principal's bucket list, compared byte for byte.
 *
 * <p>Interim: replaced by auth-core's Authorizer implementation once merged.
 */
final class InterimAuthorizer implements Authorizer {
  private final Map<String, ToolRequirements> table;

  InterimAuthorizer(List<ToolRequirements> requirements) {
    Map<String, ToolRequirements> map = new HashMap<>();
    for (ToolRequirements r : requirements) {
      map.put(r.tool(), r);
    }
    this.table = Map.copyOf(map);
  }

  @Override
  public AuthorizationDecision check(
      Principal principal, String tool, Function<String, String> arguments) {
    ToolRequirements req = tool == null ? null : table.get(tool);
    if (req == null) {
      return AuthorizationDecision.deny(
          Denial.UNKNOWN_TOOL, "this tool is not in the authorization table", List.of());
    }
    List<String> missing = new ArrayList<>();
    for (String action : req.actions()) {
      if (!principal.claims().permissions().contains(action)) {
        missing.add(action);
      }
    }
    if (!missing.isEmpty()) {
      missing.sort(String::compareTo);
      return AuthorizationDecision.deny(
          Denial.MISSING_ACTIONS,
          "the token does not grant " + String.join(", ", missing),
          missing);
    }
    for (String name : req.bucketArguments()) {
      if (!granted(principal, arguments.apply(name))) {
        return bucketDenied(name);
      }
    }
    for (String name : req.s3UriArguments()) {
      if (!granted(principal, bucketOf(arguments.apply(name)))) {
        return bucketDenied(name);
      }
    }
    return AuthorizationDecision.allow();
  }

  private static boolean granted(Principal principal, String bucket) {
    return bucket != null && principal.claims().buckets().contains(bucket);
  }

  private static String bucketOf(String uri) {
    if (uri == null || !uri.startsWith("s3://")) {
      return null;
    }
    String rest = uri.substring(5);
    int slash = rest.indexOf('/');
    int query = rest.indexOf('?');
    int end = slash < 0 ? (query < 0 ? rest.length() : query) : slash;
    if (query >= 0 && query < end) {
      end = query;
    }
    return rest.substring(0, end);
  }

  private static AuthorizationDecision bucketDenied(String argument) {
    return AuthorizationDecision.deny(
        Denial.BUCKET_NOT_GRANTED,
        "the bucket in argument '" + argument + "' is not one the token grants",
        List.of());
  }
}

package com.quiltdata.mcp.auth;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which issuers and audiences a verified token may name (both servers read the same variables).
 * Empty sets leave the claim unchecked.
 *
 * @param issuers accepted {@code iss} values ({@code MCP_JWT_ISSUER})
 * @param audiences accepted {@code aud} values ({@code MCP_JWT_AUDIENCE})
 */
public record TokenPolicy(Set<String> issuers, Set<String> audiences) {
  /** {@code MCP_JWT_ISSUER}: comma list of accepted issuers. */
  public static final EnvironmentVariable ISSUER = EnvironmentVariable.list("MCP_JWT_ISSUER", null);

  /** {@code MCP_JWT_AUDIENCE}: comma list of accepted audiences. */
  public static final EnvironmentVariable AUDIENCE =
      EnvironmentVariable.list("MCP_JWT_AUDIENCE", null);

  /** Every variable {@link #fromEnvironment} reads. */
  public static final List<EnvironmentVariable> VARIABLES = List.of(ISSUER, AUDIENCE);

  /** Copies the sets, keeping the order they were given in (messages list them so). */
  public TokenPolicy {
    issuers = Collections.unmodifiableSet(new LinkedHashSet<>(issuers));
    audiences = Collections.unmodifiableSet(new LinkedHashSet<>(audiences));
  }

  /** Reads {@link #VARIABLES}. */
  public static TokenPolicy fromEnvironment(Map<String, String> env) {
    EnvironmentReader reader = EnvironmentReader.of(env);
    return new TokenPolicy(
        new LinkedHashSet<>(reader.list(ISSUER)), new LinkedHashSet<>(reader.list(AUDIENCE)));
  }

  /** Neither claim checked. */
  public static TokenPolicy unchecked() {
    return new TokenPolicy(Set.of(), Set.of());
  }
}

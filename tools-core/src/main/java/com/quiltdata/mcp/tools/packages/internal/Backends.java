package com.quiltdata.mcp.tools.packages.internal;

import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.catalog.CatalogClient;
import com.quiltdata.mcp.tools.catalog.CatalogReason;
import com.quiltdata.mcp.tools.packages.PackageSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Picks the backend of a call, as {@code MCP_PACKAGE_BACKEND} says. {@code auto} is this rule:
 *
 * <ol>
 *   <li>no registry URL, or a caller without a bearer token: S3;
 *   <li>else the registry's verdict: {@code POST /graphql} of {@code { __typename }} with the
 *       caller's token. An HTTP 200 GraphQL answer whose {@code data.__typename} is {@code Query}
 *       means GraphQL; any other answer that is not a refusal or an outage (404, an HTML page, a
 *       body that is not GraphQL) means S3. Either verdict is kept for {@link #VERDICT_TTL};
 *   <li>a refusal (401/403), an outage (5xx, 429, timeout, unreachable) or a cancellation decides
 *       nothing: that call uses S3 and the next asks again.
 * </ol>
 *
 * Thread-safe: the verdict is one immutable value per registry (the server has one).
 */
final class Backends {
  /** How long a probe's verdict is kept. */
  static final Duration VERDICT_TTL = Duration.ofMinutes(5);

  private record Verdict(boolean graphql, Instant until) {}

  private final PackageSettings settings;
  private final Clock clock;
  private final S3Backend s3;
  private final CatalogClient client;
  private final GraphqlBackend graphql;
  private volatile Verdict verdict;

  Backends(PackageSettings settings, Clock clock, S3Backend s3) {
    this.settings = settings;
    this.clock = clock;
    this.s3 = s3;
    this.client =
        settings.registryUrl() == null
            ? null
            : CatalogClient.builder(settings.registryUrl()).build();
    this.graphql = client == null ? null : new GraphqlBackend(settings, client);
  }

  /** The backend this call uses. */
  PackageBackend of(ToolContext context) {
    switch (settings.backend()) {
      case S3:
        return s3;
      case GRAPHQL:
        return graphql;
      default:
        return auto(context);
    }
  }

  private PackageBackend auto(ToolContext context) {
    if (client == null || context.principal().token().isEmpty()) {
      return s3;
    }
    Verdict v = verdict;
    Instant now = clock.instant();
    if (v == null || !now.isBefore(v.until())) {
      Boolean answer = probe(context);
      if (answer == null) {
        return s3;
      }
      v = new Verdict(answer, now.plus(VERDICT_TTL));
      verdict = v;
    }
    return v.graphql() ? graphql : s3;
  }

  /** True: GraphQL; false: not GraphQL; null: undecided (refused, down, cancelled). */
  private Boolean probe(ToolContext context) {
    try {
      CatalogClient.Response r = client.send(context, "{ __typename }", null);
      return r.errors().isEmpty() && "Query".equals(r.data().path("__typename").asText());
    } catch (ToolFailure f) {
      if (f.reason() == CatalogReason.CATALOG_BAD_RESPONSE) {
        return false;
      }
      return null;
    }
  }
}

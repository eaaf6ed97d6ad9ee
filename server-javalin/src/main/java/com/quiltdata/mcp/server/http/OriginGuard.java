package com.quiltdata.mcp.server.http;

import io.javalin.http.Context;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The first check of every request (DNS-rebinding and cross-site protection), before any
 * authentication: the {@code Host} header must name this server, and a browser's {@code Origin}
 * must be allowed. Either failure is 403.
 *
 * <ul>
 *   <li>Bound to a loopback address: the host must be {@code localhost}, {@code 127.0.0.1} or
 *       {@code [::1]} (any port); a rebinding attack arrives with the attacker's name.
 *   <li>Bound elsewhere: the host must be one of the allowed hosts when some are configured; the
 *       health paths also accept an IP literal, which is what a load balancer's health check sends
 *       (an IP literal cannot carry a DNS-rebinding attack: that arrives with the attacker's name).
 *   <li>{@code Origin}: absent is fine (non-browser clients); one value matching an allowed pattern
 *       is fine; anything else (several values, {@code null}, malformed, foreign) is refused.
 * </ul>
 */
final class OriginGuard {
  private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

  private final boolean loopbackBind;
  private final List<String> allowedHosts;
  private final List<OriginPattern> allowedOrigins;

  OriginGuard(HttpServerConfig config, boolean loopbackBind) {
    this.loopbackBind = loopbackBind;
    this.allowedHosts = config.allowedHosts();
    this.allowedOrigins = config.originPatterns();
  }

  /**
   * Checks Host and Origin.
   *
   * @return the allowed {@code Origin} value to answer CORS with, or null when none was sent
   * @throws HttpRejection 403 when either is not allowed
   */
  String check(Context ctx) {
    boolean health = "/health".equals(ctx.path()) || "/healthz".equals(ctx.path());
    if (!hostAllowed(headers(ctx, "Host"), health)) {
      throw HttpRejection.of(
          403,
          HttpRejection.TRANSPORT_ERROR,
          "forbidden_host",
          "Forbidden: the Host header does not name this server. Connect through an allowed host"
              + " name (MCP_ALLOWED_HOSTS; localhost names for a loopback bind).");
    }
    List<String> origins = headers(ctx, "Origin");
    if (origins.isEmpty()) {
      return null;
    }
    OriginPattern origin = origins.size() == 1 ? OriginPattern.parseOrigin(origins.get(0)) : null;
    if (origin != null) {
      for (OriginPattern allowed : allowedOrigins) {
        if (allowed.matches(origin)) {
          return origins.get(0);
        }
      }
    }
    throw HttpRejection.of(
        403,
        HttpRejection.TRANSPORT_ERROR,
        "forbidden_origin",
        "Forbidden: requests from this Origin are not allowed. Add the page's origin to"
            + " MCP_ALLOWED_ORIGINS.");
  }

  boolean hostAllowed(List<String> hosts) {
    return hostAllowed(hosts, false);
  }

  /**
   * @param ipLiteralAllowed whether an IP-literal host is accepted besides the allowed names (the
   *     health paths of a non-loopback bind)
   */
  boolean hostAllowed(List<String> hosts, boolean ipLiteralAllowed) {
    if (hosts.size() > 1) {
      return false;
    }
    String host = hosts.isEmpty() ? null : hosts.get(0).toLowerCase(Locale.ROOT);
    if (loopbackBind) {
      return host != null && LOOPBACK_NAMES.contains(hostName(host));
    }
    if (allowedHosts.isEmpty()) {
      return true;
    }
    if (host == null) {
      return false;
    }
    return allowedHosts.contains(host)
        || allowedHosts.contains(hostName(host))
        || (ipLiteralAllowed && isIpLiteral(hostName(host)));
  }

  /** {@code a.b.c.d} with four decimal octets, or a bracketed IPv6 literal. */
  static boolean isIpLiteral(String name) {
    if (name.startsWith("[") && name.endsWith("]")) {
      return name.length() > 2 && name.substring(1, name.length() - 1).matches("[0-9a-f:.]+");
    }
    String[] parts = name.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty()
          || p.length() > 3
          || !p.chars().allMatch(Character::isDigit)
          || Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  /** The name part of {@code host[:port]} or {@code [v6][:port]}. */
  static String hostName(String host) {
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(0, end + 1);
    }
    int colon = host.indexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }

  static List<String> headers(Context ctx, String name) {
    Enumeration<String> values = ctx.req().getHeaders(name);
    return values == null ? List.of() : Collections.list(values);
  }
}

package com.quiltdata.mcp.cli.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * One unauthenticated {@code GET {registry}/api/auth/get_credentials}: does the registry answer,
 * with what status, and what time does its {@code Date} header say. No token is sent; redirects are
 * not followed (the server never follows them either).
 */
final class RegistryProbe {
  /**
   * What the registry answered.
   *
   * @param status the HTTP status, or -1 when no answer arrived
   * @param failure why no answer arrived (fixed text), or null
   * @param registryTime the {@code Date} header, or null when absent or unparsable
   * @param localTime this host's time halfway through the exchange
   * @param elapsed how long the exchange took
   * @param location the host of a redirect's {@code Location}, or null
   */
  record Answer(
      int status,
      String failure,
      Instant registryTime,
      Instant localTime,
      Duration elapsed,
      String location) {
    boolean answered() {
      return status >= 0;
    }
  }

  private RegistryProbe() {}

  static Answer probe(URI registry, Clock clock, Duration timeout) {
    String base = registry.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    URI endpoint = URI.create(base + "/api/auth/get_credentials");
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .GET()
            .timeout(timeout)
            .header("Accept", "application/json")
            .build();
    Instant start = clock.instant();
    try {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      Instant end = clock.instant();
      Duration elapsed = Duration.between(start, end);
      return new Answer(
          response.statusCode(),
          null,
          date(response.headers().firstValue("Date").orElse(null)),
          start.plus(elapsed.dividedBy(2)),
          elapsed,
          response.headers().firstValue("Location").map(RegistryProbe::hostOf).orElse(null));
    } catch (HttpConnectTimeoutException e) {
      return failed("could not be connected to within " + timeout.toSeconds() + " s", start, clock);
    } catch (HttpTimeoutException e) {
      return failed("did not answer within " + timeout.toSeconds() + " s", start, clock);
    } catch (ConnectException e) {
      return failed("refused the connection or is unreachable", start, clock);
    } catch (IOException e) {
      return failed("could not be talked to (" + e.getClass().getSimpleName() + ")", start, clock);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed("was not asked: interrupted", start, clock);
    }
  }

  private static Answer failed(String why, Instant start, Clock clock) {
    return new Answer(-1, why, null, start, Duration.between(start, clock.instant()), null);
  }

  private static Instant date(String header) {
    if (header == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String hostOf(String location) {
    try {
      URI uri = URI.create(location.trim());
      return uri.getHost();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}

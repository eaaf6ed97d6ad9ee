package com.quiltdata.mcp.server.http;

import com.quiltdata.mcp.auth.AuthenticationResult;
import com.quiltdata.mcp.auth.Authenticator;
import com.quiltdata.mcp.auth.CpuSlots;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.tools.engine.ErrorCodes;
import com.quiltdata.mcp.tools.engine.InboundMessage;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer authentication of one request, on every request (a session is never proof of identity).
 *
 * <ul>
 *   <li>A token in the query string ({@code access_token}) is a malformed request (400): URLs end
 *       up in logs and browser history.
 *   <li>Header values go to the {@link Authenticator}: two headers or a wrong scheme are 400, a
 *       rejected token is 401 {@code invalid_token}, no header at all is anonymous.
 *   <li>An anonymous request may run only a configured handshake method; anything else is 401 with
 *       the resource-metadata challenge. Tools never run anonymously.
 * </ul>
 */
final class BearerStep {
  private static final Logger LOG = LoggerFactory.getLogger(BearerStep.class);

  private final Authenticator authenticator;
  private final Set<String> anonymousMethods;
  private final ResourceUrls urls;
  private final CpuSlots slots;

  /** Request attribute: the verdict {@link #refusedEarly} reached on this request's headers. */
  static final String EARLY = BearerStep.class.getName() + ".early";

  /** A verdict on these header values, reached when the request arrived. */
  private record Early(List<String> values, AuthenticationResult result) {
    @Override
    public String toString() {
      return "Early[" + result.outcome() + "]";
    }
  }

  BearerStep(
      Authenticator authenticator,
      Set<String> anonymousMethods,
      ResourceUrls urls,
      CpuSlots slots) {
    this.authenticator = authenticator;
    this.slots = slots;
    this.anonymousMethods = Set.copyOf(anonymousMethods);
    this.urls = urls;
  }

  /**
   * Authenticates the request.
   *
   * @return the principal, or null when no token was sent
   * @throws HttpRejection 400, 401 or 503
   */
  Principal authenticate(Context ctx) {
    checkQuery(ctx);
    List<String> values = OriginGuard.headers(ctx, "Authorization");
    AuthenticationResult result;
    try {
      result =
          ctx.req().getAttribute(EARLY) instanceof Early early && early.values().equals(values)
              ? early.result()
              : authenticator.authenticate(values);
    } catch (RuntimeException e) {
      LOG.warn("authentication could not run: {}", e.getClass().getName());
      throw HttpRejection.of(
          503,
          HttpRejection.TRANSPORT_ERROR,
          "authentication_unavailable",
          "Service unavailable: tokens cannot be verified right now; retry later.");
    }
    AccessRecord record = AccessRecord.of(ctx);
    switch (result.outcome()) {
      case AUTHENTICATED:
        Principal principal = result.principal().orElseThrow();
        record.principal(principal.subjectFingerprint());
        return principal;
      case MISSING:
        return null;
      case MALFORMED_REQUEST:
        throw malformed(
            ctx,
            "send exactly one 'Authorization: Bearer <token>' header",
            "Bad request: " + result.message() + ".");
      case EXPIRED_TOKEN:
        record.outcome("expired_token");
        throw invalidToken(ctx, "the bearer token has expired", "expired_token");
      case INVALID_TOKEN:
      default:
        record.outcome("invalid_token/" + result.tokenReason().map(Enum::name).orElse("UNKNOWN"));
        throw invalidToken(ctx, "the bearer token is invalid", "invalid_token");
    }
  }

  /**
   * Whether {@link #authenticate} will refuse a request with these {@code Authorization} values
   * (checked as the request arrives, before its body is read). The verdict stays on the request, so
   * the routes do not verify the same header a second time; authentication that cannot run counts
   * as refused and leaves nothing behind.
   */
  boolean refusedEarly(org.eclipse.jetty.server.Request request, List<String> values) {
    AuthenticationResult result;
    // verification is CPU work: it waits for a slot like the routes' work does
    try (CpuSlots.Slot slot = slots.enter()) {
      result = authenticator.authenticate(values);
    } catch (RuntimeException e) {
      return true;
    }
    request.setAttribute(EARLY, new Early(List.copyOf(values), result));
    AuthenticationResult.Outcome outcome = result.outcome();
    return outcome != AuthenticationResult.Outcome.AUTHENTICATED
        && outcome != AuthenticationResult.Outcome.MISSING;
  }

  /**
   * Lets an anonymous message through only when it is a configured handshake method.
   *
   * @throws HttpRejection 401 with the resource-metadata challenge otherwise
   */
  void requireAnonymousAllowed(Context ctx, InboundMessage message) {
    boolean single =
        message.kind() == InboundMessage.Kind.REQUEST
            || message.kind() == InboundMessage.Kind.NOTIFICATION;
    String method = message.method().orElse(null);
    if (single && message.isHandshake() && method != null && anonymousMethods.contains(method)) {
      return;
    }
    throw tokenRequired(ctx);
  }

  /** Whether anonymous callers may do anything at all (the handshake, ending their session). */
  boolean anonymousAllowed() {
    return !anonymousMethods.isEmpty();
  }

  /** 401 without an error code: no token was sent. */
  HttpRejection tokenRequired(Context ctx) {
    return HttpRejection.of(
            401,
            ErrorCodes.AUTHENTICATION_REQUIRED,
            "token_required",
            "Authentication required: send 'Authorization: Bearer <token>' with a Quilt token.")
        .withHeader(Challenges.HEADER, Challenges.tokenRequired(urls.metadata(ctx)));
  }

  private HttpRejection invalidToken(Context ctx, String description, String error) {
    return HttpRejection.of(
            401,
            ErrorCodes.AUTHENTICATION_REQUIRED,
            error,
            "Authentication failed: "
                + description
                + ". Sign in again to the Quilt catalog for a fresh token.")
        .withHeader(Challenges.HEADER, Challenges.invalidToken(urls.metadata(ctx), description));
  }

  private HttpRejection malformed(Context ctx, String description, String message) {
    return HttpRejection.of(400, ErrorCodes.INVALID_REQUEST, "invalid_request", message)
        .withHeader(Challenges.HEADER, Challenges.invalidRequest(urls.metadata(ctx), description));
  }

  private void checkQuery(Context ctx) {
    String query = ctx.queryString();
    if (query == null || query.isEmpty()) {
      return;
    }
    Map<String, List<String>> params;
    try {
      params = ctx.queryParamMap();
    } catch (RuntimeException e) {
      throw malformed(
          ctx, "the query string is malformed", "Bad request: the query string is malformed.");
    }
    if (params.containsKey("access_token")) {
      throw malformed(
          ctx,
          "tokens must be sent in the Authorization header, never in the URL",
          "Bad request: a token was sent in the query string (access_token). Send it as"
              + " 'Authorization: Bearer <token>' instead.");
    }
  }
}

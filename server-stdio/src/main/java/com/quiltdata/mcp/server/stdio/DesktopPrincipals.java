package com.quiltdata.mcp.server.stdio;

import com.quiltdata.mcp.auth.BearerToken;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.VerifierSource;
import com.quiltdata.mcp.jwt.BucketNames;
import com.quiltdata.mcp.jwt.QuiltClaims;
import com.quiltdata.mcp.jwt.TokenKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the one principal a stdio server runs as: from a verified token when one is given,
 * otherwise a synthetic desktop principal for the local user.
 */
final class DesktopPrincipals {
  /** Actions a synthetic desktop principal holds: the S3 actions of the tool table. */
  static final List<String> DESKTOP_ACTIONS =
      List.of("s3:ListBucket", "s3:GetObject", "s3:PutObject");

  /** How long a synthetic desktop principal is valid (it lives as long as the process). */
  static final Duration DESKTOP_LIFETIME = Duration.ofDays(3650);

  private static final int MAX_BUCKETS = 256;

  private DesktopPrincipals() {}

  /**
   * A principal from a token verified by {@code verifiers}.
   *
   * @throws com.quiltdata.mcp.jwt.JwtVerificationException when the token is not accepted
   */
  static Principal fromToken(String token, VerifierSource verifiers) {
    String trimmed = token.trim();
    QuiltClaims claims = verifiers.current().verify(trimmed);
    return Principal.fromToken(claims, BearerToken.of(trimmed));
  }

  /**
   * A synthetic desktop principal.
   *
   * @param userName the local user name (the subject)
   * @param bucketList comma-separated bucket names ({@code null} or empty: none)
   * @throws IllegalArgumentException naming the first invalid bucket name
   */
  static Principal desktop(String userName, String bucketList, Clock clock) {
    String subject = userName == null || userName.isBlank() ? "desktop-user" : userName.trim();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    return Principal.desktop(
        QuiltClaims.builder(subject, now.plus(DESKTOP_LIFETIME))
            .issuedAt(now)
            .buckets(parseBuckets(bucketList))
            .permissions(DESKTOP_ACTIONS)
            .kind(TokenKind.ENHANCED)
            .build());
  }

  static List<String> parseBuckets(String bucketList) {
    if (bucketList == null || bucketList.isBlank()) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (String part : bucketList.split(",", -1)) {
      String name = part.trim();
      if (name.isEmpty()) {
        continue;
      }
      if (!BucketNames.isValid(name)) {
        throw new IllegalArgumentException(
            "QUILT_DESKTOP_BUCKETS holds an invalid S3 bucket name (entry "
                + (out.size() + 1)
                + "); use comma-separated bucket names such as my-bucket,other-bucket");
      }
      out.add(name);
      if (out.size() > MAX_BUCKETS) {
        throw new IllegalArgumentException(
            "QUILT_DESKTOP_BUCKETS names more than " + MAX_BUCKETS + " buckets");
      }
    }
    return new ArrayList<>(out);
  }
}

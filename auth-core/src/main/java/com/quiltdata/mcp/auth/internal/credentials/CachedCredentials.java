package com.quiltdata.mcp.auth.internal.credentials;

import com.quiltdata.mcp.auth.CredentialsBroker.CredentialStatus;
import com.quiltdata.mcp.auth.IssuedCredentials;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Issued credentials with the two instants that govern them in the cache.
 *
 * @param issued what the source issued
 * @param forSdk what the SDK gets: session credentials carry {@code usableUntil} as their
 *     expiration time
 * @param usableUntil the credentials' expiration or the token's {@code exp}, whichever is first:
 *     credentials fetched with a token never outlive it
 * @param refreshAt from then on the next caller fetches anew (credentials expiration minus the
 *     refresh margin, at most {@code usableUntil})
 */
record CachedCredentials(
    IssuedCredentials issued, AwsCredentials forSdk, Instant usableUntil, Instant refreshAt) {

  static CachedCredentials of(IssuedCredentials issued, Instant tokenExpiry, Duration margin) {
    Instant expiration = issued.expiration();
    Instant usableUntil =
        expiration == null || tokenExpiry.isBefore(expiration) ? tokenExpiry : expiration;
    Instant refreshAt = usableUntil;
    if (expiration != null) {
      Instant due = expiration.minus(margin);
      refreshAt = due.isBefore(usableUntil) ? due : usableUntil;
    }
    AwsCredentials forSdk = issued.credentials();
    if (forSdk instanceof AwsSessionCredentials session) {
      forSdk = session.toBuilder().expirationTime(usableUntil).build();
    }
    return new CachedCredentials(issued, forSdk, usableUntil, refreshAt);
  }

  /** Good to hand out without asking the source. */
  boolean fresh(Instant now) {
    return now.isBefore(refreshAt);
  }

  /** Still works, though a refresh is due. */
  boolean usable(Instant now) {
    return now.isBefore(usableUntil);
  }

  CredentialStatus status() {
    return new CredentialStatus(issued.source(), usableUntil, refreshAt);
  }

  @Override
  public String toString() {
    return "CachedCredentials[" + issued + ", usableUntil=" + usableUntil + "]";
  }
}

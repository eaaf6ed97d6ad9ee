package com.quiltdata.mcp.architecture.compliant.jwt;

import java.util.Optional;

/** Claims of a verified token; Optional appears only as a return type. */
public record TokenClaims(String subject, String issuer) {
  public Optional<String> issuerIfKnown() {
    return Optional.ofNullable(issuer);
  }
}

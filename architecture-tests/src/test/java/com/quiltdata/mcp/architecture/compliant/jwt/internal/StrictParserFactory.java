package com.quiltdata.mcp.architecture.compliant.jwt.internal;

import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.impl.DefaultJwtParserBuilder;

/** The one place allowed to touch jjwt's implementation classes. */
public final class StrictParserFactory {
  public JwtParserBuilder builder() {
    return new DefaultJwtParserBuilder();
  }
}

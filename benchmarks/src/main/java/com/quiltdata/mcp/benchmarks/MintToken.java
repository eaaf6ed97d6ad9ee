package com.quiltdata.mcp.benchmarks;

import com.quiltdata.mcp.jwt.SigningKey;
import java.time.Clock;

/**
 * Prints the realistic ~4.5 KB catalog token the benchmarks use, signed with the secret in the
 * environment variable {@code LOAD_JWT_SECRET} (a load-test secret, never a real one).
 */
public final class MintToken {
  private MintToken() {}

  /** Prints one token to stdout. */
  public static void main(String[] args) {
    String secret = System.getenv("LOAD_JWT_SECRET");
    if (secret == null) {
      System.err.println("set LOAD_JWT_SECRET");
      System.exit(2);
    }
    System.out.println(
        CatalogShapes.token(SigningKey.ofUtf8(null, secret), Clock.systemUTC(), "load-user-0001"));
  }
}

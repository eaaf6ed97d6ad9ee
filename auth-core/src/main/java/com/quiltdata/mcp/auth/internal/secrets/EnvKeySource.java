package com.quiltdata.mcp.auth.internal.secrets;

/** A secret given inline (from an environment variable): read once, never changes. */
public final class EnvKeySource implements KeySource {
  private final byte[] secret;

  /** Creates a source over the undecoded secret text (copied). */
  public EnvKeySource(byte[] secret) {
    this.secret = secret.clone();
  }

  @Override
  public SourceReading read() {
    return new SourceReading(secret.clone(), null, null, null);
  }

  @Override
  public boolean refreshable() {
    return false;
  }

  @Override
  public String toString() {
    return "EnvKeySource";
  }
}

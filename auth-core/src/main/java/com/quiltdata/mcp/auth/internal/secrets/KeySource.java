package com.quiltdata.mcp.auth.internal.secrets;

import com.quiltdata.mcp.auth.AuthException;

/** Reads the undecoded signing secret from one place (environment, file or SSM). */
public interface KeySource {
  /**
   * Reads the secret now.
   *
   * @throws AuthException {@code SECRET_UNAVAILABLE} when the place cannot be read, {@code
   *     CONFIGURATION} when it holds something unusable
   */
  SourceReading read();

  /** Whether re-reading may return a different secret (file, SSM) or never (environment). */
  boolean refreshable();
}

package com.quiltdata.mcp.cli.internal;

import com.quiltdata.mcp.cli.ExitCode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The registry URL from an option or {@code QUILT_REGISTRY_URL}, checked as the server does. */
final class RegistryUrl {
  static final String VARIABLE = "QUILT_REGISTRY_URL";

  private RegistryUrl() {}

  /**
   * @param option the --registry value, or null to use {@code env}'s {@value #VARIABLE}
   * @param fromEnv the variable's value, or null
   * @throws CliFailure {@link ExitCode#CONFIG_ERROR} when neither is set or the URL is unusable
   */
  static URI resolve(String option, String fromEnv) {
    String where = option != null ? "--registry" : VARIABLE;
    String value = option != null ? option : fromEnv;
    if (value == null || value.isBlank()) {
      throw new CliFailure(
          ExitCode.CONFIG_ERROR,
          "CONFIGURATION",
          "no registry URL: pass --registry or set " + VARIABLE,
          "use the Quilt registry's URL, e.g. https://registry.example.com (not the catalog's)");
    }
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      uri = null;
    }
    String scheme =
        uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri == null
        || !uri.isAbsolute()
        || uri.getHost() == null
        || !(scheme.equals("http") || scheme.equals("https"))
        || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new CliFailure(
          ExitCode.CONFIG_ERROR,
          "CONFIGURATION",
          where
              + " must be an absolute http(s) URL with a host, without user info, query or"
              + " fragment (the value is not shown)",
          "for example https://registry.example.com");
    }
    return uri;
  }

  /** {@code scheme://host[:port]}, how output names the registry. */
  static String describe(URI uri) {
    return uri.getScheme().toLowerCase(Locale.ROOT)
        + "://"
        + uri.getHost()
        + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
  }
}

package com.quiltdata.mcp.auth.internal.secrets;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.auth.AuthException.Reason;
import com.quiltdata.mcp.auth.EnvironmentReader;
import com.quiltdata.mcp.auth.EnvironmentVariable;
import com.quiltdata.mcp.auth.SecretSettings;
import com.quiltdata.mcp.auth.SecretSettings.Encoding;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the signing-secret environment variables into a {@link SecretSettings.Builder}. Messages
 * name variables, never their values (a mis-pasted secret must not end up in a log).
 */
public final class SecretEnvironment {
  /** Primary variable of the inline secret. */
  public static final String SECRET = "MCP_JWT_SECRET";

  /** Original name of {@link #SECRET}, still accepted. */
  public static final String SECRET_ALIAS = "MCP_ENHANCED_JWT_SECRET";

  /** File holding the secret. */
  public static final String SECRET_FILE = "MCP_JWT_SECRET_FILE";

  /** SSM parameter holding the secret. */
  public static final String SSM_PARAMETER = "MCP_JWT_SECRET_SSM_PARAMETER";

  /** Original name of {@link #SSM_PARAMETER}, still accepted. */
  public static final String SSM_PARAMETER_ALIAS = "MCP_ENHANCED_JWT_SECRET_SSM_PARAMETER";

  /** Key id. */
  public static final String KID = "MCP_JWT_KID";

  /** Original name of {@link #KID}, still accepted. */
  public static final String KID_ALIAS = "MCP_ENHANCED_JWT_KID";

  /** Previous secret accepted during the grace period (env and file sources). */
  public static final String PREVIOUS_SECRET = "MCP_JWT_PREVIOUS_SECRET";

  /** Key id of the previous secret (defaults to the current key id). */
  public static final String PREVIOUS_KID = "MCP_JWT_PREVIOUS_KID";

  /** {@code utf8} (default) or {@code base64}. */
  public static final String ENCODING = "MCP_JWT_SECRET_ENCODING";

  /** Grace period in seconds. */
  public static final String GRACE_SECONDS = "MCP_JWT_ROTATION_GRACE_SECONDS";

  /** Refresh interval in seconds. */
  public static final String REFRESH_SECONDS = "MCP_JWT_SECRET_REFRESH_SECONDS";

  /** Region of the SSM parameter (wins over {@link #DEFAULT_REGION}). */
  public static final String REGION = "AWS_REGION";

  /** Fallback region variable of the AWS CLI. */
  public static final String DEFAULT_REGION = "AWS_DEFAULT_REGION";

  /** SSM endpoint instead of the regional one (a VPC endpoint, a local stand-in). */
  public static final String ENDPOINT = "AWS_ENDPOINT_URL_SSM";

  /** {@link #ENDPOINT} as a variable of the settings list. */
  public static final EnvironmentVariable ENDPOINT_VARIABLE =
      EnvironmentVariable.url(ENDPOINT, null);

  /** The message when no source is configured: lists what to set. */
  public static final String NO_SOURCE_MESSAGE =
      "no JWT signing secret is configured; set exactly one of "
          + SECRET
          + " (or "
          + SECRET_ALIAS
          + "), "
          + SECRET_FILE
          + ", or "
          + SSM_PARAMETER
          + " (or "
          + SSM_PARAMETER_ALIAS
          + "); the secret must be at least 32 bytes (generate one with: openssl rand -base64"
          + " 48). There is no development fallback secret.";

  private SecretEnvironment() {}

  /**
   * Applies the environment to {@code builder}.
   *
   * @return the variable names whose values were used, in a stable order
   * @throws AuthException {@link Reason#CONFIGURATION} for conflicts, several sources or bad values
   */
  public static List<String> apply(Map<String, String> env, SecretSettings.Builder builder) {
    List<String> used = new ArrayList<>();
    Pick secret = pick(env, SECRET, SECRET_ALIAS);
    Pick file = pick(env, SECRET_FILE, null);
    Pick ssm = pick(env, SSM_PARAMETER, SSM_PARAMETER_ALIAS);
    List<String> sources = new ArrayList<>();
    for (Pick p : new Pick[] {secret, file, ssm}) {
      if (p != null) {
        sources.add(p.name);
      }
    }
    if (sources.isEmpty()) {
      throw config(NO_SOURCE_MESSAGE);
    }
    if (sources.size() > 1) {
      throw config(
          "several JWT secret sources are configured ("
              + String.join(", ", sources)
              + "); set exactly one of them");
    }
    Pick encoding = pick(env, ENCODING, null);
    if (encoding != null) {
      builder.encoding(encoding(encoding.value));
      used.add(encoding.name);
    }
    if (secret != null) {
      builder.environmentSecret(secret.name, secret.value);
      used.add(secret.name);
    } else if (file != null) {
      builder.fileSecret(path(file.value));
      used.add(file.name);
    } else {
      applySsm(env, builder, ssm, used);
    }
    Pick kid = pick(env, KID, KID_ALIAS);
    if (kid != null) {
      withName(kid, () -> builder.keyId(kid.value));
      used.add(kid.name);
    }
    Pick previous = pick(env, PREVIOUS_SECRET, null);
    if (previous != null) {
      builder.previousSecret(previous.name, previous.value);
      used.add(previous.name);
    }
    Pick previousKid = pick(env, PREVIOUS_KID, null);
    if (previousKid != null && previous == null) {
      throw config(PREVIOUS_KID + " is set without " + PREVIOUS_SECRET + "; remove it or set both");
    }
    if (previousKid != null) {
      withName(previousKid, () -> builder.previousKeyId(previousKid.value));
      used.add(previousKid.name);
    }
    Pick grace = pick(env, GRACE_SECONDS, null);
    if (grace != null) {
      builder.gracePeriod(
          seconds(grace, SecretSettings.MIN_GRACE_PERIOD, SecretSettings.MAX_GRACE_PERIOD));
      used.add(grace.name);
    }
    Pick refresh = pick(env, REFRESH_SECONDS, null);
    if (refresh != null) {
      builder.refreshInterval(
          seconds(
              refresh, SecretSettings.MIN_REFRESH_INTERVAL, SecretSettings.MAX_REFRESH_INTERVAL));
      used.add(refresh.name);
    }
    return used;
  }

  private static void applySsm(
      Map<String, String> env, SecretSettings.Builder builder, Pick ssm, List<String> used) {
    withName(ssm, () -> builder.ssmParameter(ssm.value));
    used.add(ssm.name);
    Pick primary = pick(env, REGION, null);
    Pick fallback = pick(env, DEFAULT_REGION, null);
    String regionName = primary != null ? REGION : DEFAULT_REGION;
    String region = primary != null ? primary.value : fallback == null ? null : fallback.value;
    if (region != null) {
      withName(new Pick(regionName, region), () -> builder.ssmRegion(region));
      used.add(regionName);
    }
    if (pick(env, ENDPOINT, null) != null) {
      java.net.URI endpoint;
      try {
        endpoint = EnvironmentReader.of(env).url(ENDPOINT_VARIABLE);
      } catch (IllegalArgumentException e) {
        // the value is not echoed: it is a URL an operator may have pasted credentials into
        throw config(e.getMessage());
      }
      builder.ssmEndpoint(endpoint);
      used.add(ENDPOINT);
    }
  }

  private static void withName(Pick pick, Runnable apply) {
    try {
      apply.run();
    } catch (AuthException e) {
      throw config(pick.name + " is invalid: " + e.getMessage());
    }
  }

  private static Encoding encoding(String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "utf8":
      case "utf-8":
        return Encoding.UTF8;
      case "base64":
        return Encoding.BASE64;
      default:
        throw config(ENCODING + " must be utf8 or base64");
    }
  }

  private static Path path(String value) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw config(SECRET_FILE + " is not a valid file path");
    }
  }

  private static Duration seconds(Pick pick, Duration min, Duration max) {
    String text = pick.value;
    boolean digits = !text.isEmpty() && text.length() <= 9;
    for (int i = 0; digits && i < text.length(); i++) {
      digits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
    }
    Duration value = digits ? Duration.ofSeconds(Long.parseLong(text)) : null;
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw config(
          pick.name
              + " must be a whole number of seconds between "
              + min.toSeconds()
              + " and "
              + max.toSeconds());
    }
    return value;
  }

  /**
   * The value of the primary name, else the alias, read by the one {@link EnvironmentReader}; both
   * set to different values is an error.
   */
  private static Pick pick(Map<String, String> env, String primary, String alias) {
    EnvironmentVariable v = variable(primary);
    if (!java.util.Objects.equals(v.alias(), alias)) {
      throw new IllegalStateException(primary + " is described with another alias");
    }
    EnvironmentReader reader = EnvironmentReader.of(env);
    String value;
    try {
      value = reader.text(v);
    } catch (IllegalArgumentException e) {
      throw config(
          primary
              + " and "
              + alias
              + " are both set, to different values; remove "
              + alias
              + " (the original name) or make them equal");
    }
    return value == null ? null : new Pick(reader.source(v), value);
  }

  /** The description of one of {@link SecretSettings#VARIABLES}. */
  private static EnvironmentVariable variable(String name) {
    for (EnvironmentVariable v : SecretSettings.VARIABLES) {
      if (v.name().equals(name)) {
        return v;
      }
    }
    throw new IllegalStateException(name + " is not one of the secret variables");
  }

  private static AuthException config(String message) {
    return new AuthException(Reason.CONFIGURATION, message);
  }

  /** A variable name and its value. */
  private static final class Pick {
    final String name;
    final String value;

    Pick(String name, String value) {
      this.name = name;
      this.value = value;
    }

    @Override
    public String toString() {
      return "Pick[" + name + "]";
    }
  }
}

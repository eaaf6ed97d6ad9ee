package com.quiltdata.mcp.auth;

import com.quiltdata.mcp.auth.AuthException.Reason;
import com.quiltdata.mcp.auth.internal.secrets.SecretDecoding;
import com.quiltdata.mcp.auth.internal.secrets.SecretEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the HS256 signing secret comes from and how keys rotate. Immutable and thread-safe; build
 * with {@link #builder()} or read the process environment with {@link #fromEnvironment(Map)}.
 *
 * <p>Exactly one source is configured: an environment variable, a file, or an AWS SSM parameter. A
 * secret given inline (environment) is checked when the settings are built; file and SSM secrets
 * are checked when they are loaded. {@link #toString()} never shows a secret.
 */
public final class SecretSettings {
  /** Default time a replaced key is still accepted. */
  public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofHours(1);

  /** Shortest allowed grace period. */
  public static final Duration MIN_GRACE_PERIOD = Duration.ofMinutes(1);

  /** Longest allowed grace period. */
  public static final Duration MAX_GRACE_PERIOD = Duration.ofDays(7);

  /** Default interval between re-reads of a file or SSM secret. */
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(5);

  /** Shortest allowed refresh interval. */
  public static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);

  /** Longest allowed refresh interval. */
  public static final Duration MAX_REFRESH_INTERVAL = Duration.ofHours(1);

  /**
   * Every environment variable {@link #fromEnvironment} reads (name, alias, default, range); the
   * configuration reference is checked against it.
   */
  public static final List<EnvironmentVariable> VARIABLES =
      List.of(
          EnvironmentVariable.text(SecretEnvironment.SECRET, null)
              .withAlias(SecretEnvironment.SECRET_ALIAS),
          EnvironmentVariable.text(SecretEnvironment.SECRET_FILE, null),
          EnvironmentVariable.text(SecretEnvironment.SSM_PARAMETER, null)
              .withAlias(SecretEnvironment.SSM_PARAMETER_ALIAS),
          EnvironmentVariable.text(SecretEnvironment.KID, null)
              .withAlias(SecretEnvironment.KID_ALIAS),
          EnvironmentVariable.choice(SecretEnvironment.ENCODING, "utf8", "utf8", "utf-8", "base64"),
          EnvironmentVariable.text(SecretEnvironment.PREVIOUS_SECRET, null),
          EnvironmentVariable.text(SecretEnvironment.PREVIOUS_KID, null),
          EnvironmentVariable.integer(
              SecretEnvironment.GRACE_SECONDS,
              MIN_GRACE_PERIOD.toSeconds(),
              MAX_GRACE_PERIOD.toSeconds(),
              DEFAULT_GRACE_PERIOD.toSeconds()),
          EnvironmentVariable.integer(
              SecretEnvironment.REFRESH_SECONDS,
              MIN_REFRESH_INTERVAL.toSeconds(),
              MAX_REFRESH_INTERVAL.toSeconds(),
              DEFAULT_REFRESH_INTERVAL.toSeconds()),
          EnvironmentVariable.text(SecretEnvironment.REGION, null),
          EnvironmentVariable.text(SecretEnvironment.DEFAULT_REGION, null),
          SecretEnvironment.ENDPOINT_VARIABLE);

  /** Largest accepted secret value before decoding, in bytes (file, SSM or environment). */
  public static final int MAX_SECRET_VALUE_BYTES = 64 * 1024;

  /** Where the current secret is read from. */
  public enum Source {
    /** An environment variable; read once at start. */
    ENV,
    /** A file; re-read every refresh interval. */
    FILE,
    /**
     * An AWS SSM parameter (SecureString, read with decryption); re-read every refresh interval.
     */
    SSM;

    /** The lower-case name shown in diagnostics ({@code env}, {@code file}, {@code ssm}). */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How the secret's text is turned into key bytes. */
  public enum Encoding {
    /** The UTF-8 bytes of the text, as the catalog uses it (default). */
    UTF8,
    /** Strict standard base64 with padding; anything else is rejected. */
    BASE64
  }

  private final Source source;
  private final String location;
  private final Path file;
  private final byte[] inlineSecret;
  private final String keyId;
  private final String previousLocation;
  private final byte[] previousSecret;
  private final String previousKeyId;
  private final Encoding encoding;
  private final Duration gracePeriod;
  private final Duration refreshInterval;
  private final String ssmRegion;
  private final java.net.URI ssmEndpoint;
  private final List<String> variablesUsed;

  private SecretSettings(Builder b, List<String> variablesUsed) {
    this.source = b.source;
    this.location = b.location;
    this.file = b.file;
    this.inlineSecret = b.inlineSecret;
    this.keyId = b.keyId;
    this.previousLocation = b.previousLocation;
    this.previousSecret = b.previousSecret;
    this.previousKeyId =
        b.previousSecret == null ? null : (b.previousKeyId != null ? b.previousKeyId : b.keyId);
    this.encoding = b.encoding;
    this.gracePeriod = b.gracePeriod;
    this.refreshInterval = b.refreshInterval;
    this.ssmRegion = b.ssmRegion;
    this.ssmEndpoint = b.ssmEndpoint;
    this.variablesUsed = List.copyOf(variablesUsed);
  }

  /** Starts empty settings; exactly one source must be chosen before {@link Builder#build()}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the settings from environment variables (see docs/configuration.md, "Signing secret and
   * rotation"). Primary names win over the original {@code MCP_ENHANCED_*} aliases; a primary and
   * its alias set to different values is an error. Variables set to the empty string count as
   * unset.
   *
   * @param env the process environment (injected; only server {@code Main} classes read it)
   * @throws AuthException {@link Reason#CONFIGURATION} when no source, several sources, a short or
   *     badly encoded secret, or an invalid setting is configured; messages name variables, never
   *     values
   */
  public static SecretSettings fromEnvironment(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    Builder builder = new Builder();
    List<String> used = SecretEnvironment.apply(env, builder);
    return builder.build(used);
  }

  /** The kind of source the current secret is read from. */
  public Source source() {
    return source;
  }

  /** The environment variable name, file path or SSM parameter name; never a value. */
  public String location() {
    return location;
  }

  /** The configured key id ({@code kid}), if any. */
  public Optional<String> keyId() {
    return Optional.ofNullable(keyId);
  }

  /** Where a configured previous secret comes from (a variable name), if any. */
  public Optional<String> previousSecretLocation() {
    return Optional.ofNullable(previousLocation);
  }

  /** The key id of the configured previous secret (defaults to {@link #keyId()}). */
  public Optional<String> previousKeyId() {
    return Optional.ofNullable(previousKeyId);
  }

  /** How secret text is decoded into key bytes. */
  public Encoding encoding() {
    return encoding;
  }

  /** How long a replaced key is still accepted. */
  public Duration gracePeriod() {
    return gracePeriod;
  }

  /** How often file and SSM secrets are re-read. */
  public Duration refreshInterval() {
    return refreshInterval;
  }

  /** The AWS region for the SSM source, if configured. */
  public Optional<String> ssmRegion() {
    return Optional.ofNullable(ssmRegion);
  }

  /** The SSM endpoint to use instead of the regional one (a VPC endpoint, a stand-in), if set. */
  public Optional<java.net.URI> ssmEndpoint() {
    return Optional.ofNullable(ssmEndpoint);
  }

  /** Environment variable names {@link #fromEnvironment(Map)} took values from (else empty). */
  public List<String> variablesUsed() {
    return variablesUsed;
  }

  /** The file of the {@link Source#FILE} source, or null. */
  Path file() {
    return file;
  }

  /** A copy of the undecoded inline secret of the {@link Source#ENV} source, or null. */
  byte[] inlineSecret() {
    return inlineSecret == null ? null : inlineSecret.clone();
  }

  /** A copy of the undecoded previous secret, or null. */
  byte[] previousSecret() {
    return previousSecret == null ? null : previousSecret.clone();
  }

  @Override
  public String toString() {
    return "SecretSettings[source="
        + source.label()
        + ", location="
        + location
        + ", kid="
        + (keyId == null ? "(none)" : keyId)
        + ", previous="
        + (previousLocation == null ? "(none)" : previousLocation)
        + ", encoding="
        + encoding
        + ", grace="
        + gracePeriod
        + ", refresh="
        + refreshInterval
        + (ssmRegion == null ? "" : ", region=" + ssmRegion)
        + (ssmEndpoint == null ? "" : ", endpoint=" + ssmEndpoint)
        + "]";
  }

  /** Mutable builder; not thread-safe. Invalid values fail with {@link Reason#CONFIGURATION}. */
  public static final class Builder {
    private Source source;
    private String location;
    private Path file;
    private byte[] inlineSecret;
    private String keyId;
    private String previousLocation;
    private byte[] previousSecret;
    private String previousKeyId;
    private Encoding encoding = Encoding.UTF8;
    private Duration gracePeriod = DEFAULT_GRACE_PERIOD;
    private Duration refreshInterval = DEFAULT_REFRESH_INTERVAL;
    private String ssmRegion;
    private java.net.URI ssmEndpoint;

    private Builder() {}

    /**
     * Uses a secret taken from an environment variable.
     *
     * @param variableName the variable's name, shown in diagnostics
     * @param value the secret text (never shown anywhere)
     */
    public Builder environmentSecret(String variableName, String value) {
      Objects.requireNonNull(value, "value");
      setSource(Source.ENV, nonBlank(variableName, "variableName"));
      this.inlineSecret = value.getBytes(StandardCharsets.UTF_8);
      this.file = null;
      return this;
    }

    /** Uses a secret read from a file (one trailing newline is ignored). */
    public Builder fileSecret(Path path) {
      Objects.requireNonNull(path, "path");
      setSource(Source.FILE, path.toString());
      this.file = path;
      this.inlineSecret = null;
      return this;
    }

    /** Uses a secret read from an SSM parameter (SecureString, read with decryption). */
    public Builder ssmParameter(String parameterName) {
      String name = nonBlank(parameterName, "ssmParameter");
      if (name.length() > 2048 || hasWhitespaceOrControl(name)) {
        throw config(
            "ssmParameter must be 1..2048 characters without spaces or control characters");
      }
      setSource(Source.SSM, name);
      this.file = null;
      this.inlineSecret = null;
      return this;
    }

    /** Sets the AWS region of the SSM parameter; {@code null} leaves it unset. */
    public Builder ssmRegion(String region) {
      if (region != null
          && (region.isEmpty() || region.length() > 64 || !region.matches("[a-z0-9-]+"))) {
        throw config("ssmRegion must look like an AWS region name such as us-east-1");
      }
      this.ssmRegion = region;
      return this;
    }

    /**
     * Sets the SSM endpoint (absolute http(s), a host, no user info, query or fragment); {@code
     * null} leaves the regional endpoint.
     */
    public Builder ssmEndpoint(java.net.URI endpoint) {
      if (endpoint != null
          && (!endpoint.isAbsolute()
              || endpoint.getHost() == null
              || !("http".equalsIgnoreCase(endpoint.getScheme())
                  || "https".equalsIgnoreCase(endpoint.getScheme()))
              || endpoint.getRawUserInfo() != null
              || endpoint.getRawQuery() != null
              || endpoint.getRawFragment() != null)) {
        throw config(
            "ssmEndpoint must be an absolute http(s) URL with a host, without user info, query or"
                + " fragment");
      }
      this.ssmEndpoint = endpoint;
      return this;
    }

    /** Sets the key id tokens carry in {@code kid}; {@code null} for none. */
    public Builder keyId(String keyId) {
      this.keyId = checkKeyId(keyId, "keyId");
      return this;
    }

    /**
     * Adds a previous secret accepted for {@link #gracePeriod(Duration)} after loading.
     *
     * @param variableName where it came from, shown in diagnostics
     * @param value the previous secret text (never shown anywhere)
     */
    public Builder previousSecret(String variableName, String value) {
      Objects.requireNonNull(value, "value");
      this.previousLocation = nonBlank(variableName, "previousSecret variableName");
      this.previousSecret = value.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /** Sets the key id of the previous secret; defaults to the current key id. */
    public Builder previousKeyId(String previousKeyId) {
      this.previousKeyId = checkKeyId(previousKeyId, "previousKeyId");
      return this;
    }

    /** Sets how secret text is decoded. Default {@link Encoding#UTF8}. */
    public Builder encoding(Encoding encoding) {
      this.encoding = Objects.requireNonNull(encoding, "encoding");
      return this;
    }

    /** Sets how long a replaced key is accepted: 1 minute to 7 days, default 1 hour. */
    public Builder gracePeriod(Duration gracePeriod) {
      this.gracePeriod =
          bounded(
              gracePeriod, MIN_GRACE_PERIOD, MAX_GRACE_PERIOD, "gracePeriod", "1 minute", "7 days");
      return this;
    }

    /** Sets how often file and SSM secrets are re-read: 30 seconds to 1 hour, default 5 minutes. */
    public Builder refreshInterval(Duration refreshInterval) {
      this.refreshInterval =
          bounded(
              refreshInterval,
              MIN_REFRESH_INTERVAL,
              MAX_REFRESH_INTERVAL,
              "refreshInterval",
              "30 seconds",
              "1 hour");
      return this;
    }

    /**
     * Builds the settings, checking inline secrets (length after decoding, encoding) and that a
     * source is chosen.
     */
    public SecretSettings build() {
      return build(List.of());
    }

    SecretSettings build(List<String> variablesUsed) {
      if (source == null) {
        throw config(SecretEnvironment.NO_SOURCE_MESSAGE);
      }
      if (previousSecret != null && source == Source.SSM) {
        throw config(
            "a previous secret ("
                + previousLocation
                + ") cannot be combined with the SSM source: the previous key is read from the"
                + " parameter's version history");
      }
      if (inlineSecret != null) {
        SecretDecoding.check(inlineSecret, encoding, location);
      }
      if (previousSecret != null) {
        SecretDecoding.check(previousSecret, encoding, previousLocation);
      }
      if (previousSecret == null && previousKeyId != null) {
        throw config("previousKeyId is set but there is no previous secret");
      }
      return new SecretSettings(this, new ArrayList<>(variablesUsed));
    }

    private void setSource(Source next, String nextLocation) {
      if (source != null) {
        throw config(
            "several JWT secret sources are configured ("
                + location
                + " and "
                + nextLocation
                + "); configure exactly one");
      }
      this.source = next;
      this.location = nextLocation;
    }

    private static String checkKeyId(String keyId, String field) {
      if (keyId == null) {
        return null;
      }
      if (keyId.isEmpty() || keyId.length() > 128) {
        throw config(field + " must be 1..128 printable ASCII characters without spaces");
      }
      for (int i = 0; i < keyId.length(); i++) {
        char c = keyId.charAt(i);
        if (c <= 0x20 || c >= 0x7f) {
          throw config(field + " must be 1..128 printable ASCII characters without spaces");
        }
      }
      return keyId;
    }

    private static Duration bounded(
        Duration value, Duration min, Duration max, String field, String minText, String maxText) {
      Objects.requireNonNull(value, field);
      if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        throw config(field + " must be between " + minText + " and " + maxText);
      }
      return value;
    }

    private static String nonBlank(String value, String field) {
      Objects.requireNonNull(value, field);
      if (value.isBlank()) {
        throw config(field + " must not be blank");
      }
      return value;
    }

    private static boolean hasWhitespaceOrControl(String value) {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c <= 0x20 || c == 0x7f || Character.isWhitespace(c)) {
          return true;
        }
      }
      return false;
    }

    private static AuthException config(String message) {
      return new AuthException(Reason.CONFIGURATION, message);
    }
  }
}

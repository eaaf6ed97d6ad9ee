package com.quiltdata.mcp.auth.internal.secrets;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.auth.AuthException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryResponse;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * A secret in an AWS SSM parameter, read with decryption. The version before the current one comes
 * from {@code GetParameterHistory} (with decryption), fetched once per new current version; a
 * failure there only costs the previous key (fail closed: fewer tokens accepted), never the start.
 *
 * <p>Messages carry the parameter name and AWS error codes, never a value. SDK exceptions are not
 * attached as causes: a parse error message could quote a response body.
 */
public final class SsmKeySource implements KeySource {
  private static final Logger LOG = LoggerFactory.getLogger(SsmKeySource.class);
  private static final int HISTORY_PAGE_SIZE = 50;
  private static final int MAX_HISTORY_PAGES = 10;

  private final SsmClient ssm;
  private final String name;
  private Long cachedVersion;
  private byte[] cachedPrevious;

  /** Creates a source reading parameter {@code name} through {@code ssm}. */
  public SsmKeySource(SsmClient ssm, String name) {
    this.ssm = Objects.requireNonNull(ssm, "ssm");
    this.name = Objects.requireNonNull(name, "name");
  }

  @Override
  public synchronized SourceReading read() {
    Parameter parameter = current();
    long version = parameter.version() == null ? 0L : parameter.version();
    if (cachedVersion == null || cachedVersion != version) {
      if (parameter.type() != ParameterType.SECURE_STRING) {
        LOG.warn(
            "SSM parameter {} (version {}) is of type {}, not SecureString: the JWT secret is not"
                + " encrypted at rest; store it as a SecureString",
            name,
            version,
            parameter.typeAsString());
      }
      cachedPrevious = version > 1 ? previousVersion(version) : null;
      cachedVersion = version;
    }
    return new SourceReading(
        parameter.value().getBytes(StandardCharsets.UTF_8),
        cachedPrevious == null ? null : cachedPrevious.clone(),
        parameter.lastModifiedDate(),
        Long.toString(version));
  }

  @Override
  public boolean refreshable() {
    return true;
  }

  private Parameter current() {
    Parameter parameter;
    try {
      parameter =
          ssm.getParameter(GetParameterRequest.builder().name(name).withDecryption(true).build())
              .parameter();
    } catch (ParameterNotFoundException e) {
      throw new AuthException(
          Reason.CONFIGURATION,
          "SSM parameter "
              + name
              + " does not exist in the configured region; check "
              + SecretEnvironment.SSM_PARAMETER
              + " and AWS_REGION");
    } catch (SdkException e) {
      throw new AuthException(
          Reason.SECRET_UNAVAILABLE,
          "could not read SSM parameter " + name + " (GetParameter): " + describe(e));
    }
    if (parameter == null || parameter.value() == null) {
      throw new AuthException(
          Reason.SECRET_UNAVAILABLE,
          "SSM answered GetParameter for " + name + " without a parameter value");
    }
    if (parameter.type() == ParameterType.STRING_LIST) {
      throw new AuthException(
          Reason.CONFIGURATION,
          "SSM parameter " + name + " is a StringList; store the JWT secret as a SecureString");
    }
    return parameter;
  }

  /** The value of the highest version below {@code version}, or null if none or on failure. */
  private byte[] previousVersion(long version) {
    long best = -1;
    String bestValue = null;
    String token = null;
    try {
      for (int page = 0; page < MAX_HISTORY_PAGES; page++) {
        GetParameterHistoryResponse response =
            ssm.getParameterHistory(
                GetParameterHistoryRequest.builder()
                    .name(name)
                    .withDecryption(true)
                    .maxResults(HISTORY_PAGE_SIZE)
                    .nextToken(token)
                    .build());
        for (ParameterHistory h : response.parameters()) {
          Long v = h.version();
          if (v != null && v < version && v > best && h.value() != null) {
            best = v;
            bestValue = h.value();
          }
        }
        token = response.nextToken();
        if (token == null || token.isEmpty()) {
          break;
        }
      }
    } catch (SdkException e) {
      LOG.warn(
          "could not read the version history of SSM parameter {} (GetParameterHistory): {}; the"
              + " previous key is not accepted (grant ssm:GetParameterHistory to keep tokens"
              + " signed with it valid during rotation)",
          name,
          describe(e));
      return null;
    }
    return bestValue == null ? null : bestValue.getBytes(StandardCharsets.UTF_8);
  }

  /** A safe one-line account of an SDK failure: error codes and network causes only. */
  static String describe(SdkException e) {
    if (e instanceof AwsServiceException) {
      AwsServiceException service = (AwsServiceException) e;
      String code = null;
      String message = null;
      if (service.awsErrorDetails() != null) {
        code = service.awsErrorDetails().errorCode();
        message = service.awsErrorDetails().errorMessage();
      }
      String text =
          (code == null ? "service error" : code) + " (HTTP " + service.statusCode() + ")";
      if (message != null && !message.isBlank()) {
        text += ": " + (message.length() > 200 ? message.substring(0, 200) + "..." : message);
      }
      return text;
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof IOException) {
      return root.getClass().getSimpleName()
          + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
    return e.getClass().getSimpleName()
        + (root == e ? "" : " caused by " + root.getClass().getSimpleName());
  }

  @Override
  public String toString() {
    return "SsmKeySource[" + name + "]";
  }
}

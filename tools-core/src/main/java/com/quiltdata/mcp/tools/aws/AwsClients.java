package com.quiltdata.mcp.tools.aws;

import com.quiltdata.mcp.tools.aws.internal.AbortableHttpClient;
import com.quiltdata.mcp.tools.aws.internal.NeverAmbientCredentials;
import java.util.Objects;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.AthenaClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The server's AWS clients: one long-lived client per service, shared by every caller, each request
 * signed with the caller's own credentials supplied per request ({@link AwsCall#override()}). A
 * client's default credentials always refuse, so nothing is ever signed with the server's ambient
 * role. Clients are built on first use, over one JDK-based HTTP client whose requests a cancelled
 * call can abort. Thread-safe; {@link #close()} at shutdown.
 */
public final class AwsClients implements AutoCloseable {
  private final AwsSettings settings;
  private SdkHttpClient http;
  private S3Client s3;
  private S3Presigner presigner;
  private AthenaClient athena;
  private boolean closed;

  private AwsClients(AwsSettings settings) {
    this.settings = settings;
  }

  /**
   * The shared HTTP client, built with the first service client: building it loads most of the AWS
   * SDK (about 1,400 classes, half of the stdio server's start-up), which a server that has not yet
   * run an AWS tool does not need (docs/performance.md).
   */
  private SdkHttpClient http() {
    if (http == null) {
      http =
          new AbortableHttpClient(
              UrlConnectionHttpClient.builder()
                  .connectionTimeout(settings.connectTimeout())
                  .socketTimeout(settings.socketTimeout())
                  .build());
    }
    return http;
  }

  /** Clients for these settings; nothing is built or contacted until a client is asked for. */
  public static AwsClients create(AwsSettings settings) {
    return new AwsClients(Objects.requireNonNull(settings, "settings"));
  }

  /** The settings in force. */
  public AwsSettings settings() {
    return settings;
  }

  /** Whether S3 requests use path-style addressing (always with a custom endpoint). */
  public boolean s3PathStyle() {
    return settings.endpoint(AwsService.S3).isPresent();
  }

  /** The S3 client. */
  public synchronized S3Client s3() {
    checkOpen();
    if (s3 == null) {
      S3ClientBuilder b =
          S3Client.builder()
              .httpClient(http())
              .region(Region.of(settings.region()))
              .credentialsProvider(NeverAmbientCredentials.INSTANCE)
              // Only the checksums S3 requires: S3-compatible stores (and older proxies) reject
              // the newer default trailing checksums.
              .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
              .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
              // Plain signed payloads instead of aws-chunked uploads, for the same reason.
              .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
              .forcePathStyle(s3PathStyle())
              .overrideConfiguration(
                  o ->
                      o.apiCallTimeout(settings.apiCallTimeout())
                          .retryStrategy(r -> r.maxAttempts(settings.maxAttempts())));
      if (settings.endpoint(AwsService.S3).isPresent()) {
        b.endpointOverride(settings.endpoint(AwsService.S3).get());
      } else {
        b.crossRegionAccessEnabled(true);
      }
      s3 = b.build();
    }
    return s3;
  }

  /** The Athena client (also how the Glue catalog's metadata is read). */
  public synchronized AthenaClient athena() {
    checkOpen();
    if (athena == null) {
      AthenaClientBuilder b =
          AthenaClient.builder()
              .httpClient(http())
              .region(Region.of(settings.region()))
              .credentialsProvider(NeverAmbientCredentials.INSTANCE)
              .overrideConfiguration(
                  o ->
                      o.apiCallTimeout(settings.apiCallTimeout())
                          .retryStrategy(r -> r.maxAttempts(settings.maxAttempts())));
      settings.endpoint(AwsService.ATHENA).ifPresent(b::endpointOverride);
      athena = b.build();
    }
    return athena;
  }

  /** The S3 presigner (it signs with the credentials each request carries). */
  public synchronized S3Presigner s3Presigner() {
    checkOpen();
    if (presigner == null) {
      S3Presigner.Builder p =
          S3Presigner.builder()
              .region(Region.of(settings.region()))
              .credentialsProvider(NeverAmbientCredentials.INSTANCE)
              .serviceConfiguration(
                  S3Configuration.builder().pathStyleAccessEnabled(s3PathStyle()).build());
      settings.endpoint(AwsService.S3).ifPresent(p::endpointOverride);
      presigner = p.build();
    }
    return presigner;
  }

  /** Closes the clients and the HTTP client; calls in flight fail. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (s3 != null) {
      s3.close();
    }
    if (presigner != null) {
      presigner.close();
    }
    if (athena != null) {
      athena.close();
    }
    if (http != null) {
      http.close();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the AWS clients are closed");
    }
  }

  @Override
  public String toString() {
    return "AwsClients[" + settings + "]";
  }
}

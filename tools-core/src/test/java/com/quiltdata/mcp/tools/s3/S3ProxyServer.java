package com.quiltdata.mcp.tools.s3;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A real S3-compatible server (S3Proxy over an in-memory store) that accepts exactly one access
 * key, behind a {@link CountingFront}. The tools are pointed at the front; {@link #admin()} talks
 * to S3Proxy directly (uncounted) to set up and inspect buckets.
 */
public final class S3ProxyServer implements AutoCloseable {
  /** The only access key S3Proxy accepts (what the registry stub issues). */
  public static final String ACCESS_KEY = "ASIAQUILTTESTUSER001";

  /** Its secret. */
  public static final String SECRET_KEY = "s3proxy-secret-for-the-tool-tests-0123456789";

  private final S3Proxy proxy;
  private final CountingFront front;
  private final URI direct;
  private final S3Client admin;

  private S3ProxyServer(String... buckets) throws Exception {
    TransientNio2BlobStore store = new TransientNio2BlobStore();
    for (String b : buckets) {
      store.createContainer(b);
    }
    proxy =
        S3Proxy.builder()
            .blobStore(store)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            // S3Proxy refuses headers it does not know, x-amz-security-token among them.
            .ignoreUnknownHeaders(true)
            .stopTimeout(100)
            .build();
    proxy.start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3Proxy did not start");
      }
      Thread.sleep(10);
    }
    direct = URI.create("http://127.0.0.1:" + proxy.getPort());
    front = new CountingFront(direct);
    admin =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(Region.US_EAST_1)
            .endpointOverride(direct)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
            .build();
  }

  public static S3ProxyServer start(String... buckets) {
    try {
      return new S3ProxyServer(buckets);
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy could not start", e);
    }
  }

  /** Where the tools send S3 requests (the counting front). */
  public URI endpoint() {
    return front.url();
  }

  /** S3Proxy itself, bypassing the front. */
  public URI directEndpoint() {
    return direct;
  }

  public CountingFront front() {
    return front;
  }

  /** A client with S3Proxy's own key, straight to S3Proxy (not counted). */
  public S3Client admin() {
    return admin;
  }

  @Override
  public void close() {
    admin.close();
    front.close();
    try {
      proxy.stop();
    } catch (java.util.concurrent.TimeoutException e) {
      // Idle keep-alive connections outlived the short graceful period; Jetty closed them.
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

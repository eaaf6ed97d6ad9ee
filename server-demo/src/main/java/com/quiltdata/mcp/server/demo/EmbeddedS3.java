package com.quiltdata.mcp.server.demo;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * S3Proxy serving a directory of the local filesystem as S3 on 127.0.0.1, accepting requests signed
 * (AWS signature V2 or V4) with one generated key pair. Buckets are sub-directories of the root,
 * objects files below them. S3Proxy checks the signature only: the session token that AWS clients
 * send with temporary credentials ({@code X-Amz-Security-Token}, signed like any header) is
 * accepted and otherwise ignored, and expiry is not enforced. {@link #close()} stops it.
 */
final class EmbeddedS3 implements AutoCloseable {
  /** The address the server binds: loopback only. */
  static final String HOST = "127.0.0.1";

  private static final long STOP_TIMEOUT_MILLIS = 2_000;
  private static final int MAX_THREADS = 32;

  private final S3Proxy proxy;
  private final BlobStore store;
  private final URI endpoint;

  private EmbeddedS3(S3Proxy proxy, BlobStore store, URI endpoint) {
    this.proxy = proxy;
    this.store = store;
    this.endpoint = endpoint;
  }

  /**
   * Starts serving {@code root} (which must exist).
   *
   * @param port the port; 0 picks a free one
   * @throws DemoStartException when the port cannot be bound or the server fails to start
   */
  static EmbeddedS3 start(Path root, int port, S3Keys keys) {
    Objects.requireNonNull(keys, "keys");
    BlobStore store = new FilesystemNio2BlobStore(root.toString());
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(store)
            .endpoint(URI.create("http://" + HOST + ":" + port))
            .awsAuthentication(
                AuthenticationType.AWS_V2_OR_V4, keys.accessKeyId(), keys.secretAccessKey())
            .ignoreUnknownHeaders(true) // accept X-Amz-Security-Token (see above)
            .jettyMaxThreads(MAX_THREADS)
            .stopTimeout(STOP_TIMEOUT_MILLIS)
            .build();
    try {
      proxy.start();
    } catch (Exception e) {
      stopQuietly(proxy);
      throw failure(port, e);
    }
    return new EmbeddedS3(proxy, store, URI.create("http://" + HOST + ":" + proxy.getPort()));
  }

  private static DemoStartException failure(int port, Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return new DemoStartException(
            DemoStartException.EXIT_START_FAILURE,
            "the embedded S3 server cannot listen on "
                + HOST
                + ":"
                + port
                + " (the port is in use); choose another with --s3-port, or 0 for any free port");
      }
    }
    return new DemoStartException(
        DemoStartException.EXIT_START_FAILURE,
        "the embedded S3 server did not start ("
            + e.getClass().getSimpleName()
            + (e instanceof IOException ? ": " + e.getMessage() : "")
            + ")");
  }

  /** {@code http://127.0.0.1:port}: the endpoint for path-style requests. */
  URI endpoint() {
    return endpoint;
  }

  /** The store behind the server, for seeding. */
  BlobStore store() {
    return store;
  }

  /** Stops the server (in-flight requests get up to 2 s). Idempotent. */
  @Override
  public void close() {
    stopQuietly(proxy);
  }

  private static void stopQuietly(S3Proxy proxy) {
    try {
      proxy.stop();
    } catch (Exception e) {
      // stopping is best effort: the process is ending or the start already failed
    }
  }

  @Override
  public String toString() {
    return "EmbeddedS3[" + endpoint + "]";
  }
}

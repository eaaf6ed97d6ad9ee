package com.quiltdata.mcp.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeding the sample package when the server cannot be reached: a reason, nothing written. */
class SamplePackageTest {
  @TempDir Path data;

  @Test
  void unreachableServer_isASecretFreeReason_andNothingIsWritten() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closed = socket.getLocalPort();
    }
    URI url = URI.create("http://127.0.0.1:" + closed + "/mcp");
    try (EmbeddedS3 s3 = EmbeddedS3.start(data, 0, S3Keys.generate(new SecureRandom()))) {
      SampleBucket.seed(s3.store());
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> SamplePackage.seed(s3.store(), url, "not-a-real-token"));
      assertEquals("the MCP server did not answer (ConnectException)", e.getMessage());
      assertFalse(SamplePackage.present(s3.store()));
    }
  }
}

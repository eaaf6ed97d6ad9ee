package com.quiltdata.mcp.tools.aws.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.CpuSlots;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The AWS SDK's HTTP exchange, and reads of a response body that would block, run without the
 * calling thread's CPU slot; reads of bytes already buffered keep it, and the body is unchanged.
 */
class AbortableHttpClientTest {
  private static final byte[] BODY = "<ListBucketResult/>".getBytes(StandardCharsets.UTF_8);

  /** Whether the thread held its slot at each step, in order. */
  private final List<String> seen = new ArrayList<>();

  /** A body that reports no buffered bytes before its first read, then the rest; 4 bytes a read. */
  private final class SlowBody extends InputStream {
    private final ByteArrayInputStream bytes = new ByteArrayInputStream(BODY);
    private boolean first = true;

    @Override
    public int available() {
      return first ? 0 : bytes.available();
    }

    @Override
    public int read() {
      seen.add("read:" + CpuSlots.held());
      first = false;
      return bytes.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      seen.add("read:" + CpuSlots.held());
      first = false;
      return bytes.read(b, off, Math.min(len, 4));
    }
  }

  private final SdkHttpClient wire =
      new SdkHttpClient() {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
          return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
              seen.add("exchange:" + CpuSlots.held());
              return HttpExecuteResponse.builder()
                  .response(SdkHttpResponse.builder().statusCode(200).build())
                  .responseBody(AbortableInputStream.create(new SlowBody()))
                  .build();
            }

            @Override
            public void abort() {}
          };
        }

        @Override
        public void close() {}
      };

  @Test
  void theExchangeAndBlockingReadsRunWithoutTheSlot() throws IOException {
    CpuSlots slots = CpuSlots.of(1, Duration.ofSeconds(5));
    HttpExecuteRequest request =
        HttpExecuteRequest.builder()
            .request(
                SdkHttpRequest.builder()
                    .method(SdkHttpMethod.GET)
                    .uri(URI.create("http://127.0.0.1:9/bucket"))
                    .build())
            .build();
    byte[] read;
    try (CpuSlots.Slot slot = slots.enter();
        AbortableHttpClient client = new AbortableHttpClient(wire)) {
      HttpExecuteResponse response = client.prepareRequest(request).call();
      assertTrue(CpuSlots.held(), "the slot is taken again after the exchange");
      try (InputStream body = response.responseBody().orElseThrow()) {
        read = body.readAllBytes();
      }
      assertTrue(CpuSlots.held());
    }
    assertArrayEquals(BODY, read);
    assertEquals("exchange:false", seen.get(0));
    assertEquals("read:false", seen.get(1), "a read with nothing buffered waits without it");
    assertEquals("read:true", seen.get(2), "a read of buffered bytes keeps it");
    assertEquals(1, slots.available());
    assertEquals(0, slots.overruns());
  }
}

package com.quiltdata.mcp.tools.aws.internal;

import com.quiltdata.mcp.auth.CpuSlots;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * An HTTP client that lets the {@link AbortScope} open on the calling thread abort the request in
 * flight, and waits for the answer without the thread's {@link CpuSlots} slot (the exchange, and
 * reads of the response body that would block). Everything else is the wrapped client's.
 */
public final class AbortableHttpClient implements SdkHttpClient {
  private final SdkHttpClient delegate;

  /** Wraps {@code delegate}, which this client closes. */
  public AbortableHttpClient(SdkHttpClient delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    ExecutableHttpRequest inner = delegate.prepareRequest(request);
    AbortScope scope = AbortScope.current();
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        if (scope != null && !scope.track(inner)) {
          throw new IOException("the call was cancelled");
        }
        HttpExecuteResponse response = CpuSlots.waiting(inner::call);
        if (response.responseBody().isEmpty()) {
          return response;
        }
        AbortableInputStream body = response.responseBody().get();
        return HttpExecuteResponse.builder()
            .response(response.httpResponse())
            .responseBody(AbortableInputStream.create(new SlotFreeReads(body), body))
            .build();
      }

      @Override
      public void abort() {
        inner.abort();
      }
    };
  }

  /** A response body whose reads give the CPU slot back when no bytes are buffered yet. */
  private static final class SlotFreeReads extends FilterInputStream {
    SlotFreeReads(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      return in.available() > 0 ? in.read() : CpuSlots.waiting(in::read);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return in.available() > 0
          ? in.read(b, off, len)
          : CpuSlots.waiting(() -> in.read(b, off, len));
    }
  }

  @Override
  public String clientName() {
    return delegate.clientName();
  }

  @Override
  public void close() {
    delegate.close();
  }
}

package com.quiltdata.mcp.tools.aws.internal;

import java.io.IOException;
import java.util.Objects;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * An HTTP client that lets the {@link AbortScope} open on the calling thread abort the request in
 * flight. Everything else is the wrapped client's.
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
    if (scope == null) {
      return inner;
    }
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        if (!scope.track(inner)) {
          throw new IOException("the call was cancelled");
        }
        return inner.call();
      }

      @Override
      public void abort() {
        inner.abort();
      }
    };
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

package com.quiltdata.mcp.tools.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.tools.engine.CallContext;
import com.quiltdata.mcp.tools.engine.Cancellation;
import com.quiltdata.mcp.tools.engine.EngineResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cancelling a call aborts the S3 request it is blocked on: S3 (the front) holds its answer, the
 * client cancels, and the call ends at once instead of waiting for S3 or the read timeout (10 s in
 * the rig), with no answer sent.
 */
class S3CancellationTest {
  private S3Rig rig;
  private final CountDownLatch arrived = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() {
    rig = new S3Rig();
    rig.s3
        .front()
        .onRequest(
            line -> {
              arrived.countDown();
              try {
                release.await(30, TimeUnit.SECONDS); // S3 is very slow today
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
  }

  @AfterEach
  void stop() {
    release.countDown();
    rig.close();
  }

  @Test
  void cancellingWhileS3Holds_abortsTheRequest_andNothingIsAnswered() throws Exception {
    Principal alice = rig.alice();
    Cancellation cancel = new Cancellation();
    String request =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"bucket_objects_list\",\"arguments\":{\"bucket\":\"quilt-data\"}}}";
    CompletableFuture<EngineResponse> call =
        CompletableFuture.supplyAsync(
            () ->
                rig.engine.handle(
                    request.getBytes(StandardCharsets.UTF_8),
                    CallContext.stdio().principal(alice).cancellation(cancel).build()));
    assertTrue(arrived.await(10, TimeUnit.SECONDS), "the S3 request was sent");
    assertFalse(call.isDone(), "the call waits on S3");

    cancel.cancel();
    // Without the abort this would wait for S3 or for the 10 s read timeout.
    EngineResponse response = call.get(5, TimeUnit.SECONDS);

    assertEquals(EngineResponse.Outcome.NO_ANSWER, response.outcome());
    assertFalse(response.hasBody());
    assertEquals(1, rig.s3.front().requests(), "no retry after the abort");
  }
}

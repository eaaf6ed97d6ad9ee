package com.quiltdata.mcp.tools.athena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.tools.engine.CallContext;
import com.quiltdata.mcp.tools.engine.Cancellation;
import com.quiltdata.mcp.tools.engine.EngineResponse;
import com.quiltdata.mcp.tools.engine.NotificationSink;
import com.quiltdata.mcp.tools.s3.ToolRig.Reply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A slow query: progress while it runs, cancellation that stops it, a timeout that can resume. */
class AthenaLongQueryTest {
  AthenaRig rig;
  Principal alice;

  @BeforeEach
  void start() {
    rig = AthenaRig.start(AthenaRig.fast());
    alice = rig.alice();
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  @Test
  void slowQuery_reportsProgress_andCancellingTheCallStopsTheQuery() throws Exception {
    List<String> notes = new CopyOnWriteArrayList<>();
    CountDownLatch progressed = new CountDownLatch(2);
    NotificationSink sink =
        json -> {
          notes.add(json);
          if (json.contains("notifications/progress")) {
            progressed.countDown();
          }
        };
    Cancellation cancel = new Cancellation();
    String request =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"athena_query_execute\",\"arguments\":{\"query\":\""
            + AthenaRig.SLOW
            + "\"},\"_meta\":{\"progressToken\":\"p1\"}}}";
    CompletableFuture<EngineResponse> call =
        CompletableFuture.supplyAsync(
            () ->
                rig.engine.handle(
                    request.getBytes(StandardCharsets.UTF_8),
                    CallContext.stdio()
                        .principal(alice)
                        .cancellation(cancel)
                        .notifications(sink)
                        .build()));
    assertTrue(progressed.await(20, TimeUnit.SECONDS), "progress while running: " + notes);
    assertTrue(
        notes.stream().anyMatch(n -> n.contains("RUNNING") || n.contains("QUEUED")),
        notes.toString());
    assertTrue(notes.stream().anyMatch(n -> n.contains("bytes scanned")), notes.toString());
    assertFalse(call.isDone());

    cancel.cancel();
    EngineResponse response = call.get(10, TimeUnit.SECONDS);
    assertEquals(EngineResponse.Outcome.NO_ANSWER, response.outcome());
    assertEquals(1, rig.athena.stopped().size(), "the stand-in saw the stop");
    String id = rig.athena.stopped().get(0);
    for (int i = 0; i < 200 && !"CANCELLED".equals(rig.athena.execution(id).get("state")); i++) {
      Thread.sleep(25);
    }
    assertEquals("CANCELLED", rig.athena.execution(id).get("state"));
  }

  @Test
  void timeout_returnsTheIdToPickUp_andTheQueryCanBeCheckedAndCancelled() throws Exception {
    Reply r =
        rig.call(
            alice,
            "athena_query_execute",
            "{\"query\":\"" + AthenaRig.SLOW + "\",\"timeout_seconds\":1}");
    assertTrue(r.isError());
    assertEquals("TIMEOUT", r.reason());
    assertTrue(r.structured().path("retryable").asBoolean());
    String id = r.structured().path("query_execution_id").asText();
    assertFalse(id.isEmpty());
    assertTrue(rig.athena.stopped().isEmpty(), "a timeout leaves the query running");

    Reply status =
        rig.call(alice, "athena_query_status", "{\"query_execution_id\":\"" + id + "\"}");
    assertEquals("RUNNING", status.structured().path("state").asText());
    Reply early =
        rig.call(alice, "athena_query_results", "{\"query_execution_id\":\"" + id + "\"}");
    assertEquals("QUERY_NOT_FINISHED", early.reason());

    Reply cancel =
        rig.call(alice, "athena_query_cancel", "{\"query_execution_id\":\"" + id + "\"}");
    assertFalse(cancel.isError(), cancel.toString());
    assertEquals(List.of(id), rig.athena.stopped());
    String state = "";
    for (int i = 0; i < 200 && !state.equals("CANCELLED"); i++) {
      Thread.sleep(25);
      state =
          rig.call(alice, "athena_query_status", "{\"query_execution_id\":\"" + id + "\"}")
              .structured()
              .path("state")
              .asText();
    }
    assertEquals("CANCELLED", state);
  }
}

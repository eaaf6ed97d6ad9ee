package com.quiltdata.mcp.standins.athena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaException;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

/** Opening the database in the background, and queries held RUNNING for a minimum time. */
class AthenaStandInStartAndPaceTest {
  private static final String KEY = "AKIDPACE";
  private static final String SECRET = "pace-secret";

  private static QueryExecutionState await(AthenaClient client, String id, QueryExecutionState s)
      throws InterruptedException {
    QueryExecutionState seen = null;
    for (int i = 0; i < 1500 && seen != s; i++) {
      seen =
          client.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution().status().state();
      if (seen != s) {
        Thread.sleep(20);
      }
    }
    return seen;
  }

  private static AthenaStandIn paced(Duration minimum) {
    return AthenaStandIn.builder()
        .credentials(KEY, SECRET)
        .workgroup(new AthenaStandIn.Workgroup("primary", "s3://results/", true, true))
        .minimumRunTime(minimum)
        .start();
  }

  @Test
  void openInBackground_requestsWaitForTheSeededDatabase() throws Exception {
    try (AthenaStandIn athena =
            AthenaStandIn.builder()
                .credentials(KEY, SECRET)
                .seed("CREATE SCHEMA demo; CREATE VIEW demo.two AS SELECT * FROM range(2) t(i)")
                .workgroup(new AthenaStandIn.Workgroup("primary", "s3://results/", true, true))
                .openInBackground()
                .start();
        AthenaClient client = AthenaStandInTest.client(KEY, SECRET, athena.endpoint())) {
      String id =
          client
              .startQueryExecution(b -> b.queryString("SELECT count(*) FROM demo.two"))
              .queryExecutionId();
      assertEquals(QueryExecutionState.SUCCEEDED, await(client, id, QueryExecutionState.SUCCEEDED));
      var rows = client.getQueryResults(b -> b.queryExecutionId(id)).resultSet().rows();
      assertEquals("2", rows.get(1).data().get(0).varCharValue());
    }
  }

  @Test
  void openInBackground_aFailingSeed_failsEveryRequestWithTheReason() {
    try (AthenaStandIn athena =
            AthenaStandIn.builder()
                .credentials(KEY, SECRET)
                .seed("CREATE VIEW broken AS SELECT * FROM no_such_table")
                .openInBackground()
                .start();
        AthenaClient client = AthenaStandInTest.client(KEY, SECRET, athena.endpoint())) {
      AthenaException e = assertThrows(AthenaException.class, () -> client.listWorkGroups(b -> {}));
      assertEquals(500, e.statusCode());
      assertEquals("InternalServerException", e.awsErrorDetails().errorCode());
      assertTrue(e.getMessage().contains("did not open"), e.getMessage());
      assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
    }
  }

  @Test
  void minimumRunTime_holdsAFastQueryRunning_untilStopped() throws Exception {
    try (AthenaStandIn athena = paced(Duration.ofMinutes(5));
        AthenaClient client = AthenaStandInTest.client(KEY, SECRET, athena.endpoint())) {
      String id = client.startQueryExecution(b -> b.queryString("SELECT 1")).queryExecutionId();
      assertEquals(QueryExecutionState.RUNNING, await(client, id, QueryExecutionState.RUNNING));
      client.stopQueryExecution(b -> b.queryExecutionId(id));
      assertEquals(QueryExecutionState.CANCELLED, await(client, id, QueryExecutionState.CANCELLED));
    }
  }

  @Test
  void minimumRunTime_thenTheQueryFinishesWithItsResult() throws Exception {
    try (AthenaStandIn athena = paced(Duration.ofMillis(300));
        AthenaClient client = AthenaStandInTest.client(KEY, SECRET, athena.endpoint())) {
      String id = client.startQueryExecution(b -> b.queryString("SELECT 42")).queryExecutionId();
      assertEquals(QueryExecutionState.SUCCEEDED, await(client, id, QueryExecutionState.SUCCEEDED));
      var stats = client.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution();
      assertTrue(stats.statistics().engineExecutionTimeInMillis() >= 300, stats.toString());
      var rows = client.getQueryResults(b -> b.queryExecutionId(id)).resultSet().rows();
      assertEquals("42", rows.get(1).data().get(0).varCharValue());
      assertThrows(
          IllegalArgumentException.class,
          () -> AthenaStandIn.builder().minimumRunTime(Duration.ofMinutes(11)));
    }
  }
}

package com.quiltdata.mcp.standins.athena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaException;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.MetadataException;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.Row;
import software.amazon.awssdk.services.athena.model.TableMetadata;

/** The stand-in, driven by the real AWS SDK Athena client over HTTP. */
class AthenaStandInTest {
  static AthenaStandIn athena;
  static AthenaClient client;

  @BeforeAll
  static void start() {
    athena =
        AthenaStandIn.builder()
            .credentials("AKIDALICE", "alice-secret")
            .seed(
                "CREATE SCHEMA demo; CREATE TABLE demo.readings AS SELECT i AS id,"
                    + " CASE WHEN i % 3 = 0 THEN NULL ELSE 'v' || i END AS label,"
                    + " 2020 + i % 2 AS year FROM range(2500) t(i)")
            .partitionKeys("demo", "readings", "year")
            .location("demo", "readings", "s3://bucket/readings/")
            .workgroup(new AthenaStandIn.Workgroup("primary", "s3://results/", false, true))
            .start();
    client = client("AKIDALICE", "alice-secret", athena.endpoint());
  }

  @AfterAll
  static void stop() {
    client.close();
    athena.close();
  }

  static AthenaClient client(String key, String secret, URI endpoint) {
    return AthenaClient.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.US_EAST_1)
        .endpointOverride(endpoint)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
        .build();
  }

  static String run(String sql) throws InterruptedException {
    String id =
        client
            .startQueryExecution(
                b -> b.queryString(sql).queryExecutionContext(c -> c.database("demo")))
            .queryExecutionId();
    for (int i = 0; i < 600; i++) {
      QueryExecutionState s =
          client.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution().status().state();
      if (s != QueryExecutionState.QUEUED && s != QueryExecutionState.RUNNING) {
        return id;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("query did not finish");
  }

  @Test
  void select_pagesWithAHeaderRowFirstAndKeepsNulls() throws Exception {
    String id = run("SELECT id, label FROM readings ORDER BY id");
    List<Row> rows = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String t = token;
      GetQueryResultsResponse page =
          client.getQueryResults(b -> b.queryExecutionId(id).maxResults(1000).nextToken(t));
      assertEquals("bigint", page.resultSet().resultSetMetadata().columnInfo().get(0).type());
      rows.addAll(page.resultSet().rows());
      token = page.nextToken();
      pages++;
    } while (token != null);
    assertEquals(3, pages);
    assertEquals(2501, rows.size());
    assertEquals("id", rows.get(0).data().get(0).varCharValue());
    assertEquals("1", rows.get(2).data().get(0).varCharValue());
    assertEquals("v1", rows.get(2).data().get(1).varCharValue());
    assertNull(rows.get(1).data().get(1).varCharValue(), "SQL NULL has no VarCharValue");
  }

  @Test
  void failedQuery_carriesTheEnginesMessage() throws Exception {
    String id = run("SELECT nope FROM readings");
    var status = client.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution().status();
    assertEquals(QueryExecutionState.FAILED, status.state());
    assertTrue(status.stateChangeReason().contains("nope"), status.stateChangeReason());
    assertThrows(
        InvalidRequestException.class, () -> client.getQueryResults(b -> b.queryExecutionId(id)));
  }

  @Test
  void stop_cancelsARunningQuery() throws Exception {
    String id =
        client
            .startQueryExecution(
                b ->
                    b.queryString(
                        "SELECT sum(a.i * b.i) FROM range(200000) a(i), range(200000) b(i)"))
            .queryExecutionId();
    client.stopQueryExecution(b -> b.queryExecutionId(id));
    QueryExecutionState s = null;
    for (int i = 0; i < 500; i++) {
      s = client.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution().status().state();
      if (s == QueryExecutionState.CANCELLED) {
        break;
      }
      Thread.sleep(20);
    }
    assertEquals(QueryExecutionState.CANCELLED, s);
    assertTrue(athena.stopped().contains(id));
  }

  @Test
  void metadata_reportsDeclaredPartitionKeysAndLocation() {
    TableMetadata t =
        client
            .getTableMetadata(
                b -> b.catalogName("AwsDataCatalog").databaseName("demo").tableName("readings"))
            .tableMetadata();
    assertEquals(List.of("id", "label"), t.columns().stream().map(c -> c.name()).toList());
    assertEquals("string", t.columns().get(1).type());
    assertEquals("year", t.partitionKeys().get(0).name());
    assertEquals("s3://bucket/readings/", t.parameters().get("location"));
    assertTrue(
        client.listDatabases(b -> b.catalogName("AwsDataCatalog")).databaseList().stream()
            .anyMatch(d -> d.name().equals("demo")));
    assertThrows(
        MetadataException.class,
        () ->
            client.getTableMetadata(
                b -> b.catalogName("AwsDataCatalog").databaseName("demo").tableName("x")));
  }

  @Test
  void signature_withAnUnknownKeyOrWrongSecret_isRefused() {
    try (AthenaClient stranger = client("AKIDALICE", "wrong-secret", athena.endpoint())) {
      AthenaException e =
          assertThrows(AthenaException.class, () -> stranger.listWorkGroups(b -> {}));
      assertEquals("UnrecognizedClientException", e.awsErrorDetails().errorCode());
    }
    client.listWorkGroups(b -> {});
    assertFalse(athena.requests().isEmpty());
    assertTrue(athena.requests().stream().allMatch(r -> r.accessKey().equals("AKIDALICE")));
  }

  @Test
  void workgroup_withoutOutputLocation_refusesAQueryWithoutOne() {
    try (AthenaStandIn bare = AthenaStandIn.builder().credentials("AKIDBOB", "bob-secret").start();
        AthenaClient bob = client("AKIDBOB", "bob-secret", bare.endpoint())) {
      assertThrows(
          InvalidRequestException.class,
          () -> bob.startQueryExecution(b -> b.queryString("SELECT 1")));
      String id =
          bob.startQueryExecution(
                  b ->
                      b.queryString("SELECT 1")
                          .resultConfiguration(r -> r.outputLocation("s3://x/")))
              .queryExecutionId();
      assertEquals("s3://x/", bare.execution(id).get("outputLocation"));
    }
  }
}

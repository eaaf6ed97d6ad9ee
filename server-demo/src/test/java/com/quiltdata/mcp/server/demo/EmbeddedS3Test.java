package com.quiltdata.mcp.server.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.VerifierConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3Proxy on a temporary directory, seeded with the sample bucket, reached with the AWS SDK S3
 * client (path-style) and the temporary credentials the issuer hands out, session token included.
 */
class EmbeddedS3Test {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path root;

  private final SecureRandom random = new SecureRandom();
  private final Clock clock = Clock.systemUTC();
  private final DemoSecret secret = DemoSecret.generate(random);
  private final S3Keys keys = S3Keys.generate(random);
  private EmbeddedS3 s3;
  private CredentialIssuer issuer;

  @BeforeEach
  void start() {
    s3 = EmbeddedS3.start(root, 0, keys);
    issuer =
        CredentialIssuer.start(
            0,
            JwtVerifier.create(
                VerifierConfig.builder(KeyRing.of(secret.signingKey())).clock(clock).build()),
            keys,
            Duration.ofHours(1),
            clock,
            random);
  }

  @AfterEach
  void stop() {
    issuer.close();
    s3.close();
  }

  /** The credentials the issuer gives the demo token, as the MCP server would receive them. */
  private AwsSessionCredentials issuedCredentials() throws Exception {
    String token = JwtMinter.create(secret.signingKey(), clock).enhanced(DemoStack.SUBJECT).mint();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(issuer.url().resolve(CredentialIssuer.PATH))
                    .header("Authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    JsonNode body = JSON.readTree(response.body());
    return AwsSessionCredentials.create(
        body.path("AccessKeyId").asText(),
        body.path("SecretAccessKey").asText(),
        body.path("SessionToken").asText());
  }

  private S3Client client(AwsCredentials credentials) {
    return S3Client.builder()
        .endpointOverride(s3.endpoint())
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Test
  void seededBucket_isListedAndReadWithTheIssuedSessionCredentials() throws Exception {
    SampleBucket.Seeded seeded = SampleBucket.seed(s3.store());
    assertEquals(new SampleBucket.Seeded(SampleBucket.OBJECTS.size(), 0), seeded);

    try (S3Client client = client(issuedCredentials())) {
      assertEquals(
          List.of(SampleBucket.NAME),
          client.listBuckets().buckets().stream().map(b -> b.name()).collect(Collectors.toList()));
      List<S3Object> objects = client.listObjectsV2(b -> b.bucket(SampleBucket.NAME)).contents();
      assertEquals(
          Set.of("README.md", "data/readings.csv", "data/stations.json", "images/checker.png"),
          objects.stream().map(S3Object::key).collect(Collectors.toSet()));
      for (SampleBucket.SampleObject sample : SampleBucket.OBJECTS) {
        var object = client.getObjectAsBytes(b -> b.bucket(SampleBucket.NAME).key(sample.key()));
        assertArrayEquals(SampleBucket.bytes(sample), object.asByteArray(), sample.key());
        assertEquals(sample.contentType(), object.response().contentType(), sample.key());
      }
    }
  }

  @Test
  void issuedCredentials_canWriteObjects() throws Exception {
    SampleBucket.seed(s3.store());
    try (S3Client client = client(issuedCredentials())) {
      client.putObject(
          b -> b.bucket(SampleBucket.NAME).key("notes/new.txt").contentType("text/plain"),
          RequestBody.fromString("written through S3Proxy"));
      assertEquals(
          "written through S3Proxy",
          client
              .getObjectAsBytes(b -> b.bucket(SampleBucket.NAME).key("notes/new.txt"))
              .asString(StandardCharsets.UTF_8));
    }
    assertTrue(Files.isRegularFile(root.resolve(SampleBucket.NAME).resolve("notes/new.txt")));
  }

  @Test
  void wrongSecretKey_isRefusedBySignatureCheck() {
    SampleBucket.seed(s3.store());
    AwsBasicCredentials wrong = AwsBasicCredentials.create(keys.accessKeyId(), "not-the-secret");
    try (S3Client client = client(wrong)) {
      S3Exception e =
          assertThrows(
              S3Exception.class, () -> client.listObjectsV2(b -> b.bucket(SampleBucket.NAME)));
      assertEquals(403, e.statusCode());
    }
  }

  @Test
  void seedingAgain_writesNothingAndKeepsTheUsersChanges() throws Exception {
    SampleBucket.seed(s3.store());
    try (S3Client client = client(issuedCredentials())) {
      client.putObject(
          b -> b.bucket(SampleBucket.NAME).key("README.md"), RequestBody.fromString("mine"));
      assertEquals(
          new SampleBucket.Seeded(0, SampleBucket.OBJECTS.size()), SampleBucket.seed(s3.store()));
      assertEquals(
          "mine",
          client
              .getObjectAsBytes(b -> b.bucket(SampleBucket.NAME).key("README.md"))
              .asString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void busyPort_isAClearStartFailure() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      DemoStartException e =
          assertThrows(
              DemoStartException.class, () -> EmbeddedS3.start(root, busy.getLocalPort(), keys));
      assertEquals(DemoStartException.EXIT_START_FAILURE, e.exitStatus());
      assertTrue(e.getMessage().contains("--s3-port"), e.getMessage());
    }
  }

  @Test
  void boundToLoopbackOnly() {
    assertEquals("127.0.0.1", s3.endpoint().getHost());
  }
}

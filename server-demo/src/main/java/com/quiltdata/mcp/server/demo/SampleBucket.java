package com.quiltdata.mcp.server.demo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The sample bucket the demo serves and the objects it is seeded with: a README, a CSV table, a
 * JSON document and a tiny PNG. Seeding is idempotent: a missing bucket is created and a missing
 * object is written; objects already present (perhaps changed by the user) are left as they are.
 */
final class SampleBucket {
  /** The bucket name, granted to the demo user. */
  static final String NAME = "quilt-demo";

  /** One seeded object and the class-path resource holding its bytes. */
  record SampleObject(String key, String contentType, String resource) {}

  /** Everything the bucket is seeded with. */
  static final List<SampleObject> OBJECTS =
      List.of(
          new SampleObject("README.md", "text/markdown; charset=utf-8", "README.md"),
          new SampleObject("data/readings.csv", "text/csv; charset=utf-8", "readings.csv"),
          new SampleObject("data/stations.json", "application/json", "stations.json"),
          new SampleObject("images/checker.png", "image/png", "checker.png"));

  /**
   * What seeding did.
   *
   * @param created objects written now
   * @param present objects that were already there
   */
  record Seeded(int created, int present) {}

  private SampleBucket() {}

  /** The bytes of a sample object, from the class path. */
  static byte[] bytes(SampleObject object) {
    String path = "sample/" + object.resource();
    try (InputStream in = SampleBucket.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("the demo jar lacks its sample object " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sample object " + path, e);
    }
  }

  /** Creates the bucket and the objects that are missing. */
  static Seeded seed(BlobStore store) {
    if (!store.containerExists(NAME)) {
      store.createContainer(NAME);
    }
    int created = 0;
    for (SampleObject object : OBJECTS) {
      if (store.blobExists(NAME, object.key())) {
        continue;
      }
      byte[] content = bytes(object);
      store.putBlob(
          PutObjectRequest.builder()
              .bucket(NAME)
              .key(object.key())
              .contentType(object.contentType())
              .contentLength((long) content.length)
              .build(),
          new ByteArrayInputStream(content));
      created++;
    }
    return new Seeded(created, OBJECTS.size() - created);
  }
}

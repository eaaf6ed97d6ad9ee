package com.quiltdata.mcp.tools.packages.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The serialisation quilt3 hashes and writes, against Python's own {@code json.dumps}: vectors in
 * {@code quilt/python-json-vectors.json} were produced by Python 3.11 (floats, big integers,
 * escapes, non-ASCII and non-BMP text, code-point key order).
 */
class PythonJsonVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode vectors() throws Exception {
    try (InputStream in =
        PythonJsonVectorsTest.class.getResourceAsStream("/quilt/python-json-vectors.json")) {
      return JSON.readTree(in);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyVector_serialisesAsPythonDoes() throws Exception {
    return java.util.stream.StreamSupport.stream(vectors().path("cases").spliterator(), false)
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.path("input").asText(),
                    () -> {
                      JsonNode value = JSON.readTree(c.path("input").asText());
                      assertEquals(c.path("ascii").asText(), PythonJson.ascii(value));
                      assertEquals(c.path("utf8").asText(), PythonJson.utf8(value));
                    }));
  }

  @Test
  void floatRepr_matchesPythonAtTheNotationBoundaries() {
    assertEquals("1e+16", PythonJson.floatRepr(1e16));
    assertEquals("1000000000000000.0", PythonJson.floatRepr(1e15));
    assertEquals("0.0001", PythonJson.floatRepr(1e-4));
    assertEquals("1e-05", PythonJson.floatRepr(1e-5));
    assertEquals("1.2345678901234568e+17", PythonJson.floatRepr(123456789012345678.0));
    assertEquals("-2.5", PythonJson.floatRepr(-2.5));
    assertThrows(IllegalArgumentException.class, () -> PythonJson.floatRepr(Double.NaN));
    assertThrows(
        IllegalArgumentException.class, () -> PythonJson.floatRepr(Double.POSITIVE_INFINITY));
  }
}

package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.SigningKey;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs docs/examples/EmbedAuthCore.java, so the documented example cannot rot. */
class EmbeddingExampleTest {
  private static final String SECRET = "example-secret-example-secret-0123456789abcd";

  @Test
  void docsExample_compilesAndAuthorizesAgainstRealTokens(@TempDir Path out) throws Exception {
    Path source = Path.of("..", "docs", "examples", "EmbedAuthCore.java");
    assertTrue(Files.exists(source), "the example lives at docs/examples/EmbedAuthCore.java");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "tests need a JDK");
    int status =
        javac.run(
            null,
            null,
            null,
            "--release",
            "17",
            "-classpath",
            System.getProperty("java.class.path"),
            "-d",
            out.toString(),
            source.toString());
    assertEquals(0, status, "the documented example must compile");

    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> example = loader.loadClass("EmbedAuthCore");
      Object service =
          example.getConstructor(Map.class).newInstance(Map.of("MCP_JWT_SECRET", SECRET));
      var mayRead = example.getMethod("mayRead", String.class, String.class);
      String token =
          JwtMinter.create(SigningKey.ofUtf8(null, SECRET), Clock.systemUTC())
              .enhanced("ada")
              .buckets(List.of("quilt-demo"))
              .permissions(List.of("s3:GetObject"))
              .mint();
      assertEquals(
          "allowed for subject ada",
          mayRead.invoke(service, "Bearer " + token, "s3://quilt-demo/a.csv"));
      assertTrue(
          ((String) mayRead.invoke(service, "Bearer " + token, "s3://other-bucket/a.csv"))
              .startsWith("denied: BUCKET_NOT_GRANTED"));
      assertTrue(
          ((String) mayRead.invoke(service, "Basic abc", "s3://quilt-demo/a.csv"))
              .startsWith("refused: MALFORMED_REQUEST"));
    }
    assertTrue(new File(out.toFile(), "EmbedAuthCore.class").exists());
  }
}

package com.quiltdata.mcp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the shaded jars carry: the production servers never S3Proxy, the demo, the stand-ins or
 * DuckDB; the demo jar S3Proxy, the Athena stand-in with DuckDB and the production server. The
 * sizes go to {@code target/interop-logs/jar-sizes.txt}.
 */
class PackagedJarsIT {
  private static List<String> entries(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.stream().map(e -> e.getName()).collect(Collectors.toList());
    }
  }

  private static List<String> offending(Path jar) throws IOException {
    return entries(jar).stream()
        .filter(
            n ->
                n.startsWith("org/gaul/")
                    || n.startsWith("com/quiltdata/mcp/server/demo/")
                    || n.startsWith("com/quiltdata/mcp/standins/")
                    || n.startsWith("org/duckdb/")
                    || n.startsWith("libduckdb_java")
                    || n.startsWith("graphql/"))
        .limit(5)
        .collect(Collectors.toList());
  }

  @Test
  void productionJars_carryNeitherS3ProxyNorTheDemoNorTheStandIns() throws IOException {
    assertEquals(List.of(), offending(InteropEnvironment.httpJar()), "quilt-mcp-server.jar");
    assertEquals(List.of(), offending(InteropEnvironment.stdioJar()), "quilt-mcp-stdio.jar");
  }

  @Test
  void demoJar_carriesS3ProxyAndTheProductionServer() throws IOException {
    Path demo = InteropEnvironment.demoJar();
    List<String> names = entries(demo);
    for (String expected :
        List.of(
            "org/gaul/s3proxy/S3Proxy.class",
            "org/gaul/s3proxy/nio2blob/FilesystemNio2BlobStore.class",
            "com/quiltdata/mcp/server/demo/Main.class",
            "com/quiltdata/mcp/standins/athena/AthenaStandIn.class",
            "org/duckdb/DuckDBDriver.class",
            "libduckdb_java.so_linux_amd64",
            "com/quiltdata/mcp/server/http/QuiltMcpHttpServer.class",
            "quilt-mcp-demo-logback.xml")) {
      assertTrue(names.contains(expected), "the demo jar lacks " + expected);
    }
    try (JarFile file = new JarFile(demo.toFile())) {
      assertEquals(
          "com.quiltdata.mcp.server.demo.Main",
          file.getManifest().getMainAttributes().getValue("Main-Class"));
    }
    Path sizes = InteropEnvironment.logDir().resolve("jar-sizes.txt");
    String report =
        String.join(
            "\n",
            line(InteropEnvironment.httpJar()),
            line(InteropEnvironment.stdioJar()),
            line(demo));
    Files.writeString(sizes, report + "\n", StandardCharsets.UTF_8);
    System.out.println(report);
  }

  private static String line(Path jar) throws IOException {
    long bytes = Files.size(jar);
    return String.format(
        "%-24s %,12d bytes (%.1f MiB)", jar.getFileName(), bytes, bytes / 1024.0 / 1024.0);
  }
}

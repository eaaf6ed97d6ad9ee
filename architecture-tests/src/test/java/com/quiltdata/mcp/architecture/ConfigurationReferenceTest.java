package com.quiltdata.mcp.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.EnvironmentVariable;
import com.quiltdata.mcp.server.http.QuiltMcpHttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md names exactly the environment variables the code reads: every variable (and
 * alias) in the settings classes' lists of the HTTP server, the stdio server and the diagnostics
 * CLI, and every project variable their shell launchers read, appears in it, and every
 * variable-shaped name it mentions is one of them.
 */
class ConfigurationReferenceTest {
  /** Names that look like variables of this project or of AWS. */
  private static final Pattern NAME =
      Pattern.compile("`((?:MCP|QUILT|AWS|FASTMCP|OTEL)_[A-Z0-9_]+)`");

  private static Set<String> documented() throws IOException {
    Path doc = Path.of("..", "docs", "configuration.md");
    assertTrue(Files.isRegularFile(doc), "docs/configuration.md is where the reference lives");
    Matcher m = NAME.matcher(Files.readString(doc, StandardCharsets.UTF_8));
    Set<String> out = new TreeSet<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** Variables of this project the shell launchers read ({@code ${NAME...}}). */
  private static final Pattern LAUNCHER_READ = Pattern.compile("\\$\\{((?:MCP|QUILT)_[A-Z0-9_]+)");

  private static Set<String> readByLaunchers() throws IOException {
    Set<String> out = new TreeSet<>();
    for (String launcher :
        List.of(
            "server-javalin/bin/quilt-mcp-server",
            "server-stdio/bin/quilt-mcp-stdio",
            "diagnostics-cli/bin/quilt-mcp-diag")) {
      Path script = Path.of("..").resolve(launcher);
      assertTrue(Files.isRegularFile(script), launcher + " is where the launcher lives");
      Matcher m = LAUNCHER_READ.matcher(Files.readString(script, StandardCharsets.UTF_8));
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  private static Set<String> read() throws IOException {
    List<EnvironmentVariable> all = new ArrayList<>(QuiltMcpHttpServer.VARIABLES);
    all.addAll(com.quiltdata.mcp.server.stdio.Main.VARIABLES);
    all.addAll(com.quiltdata.mcp.cli.Main.VARIABLES);
    Set<String> out = new TreeSet<>(readByLaunchers());
    for (EnvironmentVariable v : all) {
      out.add(v.name());
      if (v.alias() != null) {
        out.add(v.alias());
      }
    }
    return out;
  }

  @Test
  void theReference_namesExactlyTheVariablesTheCodeReads() throws IOException {
    Set<String> documented = documented();
    Set<String> read = read();
    Set<String> undocumented = new TreeSet<>(read);
    undocumented.removeAll(documented);
    Set<String> unread = new TreeSet<>(documented);
    unread.removeAll(read);
    assertEquals(Set.of(), undocumented, "read by the code but missing from the reference");
    assertEquals(Set.of(), unread, "in the reference but read by nothing");
    assertTrue(read.size() > 30, "the lists were found: " + read.size());
  }
}

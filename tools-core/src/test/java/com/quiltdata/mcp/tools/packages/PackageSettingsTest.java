package com.quiltdata.mcp.tools.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MCP_PACKAGE_BACKEND and QUILT_REGISTRY_URL as the package settings read them. */
class PackageSettingsTest {
  static final String REGISTRY = "https://registry.example.com";

  @Test
  void unset_isAuto_andEachWordIsRead_caseInsensitively() {
    assertEquals(PackageSettings.Backend.AUTO, PackageSettings.fromEnvironment(Map.of()).backend());
    assertEquals(
        PackageSettings.Backend.S3,
        PackageSettings.fromEnvironment(Map.of("MCP_PACKAGE_BACKEND", " S3 ")).backend());
    PackageSettings graphql =
        PackageSettings.fromEnvironment(
            Map.of("MCP_PACKAGE_BACKEND", "graphql", "QUILT_REGISTRY_URL", REGISTRY));
    assertEquals(PackageSettings.Backend.GRAPHQL, graphql.backend());
    assertEquals(URI.create(REGISTRY), graphql.registryUrl());
    assertEquals(
        PackageSettings.Backend.AUTO,
        PackageSettings.fromEnvironment(Map.of("MCP_PACKAGE_BACKEND", "")).backend(),
        "empty is unset");
  }

  @Test
  void aBadWord_stopsTheStart_namingTheVariableButNotTheValue() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PackageSettings.fromEnvironment(Map.of("MCP_PACKAGE_BACKEND", "elastic-xyz")));
    assertTrue(e.getMessage().startsWith("MCP_PACKAGE_BACKEND must be"), e.getMessage());
    assertTrue(e.getMessage().contains("graphql"), e.getMessage());
    assertFalse(e.getMessage().contains("elastic-xyz"));
  }

  @Test
  void graphqlWithoutARegistry_failsClosed() {
    IllegalArgumentException env =
        assertThrows(
            IllegalArgumentException.class,
            () -> PackageSettings.fromEnvironment(Map.of("MCP_PACKAGE_BACKEND", "graphql")));
    assertTrue(env.getMessage().contains("QUILT_REGISTRY_URL"), env.getMessage());
    IllegalArgumentException record =
        assertThrows(
            IllegalArgumentException.class,
            () -> PackageSettings.defaults().withBackend(PackageSettings.Backend.GRAPHQL, null));
    assertTrue(record.getMessage().contains("registryUrl"), record.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> PackageSettings.fromEnvironment(Map.of("QUILT_REGISTRY_URL", "ftp://x")));
  }

  @Test
  void theVariablesAreListed() {
    assertTrue(PackageSettings.VARIABLES.contains(PackageSettings.BACKEND));
    assertTrue(PackageSettings.VARIABLES.contains(PackageSettings.REGISTRY_URL));
    assertEquals("auto", PackageSettings.BACKEND.defaultValue());
  }
}

/**
 * The catalog kit shared by the tool families: a small GraphQL client for {@code
 * {QUILT_REGISTRY_URL}/graphql} that sends the caller's own bearer token ({@link
 * com.quiltdata.mcp.tools.catalog.CatalogClient}), and one mapping of what the catalog answers to
 * typed tool failures ({@link com.quiltdata.mcp.tools.catalog.CatalogFailures}).
 */
package com.quiltdata.mcp.tools.catalog;

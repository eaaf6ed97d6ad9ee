/**
 * The Quilt catalog's GraphQL ({@code {registry}/graphql}) on loopback: {@link
 * com.quiltdata.mcp.standins.graphql.CatalogStandIn} validates every query against a schema that is
 * the subset of the catalog's the package tools use, and executes it over a {@link
 * com.quiltdata.mcp.standins.graphql.CatalogModel} of buckets, packages, revisions and entries, for
 * the caller whose HS256 token it verified.
 */
package com.quiltdata.mcp.standins.graphql;

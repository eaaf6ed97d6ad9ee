/**
 * Local stand-ins for the services the MCP server calls on a user's behalf, speaking their real
 * wire protocols and really doing the work (running SQL, validating GraphQL against a schema), so
 * that tests and the demo exercise the production clients unchanged. Each stand-in binds loopback,
 * checks the credentials it is sent and can say whose they were.
 *
 * <p>Never part of a production jar: only tests and the demo depend on this module (an ArchUnit
 * rule and {@code PackagedJarsIT} check it). It builds on jwt-codec alone, not on the code it
 * stands in for, so a test never checks the server against itself.
 */
package com.quiltdata.mcp.standins;

/**
 * The Quilt registry's credential exchange ({@link
 * com.quiltdata.mcp.standins.registry.CredentialsStandIn}): a verified bearer token gets one
 * configured key pair as temporary AWS credentials, so the other stand-ins can tell they were used.
 */
package com.quiltdata.mcp.standins.registry;

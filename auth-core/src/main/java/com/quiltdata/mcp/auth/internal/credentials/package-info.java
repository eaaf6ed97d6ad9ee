/**
 * Implementation of per-user AWS credentials: the Quilt registry exchange, the local and static
 * sources, and the per-token cache with single-flight fetching, refresh and back-off. Only
 * auth-core uses these classes; everyone else goes through {@code com.quiltdata.mcp.auth}.
 */
package com.quiltdata.mcp.auth.internal.credentials;

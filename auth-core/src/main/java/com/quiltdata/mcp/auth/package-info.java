/** Secrets, authentication, user-bound sessions, authorization and per-user AWS credentials. */
package com.quiltdata.mcp.auth;

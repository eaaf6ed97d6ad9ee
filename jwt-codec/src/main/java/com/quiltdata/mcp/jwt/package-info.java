/** Strict HS256 verification of Quilt tokens, the Quilt claim model and bucket-list compression. */
package com.quiltdata.mcp.jwt;

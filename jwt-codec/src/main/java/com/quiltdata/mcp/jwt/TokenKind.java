package com.quiltdata.mcp.jwt;

/** Which of Quilt's two bearer token families a verified token belongs to. */
public enum TokenKind {
  /** Signed by the catalog frontend: {@code sub}, buckets, permissions and the like. */
  ENHANCED,
  /** Issued by the Quilt registry: only {@code id}/{@code uuid} and {@code exp}. */
  NATIVE
}

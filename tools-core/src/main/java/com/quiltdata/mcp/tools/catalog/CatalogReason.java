package com.quiltdata.mcp.tools.catalog;

import com.quiltdata.mcp.tools.ToolFailure;

/** Why a call to the catalog's GraphQL failed. docs/tools.md lists them all. */
public enum CatalogReason implements ToolFailure.Reason {
  /** The catalog refused the caller's token (HTTP 401 or 403): sign in again or ask an admin. */
  CATALOG_ACCESS_DENIED(false),
  /** The catalog answered the query with top-level {@code errors}; their messages are carried. */
  CATALOG_QUERY_FAILED(false),
  /** The catalog rejected the input ({@code InvalidInput}); each error is carried verbatim. */
  CATALOG_INVALID_INPUT(false),
  /** The catalog could not do the operation ({@code OperationError}); carried verbatim. */
  CATALOG_OPERATION_FAILED(false),
  /** The request would pass the bound on what is sent to the catalog; nothing was sent. */
  CATALOG_REQUEST_TOO_LARGE(false),
  /** The catalog could not be reached, timed out or failed (5xx, 429). */
  CATALOG_UNAVAILABLE(true),
  /** The catalog's answer was not a GraphQL response, or was larger than the bound. */
  CATALOG_BAD_RESPONSE(false),
  /** No catalog to ask: no registry URL is configured, or the caller has no bearer token. */
  CATALOG_NOT_CONFIGURED(false);

  private final boolean retryable;

  CatalogReason(boolean retryable) {
    this.retryable = retryable;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }
}

package com.quiltdata.mcp.standins.graphql;

import graphql.schema.DataFetchingEnvironment;
import java.util.List;

/** Whose verified token a request carried: the subject and the buckets and roles it grants. */
record Caller(String subject, List<String> buckets, List<String> roles) {
  static final String KEY = "caller";

  static Caller of(DataFetchingEnvironment env) {
    return env.getGraphQlContext().get(KEY);
  }

  boolean admin() {
    return roles.contains("admin");
  }

  boolean sees(String bucket) {
    return buckets.contains(bucket);
  }
}

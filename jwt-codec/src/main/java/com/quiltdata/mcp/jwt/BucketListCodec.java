package com.quiltdata.mcp.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** TEMP STUB. */
public final class BucketListCodec {
  private BucketListCodec() {}

  /** stub. */
  public static List<String> decode(JsonNode claim, ClaimLimits limits) {
    List<String> out = new ArrayList<>();
    claim.forEach(n -> out.add(n.textValue()));
    return out;
  }

  /** stub. */
  public static JsonNode encode(List<String> b, BucketCompression c) {
    return com.quiltdata.mcp.jwt.internal.StrictJson.mapper().valueToTree(b);
  }
}

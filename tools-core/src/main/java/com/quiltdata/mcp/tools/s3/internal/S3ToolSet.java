package com.quiltdata.mcp.tools.s3.internal;

import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.Tool;
import java.util.ArrayList;
import java.util.List;

/** Creates the S3 tools over one backend. */
public final class S3ToolSet {
  /** The tool names, in listing order. */
  public static final List<String> NAMES =
      List.of(
          ListObjectsTool.NAME,
          ObjectInfoTool.NAME,
          ObjectTextTool.NAME,
          ObjectFetchTool.NAME,
          ObjectLinkTool.NAME,
          PutObjectsTool.NAME,
          DiscoverBucketsTool.NAME);

  private S3ToolSet() {}

  /** Every S3 tool, in listing order, sharing {@code backend}. */
  public static List<Tool> create(S3Backend backend) {
    List<Tool> bucketTools =
        List.of(
            new ListObjectsTool(backend),
            new ObjectInfoTool(backend),
            new ObjectTextTool(backend),
            new ObjectFetchTool(backend),
            new ObjectLinkTool(backend),
            new PutObjectsTool(backend));
    List<ToolRequirements> requirements = new ArrayList<>();
    bucketTools.forEach(t -> requirements.add(t.definition().requirements()));
    List<Tool> all = new ArrayList<>(bucketTools);
    all.add(new DiscoverBucketsTool(requirements));
    return List.copyOf(all);
  }
}

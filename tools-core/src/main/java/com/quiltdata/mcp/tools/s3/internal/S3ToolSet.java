package com.quiltdata.mcp.tools.s3.internal;

import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.s3.S3Settings;
import java.util.ArrayList;
import java.util.List;

/** Creates the S3 tools over the shared AWS clients. */
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

  /** Every S3 tool, in listing order. */
  public static List<Tool> create(AwsClients aws, S3Settings settings) {
    List<Tool> bucketTools =
        List.of(
            new ListObjectsTool(aws, settings),
            new ObjectInfoTool(aws, settings),
            new ObjectTextTool(aws, settings),
            new ObjectFetchTool(aws, settings),
            new ObjectLinkTool(aws, settings),
            new PutObjectsTool(aws, settings));
    List<ToolRequirements> requirements = new ArrayList<>();
    bucketTools.forEach(t -> requirements.add(t.definition().requirements()));
    List<Tool> all = new ArrayList<>(bucketTools);
    all.add(new DiscoverBucketsTool(requirements));
    return List.copyOf(all);
  }

  /** The family's authorization table. */
  public static List<ToolRequirements> requirements() {
    return S3Policy.TABLE.rows();
  }
}

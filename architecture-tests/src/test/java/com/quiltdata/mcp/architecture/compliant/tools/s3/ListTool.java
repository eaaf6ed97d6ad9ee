package com.quiltdata.mcp.architecture.compliant.tools.s3;

import com.quiltdata.mcp.architecture.compliant.tools.ToolApi;
import com.quiltdata.mcp.architecture.compliant.tools.aws.AwsKit;
import com.quiltdata.mcp.architecture.compliant.tools.schema.SchemaKit;

/** A family's tool: the tool-author API and the kits, nothing else. */
public final class ListTool implements ToolApi {
  @Override
  public String call(String arguments) {
    return new AwsKit().cancelled() ? "" : new SchemaKit().object();
  }
}

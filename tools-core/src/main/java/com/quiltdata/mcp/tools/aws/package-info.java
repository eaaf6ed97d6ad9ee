/**
 * The AWS kit shared by the tool families: one long-lived client per service ({@link
 * com.quiltdata.mcp.tools.aws.AwsClients}) used with each caller's own credentials per request
 * ({@link com.quiltdata.mcp.tools.aws.AwsCall}), and one mapping of AWS errors to typed tool
 * failures ({@link com.quiltdata.mcp.tools.aws.AwsFailures}).
 */
package com.quiltdata.mcp.tools.aws;

/** Implementation of the S3 tools; not for use outside tools-core. */
package com.quiltdata.mcp.tools.s3.internal;

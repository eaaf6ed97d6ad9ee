/** Implementation of the AWS client kit; not for use outside tools-core. */
package com.quiltdata.mcp.tools.aws.internal;

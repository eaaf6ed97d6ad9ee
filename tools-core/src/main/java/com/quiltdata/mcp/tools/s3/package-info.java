/**
 * The S3 bucket tools ({@code bucket_objects_list}, {@code bucket_object_info}, {@code
 * bucket_object_text}, {@code bucket_object_fetch}, {@code bucket_object_link}, {@code
 * bucket_objects_put}, {@code discover_buckets}), run on each caller's own AWS credentials. Start
 * with {@link com.quiltdata.mcp.tools.s3.S3Tools}.
 */
package com.quiltdata.mcp.tools.s3;

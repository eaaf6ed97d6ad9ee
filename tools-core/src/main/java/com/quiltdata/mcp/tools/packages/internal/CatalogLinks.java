package com.quiltdata.mcp.tools.packages.internal;

import com.quiltdata.mcp.tools.packages.PackageSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Links into the Quilt catalog ({@code QUILT_CATALOG_URL}) and {@code quilt+s3://} URIs, each path
 * segment percent-encoded.
 */
final class CatalogLinks {
  private CatalogLinks() {}

  /** The catalog's view of a package revision, or {@code null} without a catalog URL. */
  static String packageUrl(
      PackageSettings settings, String bucket, String name, String topHash, String path) {
    URI catalog = settings.catalogUrl();
    if (catalog == null) {
      return null;
    }
    return base(catalog)
        + "/b/"
        + bucket
        + "/packages/"
        + name
        + "/tree/"
        + (topHash == null ? "latest" : topHash)
        + "/"
        + segments(path);
  }

  /** The catalog's view of a bucket path, or {@code null} without a catalog URL. */
  static String bucketUrl(PackageSettings settings, String bucket, String path) {
    URI catalog = settings.catalogUrl();
    return catalog == null ? null : base(catalog) + "/b/" + bucket + "/tree/" + segments(path);
  }

  /** {@code quilt+s3://bucket#package=name[@hash|:tag]&path=p}. */
  static String uri(String bucket, String name, String topHash, String tag, String path) {
    StringBuilder b = new StringBuilder("quilt+s3://").append(bucket);
    String sep = "#";
    if (name != null) {
      b.append(sep).append("package=").append(name);
      if (topHash != null) {
        b.append('@').append(topHash);
      } else if (tag != null) {
        b.append(':').append(encode(tag));
      }
      sep = "&";
    }
    if (path != null && !path.isEmpty()) {
      b.append(sep).append("path=").append(segments(path));
    }
    return b.toString();
  }

  private static String base(URI catalog) {
    String s = catalog.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static String segments(String path) {
    if (path == null || path.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    String[] parts = path.split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        out.append('/');
      }
      out.append(encode(parts[i]));
    }
    return out.toString();
  }

  private static String encode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }
}

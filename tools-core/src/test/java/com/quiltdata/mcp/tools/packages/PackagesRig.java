package com.quiltdata.mcp.tools.packages;

import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.tools.s3.ToolRig;
import java.util.List;
import java.util.function.UnaryOperator;

/** The package tools on the {@link ToolRig}: a registry bucket and two data buckets. */
final class PackagesRig extends ToolRig {
  static final String REGISTRY = "quilt-registry";
  static final String DATA = "quilt-data";
  static final String OTHER = "quilt-other";
  static final String SECRET = "package-tools-test-signing-secret-0123456789";
  static final List<String> ALL =
      List.of("s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:DeleteObject");

  PackagesRig() {
    this(p -> p);
  }

  PackagesRig(UnaryOperator<PackageSettings> settings) {
    super(
        SECRET,
        a -> a,
        rig ->
            PackageTools.create(settings.apply(PackageSettings.defaults()), rig.aws, rig.clock)
                .tools(),
        REGISTRY,
        DATA,
        OTHER);
  }

  /** Every action on the three buckets. */
  Principal alice() {
    return user("alice@example.com", List.of(REGISTRY, DATA, OTHER), ALL);
  }
}

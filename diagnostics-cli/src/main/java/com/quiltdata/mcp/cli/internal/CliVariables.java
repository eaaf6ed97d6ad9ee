package com.quiltdata.mcp.cli.internal;

import com.quiltdata.mcp.auth.EnvironmentVariable;
import com.quiltdata.mcp.auth.SecretSettings;
import com.quiltdata.mcp.auth.TokenPolicy;
import java.util.ArrayList;
import java.util.List;

/** Every environment variable the CLI reads ({@code doctor}, {@code --server-env}, SSM). */
public final class CliVariables {
  /** The registry {@code doctor} and {@code exchange} use without {@code --registry}. */
  static final EnvironmentVariable REGISTRY_URL =
      EnvironmentVariable.url(RegistryUrl.VARIABLE, null);

  /** The list, without duplicates. */
  public static final List<EnvironmentVariable> ALL = all();

  private CliVariables() {}

  private static List<EnvironmentVariable> all() {
    List<EnvironmentVariable> out = new ArrayList<>(SecretSettings.VARIABLES);
    out.addAll(TokenPolicy.VARIABLES);
    out.add(REGISTRY_URL);
    out.addAll(SsmClients.VARIABLES);
    return List.copyOf(out);
  }
}

package com.quiltdata.mcp.tools.athena.internal;

import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.athena.AthenaReason;
import com.quiltdata.mcp.tools.athena.AthenaSettings;
import com.quiltdata.mcp.tools.aws.AwsCall;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.athena.model.ListWorkGroupsResponse;
import software.amazon.awssdk.services.athena.model.WorkGroup;
import software.amazon.awssdk.services.athena.model.WorkGroupConfiguration;
import software.amazon.awssdk.services.athena.model.WorkGroupState;
import software.amazon.awssdk.services.athena.model.WorkGroupSummary;

/**
 * Chooses the workgroup of one call, for this caller alone (nothing is cached across calls, so one
 * user's choice never leaks to another): the argument, else the configured default, else the
 * caller's enabled workgroups, preferring one with a result location and then one whose name
 * mentions Quilt. Decides the output location too: none when the workgroup enforces its own or has
 * one, else the configured one, else the call fails with {@code NO_OUTPUT_LOCATION}.
 */
final class Workgroups {
  /** The chosen workgroup and the output location to send ({@code null}: the workgroup's). */
  record Choice(String name, String outputLocation) {}

  private static final int MAX_PAGES = 5;
  private static final int MAX_LOOKUPS = 10;

  private final AthenaTool tool;
  private final AthenaSettings settings;

  Workgroups(AthenaTool tool, AthenaSettings settings) {
    this.tool = tool;
    this.settings = settings;
  }

  Choice choose(AwsCall call, String requested) {
    String name = requested != null ? requested : settings.workgroup();
    if (name != null) {
      return decide(describe(call, name));
    }
    List<WorkGroup> candidates = new ArrayList<>();
    for (String n : enabled(call)) {
      if (candidates.size() >= MAX_LOOKUPS) {
        break;
      }
      candidates.add(describe(call, n));
    }
    if (candidates.isEmpty()) {
      throw new ToolFailure(
          AthenaReason.NO_WORKGROUP,
          "No enabled Athena workgroup is visible to you. Pass workgroup_name, or the operator sets"
              + " MCP_ATHENA_WORKGROUP");
    }
    candidates.sort(
        Comparator.comparing((WorkGroup w) -> location(w) == null)
            .thenComparing(w -> !w.name().toLowerCase(Locale.ROOT).contains("quilt"))
            .thenComparing(WorkGroup::name));
    return decide(candidates.get(0));
  }

  /**
   * The workgroup whose history to show: the configured default, else one of the caller's enabled
   * workgroups (one whose name mentions Quilt first, then {@code primary}).
   */
  String chooseName(AwsCall call) {
    if (settings.workgroup() != null) {
      return settings.workgroup();
    }
    List<String> names = enabled(call);
    return names.stream()
        .min(
            Comparator.comparing((String n) -> !n.toLowerCase(Locale.ROOT).contains("quilt"))
                .thenComparing(n -> !n.equals("primary"))
                .thenComparing(n -> n))
        .orElseThrow(
            () ->
                new ToolFailure(
                    AthenaReason.NO_WORKGROUP,
                    "No enabled Athena workgroup is visible to you. Pass workgroup_name, or the"
                        + " operator sets MCP_ATHENA_WORKGROUP"));
  }

  /** The names of the caller's enabled workgroups (a bounded number of pages). */
  List<String> enabled(AwsCall call) {
    List<String> out = new ArrayList<>();
    String token = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      String t = token;
      ListWorkGroupsResponse r =
          tool.withAthena(
              call,
              "the workgroup list",
              (a, c) -> a.listWorkGroups(b -> b.nextToken(t).overrideConfiguration(c.override())));
      for (WorkGroupSummary s : r.workGroups()) {
        if (s.state() == WorkGroupState.ENABLED) {
          out.add(s.name());
        }
      }
      token = r.nextToken();
      if (token == null) {
        break;
      }
    }
    return out;
  }

  private WorkGroup describe(AwsCall call, String name) {
    WorkGroup w =
        tool.withAthena(
                call,
                "workgroup '" + name + "'",
                (a, c) ->
                    a.getWorkGroup(b -> b.workGroup(name).overrideConfiguration(c.override())))
            .workGroup();
    if (w == null || w.state() == WorkGroupState.DISABLED) {
      throw new ToolFailure(
          AthenaReason.WORKGROUP_NOT_FOUND,
          "Workgroup '"
              + name
              + "' is disabled. Call athena_workgroups_list for the ones you may use");
    }
    return w;
  }

  private Choice decide(WorkGroup w) {
    WorkGroupConfiguration conf = w.configuration();
    boolean enforced = conf != null && Boolean.TRUE.equals(conf.enforceWorkGroupConfiguration());
    if (enforced || location(w) != null) {
      return new Choice(w.name(), null);
    }
    if (settings.outputLocation() != null) {
      return new Choice(w.name(), settings.outputLocation());
    }
    throw new ToolFailure(AthenaReason.NO_OUTPUT_LOCATION, AthenaTool.noOutputLocation(w.name()));
  }

  private static String location(WorkGroup w) {
    WorkGroupConfiguration conf = w.configuration();
    return conf == null || conf.resultConfiguration() == null
        ? null
        : conf.resultConfiguration().outputLocation();
  }
}

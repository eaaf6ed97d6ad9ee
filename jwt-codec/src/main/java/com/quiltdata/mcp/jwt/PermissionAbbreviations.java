package com.quiltdata.mcp.jwt;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The catalog frontend's short forms for S3 actions in the {@code p} / {@code permissions} claim.
 *
 * <p>The table is closed: {@code g} s3:GetObject, {@code p} s3:PutObject, {@code d}
 * s3:DeleteObject, {@code l} s3:ListBucket, {@code la} s3:ListAllMyBuckets, {@code gv}
 * s3:GetObjectVersion, {@code pa} s3:PutObjectAcl, {@code amu} s3:AbortMultipartUpload. Anything
 * else without a colon is unknown and dropped, never guessed. Full {@code service:Action} strings
 * pass unchanged; a wildcard such as {@code s3:*} is kept as the literal string, is never expanded
 * and so matches no concrete action a tool asks for.
 */
public final class PermissionAbbreviations {

  /** Longest text kept for one dropped entry, so diagnostics stay readable and bounded. */
  private static final int DROPPED_MAX_CHARS = 32;

  private static final String TRUNCATION_MARK = "...";

  private static final Map<String, String> ACTION_BY_ABBREVIATION =
      Map.of(
          "g", "s3:GetObject",
          "p", "s3:PutObject",
          "d", "s3:DeleteObject",
          "l", "s3:ListBucket",
          "la", "s3:ListAllMyBuckets",
          "gv", "s3:GetObjectVersion",
          "pa", "s3:PutObjectAcl",
          "amu", "s3:AbortMultipartUpload");

  private static final Map<String, String> ABBREVIATION_BY_ACTION = invert(ACTION_BY_ABBREVIATION);

  /** {@code service:Action}, ASCII only; {@code *} allowed in the action part, kept literal. */
  private PermissionAbbreviations() {}

  /**
   * The outcome of expanding a permission claim.
   *
   * @param actions full action names, de-duplicated, in order of first appearance
   * @param dropped entries that were neither a known abbreviation nor a well-formed full action, in
   *     a display-safe form: characters outside printable ASCII replaced by {@code ?}, at most 32
   *     characters (longer entries are cut and end in {@code ...}), {@code (null)} for a null
   *     entry; de-duplicated, in order of first appearance
   */
  public record Expansion(List<String> actions, List<String> dropped) {

    /** Takes immutable copies of both lists. */
    public Expansion {
      actions = List.copyOf(actions);
      dropped = List.copyOf(dropped);
    }
  }

  /**
   * Expands abbreviations to full S3 action names.
   *
   * <p>An entry without {@code :} is looked up in the table (case-sensitively). An entry with
   * {@code :} is kept as it is when it matches {@code ^[A-Za-z0-9-]{1,64}:[A-Za-z0-9*]{1,128}$}.
   * Every other entry, including {@code null}, goes to {@link Expansion#dropped()}.
   *
   * @param entries the claim's entries, as strings; must not be {@code null}
   * @return the expanded actions and the dropped entries
   */
  public static Expansion expand(List<String> entries) {
    Objects.requireNonNull(entries, "entries");
    Set<String> actions = new LinkedHashSet<>();
    Set<String> dropped = new LinkedHashSet<>();
    for (String entry : entries) {
      String action = toAction(entry);
      if (action != null) {
        actions.add(action);
      } else {
        dropped.add(displaySafe(entry));
      }
    }
    return new Expansion(new ArrayList<>(actions), new ArrayList<>(dropped));
  }

  /**
   * Replaces every action the table knows by its abbreviation, for minting compact tokens. Other
   * entries are returned unchanged; order and multiplicity are kept. For a list of distinct
   * well-formed actions, {@code expand(abbreviate(list)).actions()} equals {@code list}.
   *
   * @param actions full action names; neither the list nor an element may be {@code null}
   * @return an immutable list of the same length
   */
  public static List<String> abbreviate(List<String> actions) {
    Objects.requireNonNull(actions, "actions");
    List<String> result = new ArrayList<>(actions.size());
    for (String action : actions) {
      Objects.requireNonNull(action, "actions must not contain null");
      result.add(ABBREVIATION_BY_ACTION.getOrDefault(action, action));
    }
    return List.copyOf(result);
  }

  private static String toAction(String entry) {
    if (entry == null) {
      return null;
    }
    if (entry.indexOf(':') < 0) {
      return ACTION_BY_ABBREVIATION.get(entry);
    }
    return isFullAction(entry) ? entry : null;
  }

  /**
   * {@code [A-Za-z0-9-]{1,64}:[A-Za-z0-9*]{1,128}} checked by a scan: this runs for every entry of
   * every verified token, where a regular-expression match cost more than the rest of the entry.
   */
  static boolean isFullAction(String entry) {
    int colon = entry.indexOf(':');
    int actionLength = entry.length() - colon - 1;
    if (colon < 1 || colon > 64 || actionLength < 1 || actionLength > 128) {
      return false;
    }
    for (int i = 0; i < entry.length(); i++) {
      char c = entry.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      boolean ok = i < colon ? alnum || c == '-' : i == colon || alnum || c == '*';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String displaySafe(String entry) {
    if (entry == null) {
      return "(null)";
    }
    boolean truncate = entry.length() > DROPPED_MAX_CHARS;
    int keep = truncate ? DROPPED_MAX_CHARS - TRUNCATION_MARK.length() : entry.length();
    StringBuilder safe = new StringBuilder(DROPPED_MAX_CHARS);
    for (int i = 0; i < keep; i++) {
      char c = entry.charAt(i);
      safe.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    if (truncate) {
      safe.append(TRUNCATION_MARK);
    }
    return safe.toString();
  }

  private static Map<String, String> invert(Map<String, String> map) {
    return map.entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));
  }
}

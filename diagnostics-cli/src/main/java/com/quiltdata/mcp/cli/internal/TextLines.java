package com.quiltdata.mcp.cli.internal;

import java.util.ArrayList;
import java.util.List;

/** The text form of a result: aligned "label value" lines. Not thread-safe. */
public final class TextLines {
  private static final int LABEL_WIDTH = 13;

  private final List<String> lines = new ArrayList<>();

  /** Adds {@code label} padded to a column, then {@code value}. */
  public TextLines kv(String label, Object value) {
    StringBuilder line = new StringBuilder(label);
    do {
      line.append(' ');
    } while (line.length() < LABEL_WIDTH);
    lines.add(line.append(value).toString());
    return this;
  }

  /** Adds a line under the value column (continuation of the previous label). */
  public TextLines more(Object value) {
    return kv("", value);
  }

  /** Adds a line as it is. */
  public TextLines line(String text) {
    lines.add(text);
    return this;
  }

  /** The lines so far (a copy). */
  public List<String> lines() {
    return List.copyOf(lines);
  }
}

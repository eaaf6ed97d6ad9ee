package com.quiltdata.mcp.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.cli.CliContext;
import com.quiltdata.mcp.cli.ExitCode;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a command prints goes through here. Two safety nets apply to every line: values
 * registered as {@linkplain #sensitive(String) sensitive} (the token read, secrets seen in the
 * environment) are replaced by {@code [redacted]}, and characters that could drive a terminal
 * (controls, format characters such as bidi overrides) are shown as {@code \\u{XXXX}}. JSON output
 * is ASCII-only for the same reason. The one deliberate exception is {@link #token(String)}, the
 * purpose of {@code mint}.
 */
public final class Output {
  /** Secret-bearing variables whose values are redacted wherever they might surface. */
  static final List<String> SECRET_VARIABLES =
      List.of(
          "MCP_JWT_SECRET",
          "MCP_ENHANCED_JWT_SECRET",
          "MCP_JWT_PREVIOUS_SECRET",
          "AWS_SECRET_ACCESS_KEY",
          "AWS_SESSION_TOKEN",
          "QUILT_ACCESS_TOKEN");

  private static final String REDACTED = "[redacted]";
  private static final int MIN_SENSITIVE_LENGTH = 8;

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
          .build();

  private final CliContext ctx;
  private final boolean json;
  private final boolean debug;
  private final List<String> sensitive = new ArrayList<>();

  Output(CliContext ctx, boolean json, boolean debug) {
    this.ctx = ctx;
    this.json = json;
    this.debug = debug;
    for (String name : SECRET_VARIABLES) {
      sensitive(ctx.env().get(name));
    }
  }

  /** Whether results are JSON. */
  public boolean json() {
    return json;
  }

  /** A fresh JSON object for a result. */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** Never prints {@code value} (or anything containing it) from now on. */
  public void sensitive(String value) {
    if (value != null && value.length() >= MIN_SENSITIVE_LENGTH && !sensitive.contains(value)) {
      sensitive.add(value);
    }
  }

  /** Prints a result: the JSON object in JSON mode, else the text lines. */
  public void result(ObjectNode result, TextLines text) {
    if (json) {
      ctx.out().println(clean(render(result)));
    } else {
      for (String line : text.lines()) {
        ctx.out().println(clean(printable(line)));
      }
    }
    ctx.out().flush();
  }

  /** Prints the minted token on stdout, unredacted: the purpose of {@code mint}. */
  void token(String token) {
    ctx.out().println(token);
    ctx.out().flush();
  }

  /** A warning on stderr (both modes: JSON on stdout stays parseable). */
  public void warn(String message) {
    ctx.err().println(clean(printable("warning: " + message)));
    ctx.err().flush();
  }

  /** Prints a failure (JSON on stdout, or an error and a hint line on stderr). */
  public ExitCode failure(CliFailure failure) {
    if (json) {
      ObjectNode node = object();
      node.put("ok", false);
      node.put("exitCode", failure.exitCode().code());
      node.put("exitStatus", failure.exitCode().name());
      node.put("reason", failure.reason());
      node.put("message", failure.getMessage());
      node.put("hint", failure.hint());
      ctx.out().println(clean(render(node)));
      ctx.out().flush();
    } else {
      ctx.err().println(clean(printable("error: " + failure.getMessage())));
      if (failure.hint() != null) {
        ctx.err().println(clean(printable("hint: " + failure.hint())));
      }
    }
    ctx.err().flush();
    return failure.exitCode();
  }

  /**
   * With {@code --debug}: the stack trace. Frames and class names only; a message is shown only for
   * this project's exceptions, whose messages never hold secrets by contract (a library's message
   * might quote a response body or an input). Redacted like everything else.
   */
  void stackTrace(Throwable t) {
    if (!debug) {
      return;
    }
    int depth = 0;
    for (Throwable c = t; c != null && depth < 8; c = c.getCause(), depth++) {
      String message =
          c.getClass().getName().startsWith("com.quiltdata.mcp.") ? c.getMessage() : null;
      ctx.err()
          .println(
              clean(
                  printable(
                      (depth == 0 ? "" : "Caused by: ")
                          + c.getClass().getName()
                          + ": "
                          + (message == null ? "(message not shown)" : message))));
      for (StackTraceElement frame : c.getStackTrace()) {
        ctx.err().println(clean(printable("    at " + frame)));
      }
    }
    ctx.err().flush();
  }

  /** Whether {@code --debug} was given. */
  boolean debug() {
    return debug;
  }

  /** Replaces every registered sensitive value by {@code [redacted]}. */
  String clean(String text) {
    String out = text;
    for (String value : sensitive) {
      if (out.contains(value)) {
        out = out.replace(value, REDACTED);
      }
    }
    return out;
  }

  /**
   * Shows control, format (bidi), private-use, unassigned and surrogate characters as {@code
   * \\u{XXXX}} so that untrusted text (claims of a token) cannot move the cursor or reorder a line.
   */
  static String printable(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int n = Character.charCount(cp);
      boolean unsafe =
          switch (Character.getType(cp)) {
            case Character.CONTROL,
                Character.FORMAT,
                Character.PRIVATE_USE,
                Character.SURROGATE,
                Character.UNASSIGNED,
                Character.LINE_SEPARATOR,
                Character.PARAGRAPH_SEPARATOR ->
                true;
            default -> false;
          };
      if (unsafe && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (unsafe) {
          out.append("\\u{").append(Integer.toHexString(cp).toUpperCase()).append('}');
        } else {
          out.appendCodePoint(cp);
        }
      }
      i += n;
    }
    return out == null ? text : out.toString();
  }

  private static String render(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a result could not be written as JSON", e);
    }
  }
}

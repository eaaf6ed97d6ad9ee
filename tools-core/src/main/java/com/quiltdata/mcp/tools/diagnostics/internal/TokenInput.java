package com.quiltdata.mcp.tools.diagnostics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A pasted token tidied the way people paste them: surrounding whitespace, a {@code Bearer } prefix
 * and quotes removed, each noted. Nothing else is changed, so the verdict is about the token as the
 * client would send it.
 *
 * @param text the token text to check
 * @param notes what was removed
 */
record TokenInput(String text, List<String> notes) {
  private static final String BEARER = "bearer ";

  static TokenInput tidy(String pasted) {
    List<String> notes = new ArrayList<>(3);
    String text = pasted.strip();
    if (text.length() != pasted.length()) {
      notes.add("surrounding whitespace was removed");
    }
    if (text.length() >= BEARER.length()
        && text.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      text = text.substring(BEARER.length()).strip();
      notes.add("a 'Bearer ' prefix was removed: pass the token alone");
    }
    if (text.length() >= 2
        && (text.charAt(0) == '"' || text.charAt(0) == '\'')
        && text.charAt(text.length() - 1) == text.charAt(0)) {
      text = text.substring(1, text.length() - 1);
      notes.add("surrounding quotes were removed");
    }
    return new TokenInput(text, List.copyOf(notes));
  }
}

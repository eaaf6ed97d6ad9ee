package com.quiltdata.mcp.auth.internal.credentials;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Asserts that no token, signing secret or issued secret appears in text shown to anyone. */
public final class Leaks {
  private static final int WINDOW = 20;

  private Leaks() {}

  /**
   * Fails if any text contains a canary ({@code CANARY-SECRET-KEY}, {@code CANARY-SESSION-TOKEN},
   * the signing secret) or any {@value #WINDOW}-character stretch of any of the tokens.
   */
  public static void assertNone(Collection<String> texts, Collection<String> tokens) {
    List<String> needles = new ArrayList<>();
    needles.add("CANARY-SECRET-KEY");
    needles.add("CANARY-SESSION-TOKEN");
    needles.add(TestIdentities.SECRET);
    needles.add("CANARYTOKEN");
    for (String token : tokens) {
      for (String segment : token.split("\\.")) {
        for (int i = 0; i + WINDOW <= segment.length(); i += WINDOW / 2) {
          needles.add(segment.substring(i, i + WINDOW));
        }
      }
    }
    for (String text : texts) {
      if (text == null) {
        continue;
      }
      for (String needle : needles) {
        if (text.contains(needle)) {
          fail("leaked secret material (" + needle.length() + " chars) in: " + text);
        }
      }
    }
  }
}

package com.quiltdata.mcp.benchmarks.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks for secrets in text: fixed secrets by name (the signing secret, the AWS secret keys, the
 * Redis password, the prefix of every session token the registry stand-in issues) and any bearer
 * token the load generator minted (found as JWT-shaped text, then looked up). A finding is reported
 * by the secret's name, never its value. Thread-safe.
 */
public final class LeakScanner {
  private static final Pattern JWT =
      Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}");

  private final Map<String, String> fixed;
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicLong> findings = new ConcurrentHashMap<>();
  private final AtomicLong scanned = new AtomicLong();

  /**
   * @param fixed name to secret text; each text at least 8 characters, so that a match means
   *     something
   */
  public LeakScanner(Map<String, String> fixed) {
    fixed.forEach(
        (name, value) -> {
          if (Objects.requireNonNull(value, name).length() < 8) {
            throw new IllegalArgumentException("the secret " + name + " is too short to scan for");
          }
        });
    this.fixed = Map.copyOf(fixed);
  }

  /** Adds a token to look for (the load generator calls this for every token it mints). */
  public void addToken(String token) {
    tokens.add(token);
  }

  /** Tokens known so far. */
  public int tokenCount() {
    return tokens.size();
  }

  /**
   * Scans one text, recording what it finds under {@code where} (for example {@code "response"}).
   *
   * @return the names of the secrets found (empty when clean)
   */
  public List<String> scan(String where, String text) {
    scanned.incrementAndGet();
    List<String> found = new ArrayList<>();
    for (Map.Entry<String, String> e : fixed.entrySet()) {
      if (text.contains(e.getValue())) {
        found.add(e.getKey());
      }
    }
    Matcher m = JWT.matcher(text);
    while (m.find()) {
      if (tokens.contains(m.group())) {
        found.add("bearer token");
        break;
      }
    }
    for (String name : found) {
      findings.computeIfAbsent(where + ": " + name, k -> new AtomicLong()).incrementAndGet();
    }
    return found;
  }

  /**
   * Scans a log file line by line (bytes as Latin-1: the secrets are ASCII); returns the lines
   * read.
   */
  public long scanFile(String where, Path file) throws IOException {
    long lines = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      String line;
      while ((line = in.readLine()) != null) {
        lines++;
        scan(where, line);
      }
    }
    return lines;
  }

  /** Texts scanned so far (response bodies and log lines). */
  public long scanned() {
    return scanned.get();
  }

  /** Where what was found, with counts; empty when nothing leaked. */
  public Map<String, Long> findings() {
    Map<String, Long> out = new java.util.TreeMap<>();
    findings.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }
}

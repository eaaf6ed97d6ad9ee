package com.quiltdata.mcp.session.redis.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One session operation as a Lua script run atomically inside Redis: the shared prelude (keys,
 * purging, the expiry check) followed by the operation's body, both class-path resources beside
 * this class. Sent by SHA-1 ({@code EVALSHA}), and in full only when Redis does not know it yet.
 */
public enum SessionScript {
  /** Creates a session, evicting (anonymous first) when the store is full. */
  CREATE("create.lua"),
  /** Finds a session for a caller, binding and sliding it. */
  LOOKUP("lookup.lua"),
  /** Ends a session of its owner. */
  TERMINATE("terminate.lua"),
  /** Records a session's log level. */
  LEVEL("level.lua"),
  /** Purges ended sessions and counts the rest. */
  STATS("stats.lua");

  private final String text;
  private final String sha;

  SessionScript(String body) {
    this.text = resource("prelude.lua") + "\n" + resource(body);
    this.sha = sha1(text);
  }

  /** The whole script. */
  public String text() {
    return text;
  }

  /** Its SHA-1, as Redis names scripts. */
  public String sha() {
    return sha;
  }

  private static String resource(String name) {
    try (InputStream in = SessionScript.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing script resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package com.quiltdata.mcp.server.stdio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads newline-delimited messages as raw bytes with a hard length bound: a longer line is consumed
 * and reported as oversized without being kept in memory. A trailing {@code \r} is dropped. Not
 * thread-safe (one reader thread).
 */
final class LineReader {
  /** One line: its bytes, or an oversized marker. */
  record Line(byte[] bytes, boolean oversized) {}

  private final InputStream in;
  private final int maxBytes;
  private final byte[] buffer = new byte[8192];
  private int position;
  private int limit;

  LineReader(InputStream in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  /** The next line, or {@code null} at end of input. */
  Line next() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    boolean oversized = false;
    boolean sawAny = false;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          if (!sawAny) {
            return null;
          }
          return finish(line, oversized);
        }
      }
      sawAny = true;
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      int length = position - start;
      if (!oversized) {
        if (line.size() + length > maxBytes + 1) {
          oversized = true;
          line.reset();
        } else {
          line.write(buffer, start, length);
        }
      }
      if (position < limit) {
        position++; // the newline
        return finish(line, oversized);
      }
    }
  }

  private Line finish(ByteArrayOutputStream line, boolean oversized) {
    if (oversized) {
      return new Line(new byte[0], true);
    }
    byte[] bytes = line.toByteArray();
    int n = bytes.length;
    if (n > 0 && bytes[n - 1] == '\r') {
      n--;
    }
    if (n > maxBytes) {
      return new Line(new byte[0], true);
    }
    return new Line(n == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, n), false);
  }
}

package com.quiltdata.mcp.auth.internal.secrets;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.auth.AuthException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A secret in a file (for example a mounted Kubernetes or Docker secret). Reads at most {@code
 * maxBytes + 1} bytes and removes one trailing newline ({@code \n} or {@code \r\n}) and nothing
 * else. Messages name the path, never the contents.
 */
public final class FileKeySource implements KeySource {
  private final Path path;
  private final int maxBytes;

  /** Creates a source reading {@code path}, refusing files over {@code maxBytes}. */
  public FileKeySource(Path path, int maxBytes) {
    this.path = Objects.requireNonNull(path, "path");
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    this.maxBytes = maxBytes;
  }

  @Override
  public SourceReading read() {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = in.readNBytes(maxBytes + 1);
    } catch (NoSuchFileException e) {
      throw unavailable("does not exist");
    } catch (AccessDeniedException e) {
      throw unavailable("is not readable by this process (permission denied)");
    } catch (IOException e) {
      throw unavailable("could not be read (" + e.getClass().getSimpleName() + ")");
    }
    if (bytes.length > maxBytes) {
      Arrays.fill(bytes, (byte) 0);
      throw new AuthException(
          Reason.CONFIGURATION,
          "the JWT secret file " + path + " is larger than " + maxBytes + " bytes");
    }
    int end = bytes.length;
    if (end > 0 && bytes[end - 1] == '\n') {
      end--;
      if (end > 0 && bytes[end - 1] == '\r') {
        end--;
      }
    }
    byte[] secret = Arrays.copyOf(bytes, end);
    Arrays.fill(bytes, (byte) 0);
    return new SourceReading(secret, null, null, null);
  }

  @Override
  public boolean refreshable() {
    return true;
  }

  private AuthException unavailable(String why) {
    return new AuthException(
        Reason.SECRET_UNAVAILABLE,
        "the JWT secret file "
            + path
            + " "
            + why
            + "; check MCP_JWT_SECRET_FILE and the file's mount and permissions");
  }

  @Override
  public String toString() {
    return "FileKeySource[" + path + "]";
  }
}

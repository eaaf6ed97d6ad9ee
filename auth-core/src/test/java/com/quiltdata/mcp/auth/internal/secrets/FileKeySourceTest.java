package com.quiltdata.mcp.auth.internal.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.auth.AuthException.Reason;
import com.quiltdata.mcp.auth.SecretCanaries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class FileKeySourceTest {
  @RegisterExtension final SecretCanaries canaries = new SecretCanaries();
  @TempDir Path dir;

  private byte[] read(String content) throws Exception {
    Path file = dir.resolve("secret");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    SourceReading reading = new FileKeySource(file, 1024).read();
    assertNull(reading.previous());
    return reading.current();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void read_plainContent_returnedExactly() throws Exception {
    String secret = SecretCanaries.strong();
    assertArrayEquals(utf8(secret), read(secret));
  }

  @Test
  void read_trailingNewline_oneTrimmed() throws Exception {
    String secret = SecretCanaries.strong();
    assertArrayEquals(utf8(secret), read(secret + "\n"));
    assertArrayEquals(utf8(secret), read(secret + "\r\n"));
    assertArrayEquals(utf8(secret + "\n"), read(secret + "\n\n"));
    assertArrayEquals(utf8(" " + secret + " "), read(" " + secret + " \n"));
  }

  @Test
  void read_missingFile_secretUnavailableNamingPath() {
    Path missing = dir.resolve("missing-secret");
    AuthException e =
        assertThrows(AuthException.class, () -> new FileKeySource(missing, 1024).read());
    assertEquals(Reason.SECRET_UNAVAILABLE, e.reason());
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void read_directory_secretUnavailable() {
    AuthException e = assertThrows(AuthException.class, () -> new FileKeySource(dir, 1024).read());
    assertEquals(Reason.SECRET_UNAVAILABLE, e.reason());
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
  }

  @Test
  void read_tooLarge_configurationErrorWithoutContents() throws Exception {
    Path file = dir.resolve("big");
    String content = SecretCanaries.strong().repeat(30); // > 1024 bytes
    Files.writeString(file, content, StandardCharsets.UTF_8);
    AuthException e = assertThrows(AuthException.class, () -> new FileKeySource(file, 1024).read());
    assertEquals(Reason.CONFIGURATION, e.reason());
    assertTrue(e.getMessage().contains("larger than 1024 bytes"), e.getMessage());
    SecretCanaries.assertNoCanary(e);
  }

  @Test
  void read_exactlyMaxBytes_accepted() throws Exception {
    Path file = dir.resolve("edge");
    Files.write(file, new byte[1024]);
    assertEquals(1024, new FileKeySource(file, 1024).read().current().length);
  }

  @Test
  void read_unreadable_secretUnavailable() throws Exception {
    Path file = dir.resolve("locked");
    Files.writeString(file, SecretCanaries.strong());
    boolean locked = file.toFile().setReadable(false, false) && !Files.isReadable(file);
    assumeTrue(locked, "file permissions are not enforced for this user (root)");
    AuthException e = assertThrows(AuthException.class, () -> new FileKeySource(file, 1024).read());
    assertEquals(Reason.SECRET_UNAVAILABLE, e.reason());
    assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
  }
}

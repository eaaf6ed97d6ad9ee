package com.quiltdata.mcp.cli.internal;

import com.quiltdata.mcp.cli.CliContext;
import com.quiltdata.mcp.cli.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Where a command reads its token: stdin (the default, and {@code -}), {@code --file}, or, with a
 * warning, an argument. Reading is bounded; a {@code Bearer } prefix (or a whole {@code
 * Authorization:} header line) and surrounding whitespace are removed. The token read is registered
 * as sensitive with the {@link Output}, so it is never printed back.
 */
public final class TokenInput {
  /** Largest input read, in bytes: four times the verifier's default token limit. */
  public static final int MAX_INPUT_BYTES = 64 * 1024;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "TOKEN",
      description =
          "The token, or '-' for stdin (the default). Prefer stdin or --file: an argument ends up"
              + " in shell history and process listings.")
  String argument;

  @Option(
      names = "--file",
      paramLabel = "PATH",
      description = "Read the token from this file (at most 64 KiB).")
  Path file;

  /**
   * Reads the token.
   *
   * @throws CliFailure {@link ExitCode#USAGE} for no or unreadable input, {@link
   *     ExitCode#INVALID_TOKEN} for input over {@value #MAX_INPUT_BYTES} bytes
   */
  String read(CliContext ctx, Output out) {
    boolean fromArgument = argument != null && !"-".equals(argument);
    if (argument != null && file != null) {
      throw CliFailure.usage(
          "a token argument and --file were both given", "give the token one way only");
    }
    String text;
    if (fromArgument) {
      out.sensitive(argument);
      out.warn(
          "the token was passed as an argument: it is now in your shell history and visible in"
              + " process listings; prefer stdin (... | quilt-mcp-diag <command>) or --file");
      text = argument;
      if (text.length() > MAX_INPUT_BYTES) {
        throw tooLarge();
      }
    } else if (file != null) {
      text = readFile(file);
    } else if (argument == null && ctx.interactive()) {
      char[] typed = ctx.readHidden("Token (input hidden, then Enter): ");
      text = typed == null ? "" : new String(typed);
      if (typed != null) {
        Arrays.fill(typed, '\0');
      }
    } else {
      text = readStream(ctx.stdin(), "stdin");
    }
    out.sensitive(text);
    String token = normalise(text);
    if (token.isEmpty()) {
      throw CliFailure.usage(
          "no token in the input",
          "pipe the token on stdin (for example: pbpaste | quilt-mcp-diag decode) or use --file");
    }
    out.sensitive(token);
    for (String segment : token.split("\\.")) {
      out.sensitive(segment.length() >= 16 ? segment : null);
    }
    return token;
  }

  /**
   * Removes surrounding whitespace, an {@code Authorization:} label and a {@code Bearer} scheme.
   */
  static String normalise(String text) {
    String t = text.strip();
    if (t.regionMatches(true, 0, "Authorization:", 0, "Authorization:".length())) {
      t = t.substring("Authorization:".length()).strip();
    }
    if (t.length() > 7 && t.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
      t = t.substring(7).strip();
    }
    return t;
  }

  private static String readFile(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      return readStream(in, "the file " + path);
    } catch (NoSuchFileException e) {
      throw CliFailure.usage("the token file " + path + " does not exist", "check the path");
    } catch (AccessDeniedException e) {
      throw CliFailure.usage(
          "the token file " + path + " is not readable (permission denied)",
          "check the file's permissions");
    } catch (IOException e) {
      throw CliFailure.usage(
          "the token file " + path + " could not be read (" + e.getClass().getSimpleName() + ")",
          "check the path");
    }
  }

  private static String readStream(InputStream in, String what) {
    byte[] bytes;
    try {
      bytes = in.readNBytes(MAX_INPUT_BYTES + 1);
    } catch (IOException e) {
      throw CliFailure.usage(
          what + " could not be read (" + e.getClass().getSimpleName() + ")", null);
    }
    if (bytes.length > MAX_INPUT_BYTES) {
      throw tooLarge();
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static CliFailure tooLarge() {
    return new CliFailure(
        ExitCode.INVALID_TOKEN,
        "TOO_LARGE",
        "the input is larger than " + MAX_INPUT_BYTES + " bytes; no Quilt token is that long",
        "check that only the token is piped in (the verifier accepts up to 16384 characters)");
  }
}

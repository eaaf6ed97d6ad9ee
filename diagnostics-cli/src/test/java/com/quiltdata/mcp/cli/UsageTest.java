package com.quiltdata.mcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The command line itself: help, exit codes, errors that never echo what was typed. */
class UsageTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final Canaries canaries = new Canaries();

  private CliRun cli() {
    return CliRun.with(canaries);
  }

  @Test
  void help_listsCommandsExitCodesAndExamples() {
    CliRun.Result r = cli().run("--help");
    assertEquals(0, r.exit(), r::toString);
    for (String command :
        List.of("decode", "verify", "fingerprint", "mint", "exchange", "doctor")) {
      assertTrue(r.out().contains("  " + command + " "), command);
    }
    for (ExitCode code : ExitCode.values()) {
      assertTrue(r.out().contains(code.code() + "   " + code.name() + ": "), code::name);
    }
    assertTrue(r.out().contains("Examples:"), r::toString);
  }

  @Test
  void everySubcommandHelp_hasExamplesAndExitCodes() {
    for (String command :
        List.of("decode", "verify", "fingerprint", "mint", "exchange", "doctor")) {
      CliRun.Result r = cli().run(command, "--help");
      assertEquals(0, r.exit(), r::toString);
      assertTrue(r.out().contains("Examples:"), command);
      assertTrue(r.out().contains("Exit codes:"), command);
      assertTrue(r.out().contains("--json"), command);
    }
  }

  @Test
  void version_printed() {
    CliRun.Result r = cli().run("--version");
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().startsWith("quilt-mcp-diag "), r::toString);
  }

  @Test
  void noCommand_usageExit() {
    CliRun.Result r = cli().run();
    assertEquals(ExitCode.USAGE.code(), r.exit(), r::toString);
    assertTrue(r.err().startsWith("error: name a command"), r::toString);
  }

  @Test
  void unknownCommand_usageExit_argumentNotEchoed() {
    CliRun.Result r = cli().run(Canaries.TOKEN);
    assertEquals(ExitCode.USAGE.code(), r.exit(), r::toString);
    assertTrue(r.err().contains("<value not shown>"), r::toString);
  }

  @Test
  void secretAsUnknownOptionValue_notEchoed() {
    CliRun.Result r = cli().run("fingerprint", "--secret=" + Canaries.SECRET, "--secret-env", "X");
    assertEquals(ExitCode.USAGE.code(), r.exit(), r::toString);
    assertTrue(r.err().startsWith("error: "), r::toString);
    assertEquals(2, r.err().lines().count(), "one error line and one hint line");
  }

  @Test
  void tokenAsExtraArgument_notEchoed_jsonError() throws Exception {
    CliRun.Result r =
        cli()
            .run("fingerprint", "--secret-env", Canaries.SECRET_VARIABLE, Canaries.TOKEN, "--json");
    assertEquals(ExitCode.USAGE.code(), r.exit(), r::toString);
    JsonNode json = JSON.readTree(r.out());
    assertFalse(json.get("ok").asBoolean());
    assertEquals(2, json.get("exitCode").asInt());
    assertEquals("USAGE", json.get("exitStatus").asText());
  }

  @Test
  void badEnumValue_messageNamesOptionNotValue() {
    CliRun.Result r =
        cli()
            .run(
                "mint",
                "--secret-env",
                Canaries.SECRET_VARIABLE,
                "--subject",
                "a",
                "--form",
                "medium");
    assertEquals(ExitCode.USAGE.code(), r.exit(), r::toString);
    assertTrue(r.err().contains("'--form'"), r::toString);
    assertFalse(r.err().contains("medium"), r::toString);
  }

  @Test
  void unexpectedFailure_internalExit_classNameOnly_debugAddsFramesWithoutMessages() {
    InputStream exploding =
        new InputStream() {
          @Override
          public int read() {
            throw new IllegalStateException("boom " + Canaries.SECRET);
          }

          @Override
          public int read(byte[] b, int off, int len) {
            return read();
          }
        };
    CliRun.Result plain = cli().stdin(exploding).run("decode");
    assertEquals(ExitCode.INTERNAL.code(), plain.exit(), plain::toString);
    assertTrue(plain.err().contains("java.lang.IllegalStateException"), plain::toString);
    assertFalse(plain.err().contains("    at "), "no stack trace without --debug");
    assertTrue(plain.err().contains("--debug"), plain::toString);

    CliRun.Result debug = cli().stdin(exploding).run("decode", "--debug");
    assertEquals(ExitCode.INTERNAL.code(), debug.exit(), debug::toString);
    assertTrue(debug.err().contains("    at "), debug::toString);
    assertTrue(debug.err().contains("(message not shown)"), debug::toString);
  }
}

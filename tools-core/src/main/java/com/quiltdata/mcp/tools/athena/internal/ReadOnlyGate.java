package com.quiltdata.mcp.tools.athena.internal;

import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.athena.AthenaReason;
import com.quiltdata.mcp.tools.athena.AthenaSettings;
import java.nio.charset.StandardCharsets;

/**
 * The gate every query passes before anything is sent: its size, then {@link StatementJudge}'s
 * verdict; a write passes only when the operator enabled writes and the caller's token grants the
 * statement's IAM action.
 */
final class ReadOnlyGate {
  private ReadOnlyGate() {}

  /** The verdict, or a typed refusal. */
  static StatementJudge.Judgment check(String query, AthenaSettings settings, Principal principal) {
    int bytes = query.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > settings.maxQueryBytes()) {
      throw new ToolFailure(
          AthenaReason.QUERY_TOO_LARGE,
          "The query is "
              + bytes
              + " bytes; at most "
              + settings.maxQueryBytes()
              + " are accepted");
    }
    StatementJudge.Judgment j = StatementJudge.judge(query);
    if (j.readOnly()) {
      return j;
    }
    if (!settings.allowWrites()) {
      throw new ToolFailure(
          AthenaReason.NOT_READ_ONLY,
          "Refused: "
              + j.reason()
              + ". This server runs read-only statements only (SELECT, WITH, SHOW, DESCRIBE,"
              + " EXPLAIN); the operator can enable others with MCP_ATHENA_ALLOW_WRITES");
    }
    if (j.writeAction() == null) {
      throw new ToolFailure(AthenaReason.NOT_READ_ONLY, "Refused: " + j.reason());
    }
    if (principal == null || !principal.claims().permissions().contains(j.writeAction())) {
      throw new ToolFailure(
          AthenaReason.NOT_READ_ONLY,
          "Refused: "
              + j.reason()
              + ", and your token does not grant "
              + j.writeAction()
              + ", which such a statement needs");
    }
    return j;
  }
}

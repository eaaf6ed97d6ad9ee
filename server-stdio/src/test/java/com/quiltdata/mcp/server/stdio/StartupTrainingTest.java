package com.quiltdata.mcp.server.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The stdio start-up training: the real server answers its messages, and the check can fail. */
class StartupTrainingTest {
  @Test
  void run_theRealServerAnswersInitializeAndToolsList() {
    assertEquals(0, StartupTraining.run());
  }

  @Test
  void answered_needsAResultForEveryRequestId() {
    String both =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}\n";
    assertTrue(StartupTraining.answered(both, 2));
    assertFalse(StartupTraining.answered("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n", 2));
    assertFalse(
        StartupTraining.answered(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32601}}\n",
            2));
    assertFalse(StartupTraining.answered("not json\n", 1));
  }
}

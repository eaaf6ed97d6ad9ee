package com.quiltdata.mcp.standins.athena;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An AWS JSON 1.1 answer: 200 with the output, or 400 with {@code __type} and a message. */
record Answer(int status, ObjectNode body) {
  static Answer ok(ObjectNode body) {
    return new Answer(200, body);
  }

  static Answer fail(String type, String message) {
    ObjectNode b = AthenaStandIn.JSON.createObjectNode();
    b.put("__type", type);
    b.put("Message", message);
    return new Answer(400, b);
  }

  static Answer invalid(String message) {
    return fail("InvalidRequestException", message);
  }
}

package com.quiltdata.mcp.tools.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaValidatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String SCHEMA =
      "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"bucket\"],"
          + "\"properties\":{"
          + "\"bucket\":{\"type\":\"string\",\"minLength\":3,\"maxLength\":63,"
          + "\"pattern\":\"^[a-z0-9.-]+$\",\"description\":\"S3 bucket name\"},"
          + "\"max_keys\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":1000},"
          + "\"ratio\":{\"type\":\"number\",\"minimum\":0.5},"
          + "\"base64\":{\"type\":\"boolean\"},"
          + "\"encoding\":{\"type\":\"string\",\"enum\":[\"utf-8\",\"latin-1\"]},"
          + "\"items\":{\"type\":\"array\",\"maxItems\":2,\"items\":{\"type\":\"object\","
          + "\"required\":[\"key\"],\"properties\":{\"key\":{\"type\":\"string\"}}}}}}";

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Optional<String> validate(String args) {
    return SchemaValidator.compile("t", json(SCHEMA)).validate(json(args));
  }

  private static void assertProblem(String args, String... fragments) {
    Optional<String> problem = validate(args);
    assertTrue(problem.isPresent(), "expected a problem for " + args);
    for (String f : fragments) {
      assertTrue(problem.get().contains(f), problem.get() + " should contain " + f);
    }
  }

  @Test
  void validate_goodArguments_pass() {
    assertEquals(
        Optional.empty(),
        validate(
            "{\"bucket\":\"quilt-demos\",\"max_keys\":10,\"ratio\":0.75,\"base64\":true,"
                + "\"encoding\":\"utf-8\",\"items\":[{\"key\":\"a\"}]}"));
  }

  @Test
  void validate_integerWrittenAsWholeFloat_passes() {
    assertEquals(Optional.empty(), validate("{\"bucket\":\"abc\",\"max_keys\":10.0}"));
  }

  @Test
  void validate_eachKeyword_namesTheArgument() {
    assertProblem("{}", "Missing required argument 'bucket'", "S3 bucket name");
    assertProblem("{\"bucket\":5}", "'bucket'", "must be a string", "got an integer");
    assertProblem("{\"bucket\":\"ab\"}", "'bucket'", "at least 3");
    assertProblem("{\"bucket\":\"" + "a".repeat(64) + "\"}", "'bucket'", "at most 63");
    assertProblem("{\"bucket\":\"ABC\"}", "'bucket'", "pattern");
    assertProblem("{\"bucket\":\"abc\",\"max_keys\":0}", "'max_keys'", "at least 1");
    assertProblem("{\"bucket\":\"abc\",\"max_keys\":5000}", "'max_keys'", "at most 1000");
    assertProblem("{\"bucket\":\"abc\",\"max_keys\":1.5}", "'max_keys'", "an integer");
    assertProblem("{\"bucket\":\"abc\",\"ratio\":0.1}", "'ratio'", "at least 0.5");
    assertProblem("{\"bucket\":\"abc\",\"base64\":\"yes\"}", "'base64'", "a boolean");
    assertProblem("{\"bucket\":\"abc\",\"encoding\":\"ebcdic\"}", "'encoding'", "utf-8");
    assertProblem("{\"bucket\":\"abc\",\"items\":[{},{},{}]}", "'items'", "at most 2");
    assertProblem("{\"bucket\":\"abc\",\"items\":[{\"key\":1}]}", "'items[0].key'");
    assertProblem("{\"bucket\":\"abc\",\"items\":[{}]}", "'items[0].key'");
    assertProblem("{\"bucket\":\"abc\",\"extra\":1}", "Unexpected argument 'extra'", "max_keys");
  }

  @Test
  void validate_unexpectedArgumentName_isSanitised() {
    Optional<String> problem =
        validate("{\"bucket\":\"abc\",\"x\\u0000'" + "y".repeat(100) + "\":1}");
    assertTrue(problem.isPresent());
    assertTrue(problem.get().length() < 300);
    assertTrue(!problem.get().contains("\u0000"));
  }

  @Test
  void validate_valuesAreNotEchoed() {
    Optional<String> problem = validate("{\"bucket\":\"SECRET-VALUE\"}");
    assertTrue(problem.isPresent());
    assertTrue(!problem.get().contains("SECRET-VALUE"));
  }

  @Test
  void compile_unsupportedKeyword_failsNamingToolAndPath() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                SchemaValidator.compile(
                    "mytool",
                    json(
                        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\","
                            + "\"oneOf\":[]}}}")));
    assertTrue(e.getMessage().contains("mytool"));
    assertTrue(e.getMessage().contains("properties.a"));
    assertTrue(e.getMessage().contains("oneOf"));
  }

  @Test
  void compile_rejectsNonObjectRootAndBadValues() {
    assertThrows(
        IllegalStateException.class,
        () -> SchemaValidator.compile("t", json("{\"type\":\"string\"}")));
    assertThrows(IllegalStateException.class, () -> SchemaValidator.compile("t", json("{}")));
    assertThrows(
        IllegalStateException.class,
        () ->
            SchemaValidator.compile(
                "t", json("{\"type\":\"object\",\"additionalProperties\":{}}")));
    assertThrows(
        IllegalStateException.class,
        () ->
            SchemaValidator.compile(
                "t", json("{\"type\":\"object\",\"properties\":{\"a\":{\"pattern\":\"(\"}}}")));
    assertThrows(
        IllegalStateException.class,
        () ->
            SchemaValidator.compile(
                "t", json("{\"type\":\"object\",\"properties\":{\"a\":{\"maxLength\":-1}}}")));
    assertThrows(
        IllegalStateException.class,
        () ->
            SchemaValidator.compile(
                "t", json("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"date\"}}}")));
  }

  @Test
  void validate_typeUnion_acceptsEither() {
    SchemaValidator v =
        SchemaValidator.compile(
            "t",
            json("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":[\"string\",\"null\"]}}}"));
    assertEquals(Optional.empty(), v.validate(json("{\"a\":null}")));
    assertEquals(Optional.empty(), v.validate(json("{\"a\":\"x\"}")));
    assertTrue(v.validate(json("{\"a\":1}")).orElseThrow().contains("a string or null"));
  }

  private static final String WITH_DEFS =
      "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
          + "\"$defs\":{\"address\":{\"type\":\"object\",\"required\":[\"city\"],"
          + "\"properties\":{\"street\":{\"type\":\"string\"},\"city\":{\"type\":\"string\"},"
          + "\"next\":{\"$ref\":\"#/$defs/address\"}}},"
          + "\"alias\":{\"$ref\":\"#/$defs/address\"}},"
          + "\"properties\":{\"name\":{\"type\":\"string\"},"
          + "\"home\":{\"$ref\":\"#/$defs/alias\"}},\"additionalProperties\":false}";

  @Test
  void ref_validatesAgainstTheDefinition_throughAliasesAndRecursion() {
    SchemaValidator v = SchemaValidator.compile("t", json(WITH_DEFS));
    assertEquals(Optional.empty(), v.validate(json("{\"name\":\"a\",\"home\":{\"city\":\"x\"}}")));
    assertEquals(
        Optional.empty(),
        v.validate(json("{\"home\":{\"city\":\"x\",\"next\":{\"city\":\"y\"}}}")));
    Optional<String> wrongType = v.validate(json("{\"home\":{\"city\":7}}"));
    assertTrue(wrongType.orElseThrow().contains("home.city"), wrongType.get());
    Optional<String> nestedMissing = v.validate(json("{\"home\":{\"city\":\"x\",\"next\":{}}}"));
    assertTrue(nestedMissing.orElseThrow().contains("home.next.city"), nestedMissing.get());
  }

  @Test
  void ref_toAMissingDefinition_failsAtCompile() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                SchemaValidator.compile(
                    "t",
                    json(
                        "{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"#/$defs/nope\"}}}")));
    assertTrue(e.getMessage().contains("#/$defs/NAME"), e.getMessage());
  }

  @Test
  void ref_outsideDefs_andNestedDefs_failAtCompile() {
    assertThrows(
        IllegalStateException.class,
        () ->
            SchemaValidator.compile(
                "t",
                json(
                    "{\"type\":\"object\",\"$defs\":{\"a\":{}},"
                        + "\"properties\":{\"a\":{\"$ref\":\"https://example.com/a\"}}}")));
    IllegalStateException nested =
        assertThrows(
            IllegalStateException.class,
            () ->
                SchemaValidator.compile(
                    "t", json("{\"type\":\"object\",\"properties\":{\"a\":{\"$defs\":{}}}}")));
    assertTrue(nested.getMessage().contains("only supported at the top"), nested.getMessage());
  }

  @Test
  void ref_cycleThatConsumesNoInput_failsAtCompile() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                SchemaValidator.compile(
                    "t",
                    json(
                        "{\"type\":\"object\",\"$defs\":{\"a\":{\"$ref\":\"#/$defs/b\"},"
                            + "\"b\":{\"$ref\":\"#/$defs/a\"}},"
                            + "\"properties\":{\"x\":{\"$ref\":\"#/$defs/a\"}}}")));
    assertTrue(e.getMessage().contains("loops back"), e.getMessage());
  }

  @Test
  void defs_withUnsupportedKeyword_failAtCompileNamingThePath() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                SchemaValidator.compile(
                    "t", json("{\"type\":\"object\",\"$defs\":{\"a\":{\"oneOf\":[]}}}")));
    assertTrue(e.getMessage().contains("inputSchema.$defs.a"), e.getMessage());
  }
}

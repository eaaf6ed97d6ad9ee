package com.quiltdata.mcp.tools.athena.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.athena.AthenaReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TabulatorConfigTest {
  private static final String GOOD =
      "schema:\n"
          + "  - name: id\n"
          + "    type: BIGINT\n"
          + "  - name: value-2\n"
          + "    type: DOUBLE\n"
          + "    nullable: true\n"
          + "source:\n"
          + "  type: quilt-packages\n"
          + "  package_name: ^team/(?P<run_date>[0-9-]+)$\n"
          + "  logical_key: data/(?<part>[a-z]+)\\.csv$\n"
          + "parser:\n"
          + "  format: csv\n"
          + "  header: true\n"
          + "  delimiter: \"\\t\"\n"
          + "continue_on_error: false\n";

  @Test
  void yamlTextIsAcceptedAndSentAsGiven() {
    assertEquals(GOOD, TabulatorConfig.check(TextNode.valueOf(GOOD)));
  }

  @Test
  void anObjectIsAcceptedAndSentAsYamlThatReadsBackTheSame() throws Exception {
    JsonNode object =
        JsonMapper.builder()
            .build()
            .readTree(
                "{\"schema\":[{\"name\":\"flag\",\"type\":\"BOOLEAN\"}],"
                    + "\"source\":{\"type\":\"quilt-packages\",\"package_name\":\"^a/b$\","
                    + "\"logical_key\":\"\\\\.parquet$\"},\"parser\":{\"format\":\"parquet\"}}");
    String yaml = TabulatorConfig.check(object);
    JsonNode back = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(yaml);
    assertEquals(object, back);
  }

  /** Each case replaces one piece of the good config ({@code ~} stands for a line break). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "extra top-level key|continue_on_error: false|extra: 1|extra",
        "missing schema|schema:~  - name: id~    type: BIGINT~  - name: value-2~    type: DOUBLE~"
            + "    nullable: true~||schema",
        "empty schema|schema:~  - name: id~    type: BIGINT~  - name: value-2~    type: DOUBLE~"
            + "    nullable: true~|schema: []~|schema",
        "bad column name|name: id|name: 1st|schema[0].name",
        "column name with space|name: id|name: a b|schema[0].name",
        "column name too long|name: id|name: a" + "%256%" + "|schema[0].name",
        "unknown type|type: BIGINT|type: VARCHAR|schema[0].type",
        "lower-case type|type: BIGINT|type: bigint|schema[0].type",
        "nullable not bool|nullable: true|nullable: maybe|schema[1].nullable",
        "extra column key|type: BIGINT|type: BIGINT~    comment: x|schema[0].comment",
        "wrong source type|type: quilt-packages|type: s3-objects|source.type",
        "package_name not a regex|^team/(?P<run_date>[0-9-]+)$|^team/(unclosed$|source.package_name",
        "logical_key not a regex|data/(?<part>[a-z]+)\\.csv$|data/[a-z|source.logical_key",
        "missing logical_key|~  logical_key: data/(?<part>[a-z]+)\\.csv$||source.logical_key",
        "extra source key|type: quilt-packages|type: quilt-packages~  bucket: b|source.bucket",
        "bad format|format: csv|format: json|parser.format",
        "two-char delimiter|delimiter: \"\\t\"|delimiter: ';;'|parser.delimiter",
        "header not bool|header: true|header: yes please|parser.header",
        "extra csv option|header: true|header: true~  quote: x|parser.quote",
        "continue_on_error not bool|continue_on_error: false|continue_on_error: sometimes|"
            + "continue_on_error",
      })
  void aBrokenRuleIsRefusedNamingTheField(String rule, String from, String to, String path) {
    String fromText = from.replace("~", "\n");
    String toText = (to == null ? "" : to).replace("~", "\n").replace("%256%", "b".repeat(255));
    assertTrue(GOOD.contains(fromText), rule);
    String yaml = GOOD.replace(fromText, toText);
    ToolFailure f =
        assertThrows(ToolFailure.class, () -> TabulatorConfig.check(TextNode.valueOf(yaml)));
    assertEquals(AthenaReason.TABULATOR_CONFIG_INVALID, f.reason(), rule);
    assertEquals(path, f.details().get("path").asText(), rule + ": " + f.getMessage());
    assertTrue(f.getMessage().contains(path), f.getMessage());
    assertTrue(f.getMessage().endsWith("nothing was sent"), f.getMessage());
  }

  @Test
  void parquetTakesNoOptions() {
    String yaml = GOOD.replace("format: csv", "format: parquet");
    ToolFailure f =
        assertThrows(ToolFailure.class, () -> TabulatorConfig.check(TextNode.valueOf(yaml)));
    assertEquals("parser.header", f.details().get("path").asText());
  }

  @Test
  void anchorsAndAliasesAreRefused() {
    String bomb =
        "a: &a [x, x, x, x, x, x, x, x, x]\n"
            + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            + "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n";
    ToolFailure f =
        assertThrows(ToolFailure.class, () -> TabulatorConfig.check(TextNode.valueOf(bomb)));
    assertTrue(f.getMessage().contains("anchors or aliases"), f.getMessage());
  }

  @Test
  void tooLargeTooDeepAndNotYamlAreRefused() {
    String big = GOOD + "#" + "x".repeat(TabulatorConfig.MAX_BYTES) + "\n";
    assertTrue(message(big).contains("at most " + TabulatorConfig.MAX_BYTES), message(big));
    String deep = "a: " + "[".repeat(40) + "]".repeat(40) + "\n";
    assertTrue(message(deep).contains("not valid YAML"), message(deep));
    assertTrue(message("a: [1, 2\n").contains("not valid YAML"));
    assertTrue(message("--- \na: 1\n--- \nb: 2\n").contains("one YAML document"));
    assertTrue(message("- 1\n- 2\n").contains("must be a mapping"));
    assertTrue(message("").contains("is empty"));
  }

  @Test
  void neitherTextNorObjectIsRefused() {
    ToolFailure f =
        assertThrows(
            ToolFailure.class,
            () -> TabulatorConfig.check(com.fasterxml.jackson.databind.node.IntNode.valueOf(3)));
    assertEquals("config", f.details().get("path").asText());
  }

  private static String message(String yaml) {
    return assertThrows(ToolFailure.class, () -> TabulatorConfig.check(TextNode.valueOf(yaml)))
        .getMessage();
  }
}

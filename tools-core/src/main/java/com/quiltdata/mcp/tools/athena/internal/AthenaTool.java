package com.quiltdata.mcp.tools.athena.internal;

import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.athena.AthenaReason;
import com.quiltdata.mcp.tools.athena.AthenaSettings;
import com.quiltdata.mcp.tools.aws.AwsCall;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.aws.AwsService;
import com.quiltdata.mcp.tools.schema.ArgumentTool;
import com.quiltdata.mcp.tools.schema.Arguments;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.MetadataException;

/**
 * What every Athena tool shares: its definition, the settings, and Athena requests on the shared
 * client with the caller's own credentials ({@link AwsCall}), Athena's own refusals typed here and
 * the rest by the AWS kit.
 */
abstract class AthenaTool extends ArgumentTool {
  static final String DEFAULT_CATALOG = "AwsDataCatalog";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:@-]{1,255}");
  private static final Pattern QUERY_ID = Pattern.compile("[a-zA-Z0-9_-]{1,128}");
  private static final int MAX_MESSAGE = 600;

  final AwsClients aws;
  final AthenaSettings settings;

  AthenaTool(AwsClients aws, AthenaSettings settings, ToolDefinition definition) {
    super(definition);
    this.aws = aws;
    this.settings = settings;
  }

  /** An Athena operation on the shared client. */
  @FunctionalInterface
  interface AthenaOperation<T> {
    T apply(AthenaClient client, AwsCall call);
  }

  /** Runs {@code operation} with the call's credentials; {@code target} names what is addressed. */
  final <T> T withAthena(AwsCall call, String target, AthenaOperation<T> operation) {
    AthenaClient athena = aws.athena();
    return call.run(
        AwsService.ATHENA, target, AthenaTool::athenaError, () -> operation.apply(athena, call));
  }

  /** Athena's own refusals: the message is about the caller's own request, so it is shown. */
  static ToolFailure athenaError(AwsServiceException e, String target) {
    String message =
        safeText(e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage());
    if (e instanceof MetadataException) {
      return new ToolFailure(AthenaReason.NOT_FOUND, target + ": " + message);
    }
    if (!(e instanceof InvalidRequestException)) {
      return null;
    }
    if (message.startsWith("WorkGroup ")
        && (message.contains("not found") || message.contains("disabled"))) {
      return new ToolFailure(
          AthenaReason.WORKGROUP_NOT_FOUND,
          message + " Call athena_workgroups_list for the workgroups you may use");
    }
    if (message.startsWith("QueryExecution ") && message.contains("not found")) {
      return new ToolFailure(
          AthenaReason.QUERY_NOT_FOUND,
          "No query execution " + target + " exists in this account and region");
    }
    if (message.startsWith("Query has not yet finished")) {
      return new ToolFailure(
          AthenaReason.QUERY_NOT_FINISHED,
          message + ". Check it with athena_query_status and ask again when it has succeeded");
    }
    if (message.startsWith("Query did not finish successfully")) {
      return new ToolFailure(
          AthenaReason.QUERY_FAILED, message + ". athena_query_status shows why");
    }
    if (message.startsWith("No output location")) {
      return new ToolFailure(AthenaReason.NO_OUTPUT_LOCATION, noOutputLocation(target));
    }
    return new ToolFailure(
        com.quiltdata.mcp.tools.aws.AwsReason.SERVICE_ERROR,
        "Athena refused the request for " + target + ": " + message);
  }

  static String noOutputLocation(String workgroup) {
    return "Workgroup '"
        + workgroup
        + "' has no query result location. Use a workgroup that has one, or the operator sets"
        + " MCP_ATHENA_OUTPUT_LOCATION";
  }

  /** Text from Athena, bounded and without control characters. */
  static String safeText(String text) {
    if (text == null || text.isBlank()) {
      return "(no reason given)";
    }
    String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
    return clean.length() > MAX_MESSAGE ? clean.substring(0, MAX_MESSAGE) + "..." : clean;
  }

  /** A catalog, database, table or workgroup name argument; {@code null} when absent. */
  static String name(Arguments args, String argument) {
    String v = args.optionalText(argument);
    if (v != null && !NAME.matcher(v).matches()) {
      throw ToolFailure.invalidArgument(
          "Argument '" + argument + "' must be 1-255 characters of letters, digits and _ . : @ -");
    }
    return v;
  }

  /** The data catalog argument, else AwsDataCatalog. */
  static String catalog(Arguments args) {
    String v = name(args, "data_catalog_name");
    return v == null ? DEFAULT_CATALOG : v;
  }

  /** The required {@code query_execution_id} argument. */
  static String queryId(Arguments args) {
    String v = args.text("query_execution_id");
    if (!QUERY_ID.matcher(v).matches()) {
      throw ToolFailure.invalidArgument(
          "Argument 'query_execution_id' must be a query execution id (letters, digits, - and _)");
    }
    return v;
  }

  /** The {@code max_results} argument, bounded by the settings. */
  final int maxRows(Arguments args) {
    int fallback = Math.min(1000, settings.maxRows());
    return (int) args.integer("max_results", 1, settings.maxRows(), fallback);
  }

  /** The {@code output_format} argument: json (default), csv or table. */
  static String format(Arguments args) {
    String f = args.optionalText("output_format");
    return f == null ? "json" : f;
  }

  /** The {@code timeout_seconds} argument, bounded by the settings. */
  final java.time.Duration timeout(Arguments args) {
    return java.time.Duration.ofSeconds(
        args.integer(
            "timeout_seconds",
            1,
            settings.maxTimeout().toSeconds(),
            settings.defaultTimeout().toSeconds()));
  }

  /** Begins a call's use of AWS. */
  static AwsCall begin(ToolContext context) {
    return AwsCall.begin(context);
  }
}

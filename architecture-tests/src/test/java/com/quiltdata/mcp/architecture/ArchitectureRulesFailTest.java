package com.quiltdata.mcp.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.quiltdata.mcp.architecture.fixtures.auth.AuthenticatorCallingTools;
import com.quiltdata.mcp.architecture.fixtures.auth.BarHelper;
import com.quiltdata.mcp.architecture.fixtures.auth.PolicyWithOptionalParameter;
import com.quiltdata.mcp.architecture.fixtures.auth.QuxManager;
import com.quiltdata.mcp.architecture.fixtures.auth.SessionWithOptionalField;
import com.quiltdata.mcp.architecture.fixtures.auth.TokenParserShortcut;
import com.quiltdata.mcp.architecture.fixtures.cli.CliServingHttp;
import com.quiltdata.mcp.architecture.fixtures.jwt.AwsAwareClaims;
import com.quiltdata.mcp.architecture.fixtures.jwt.CachingClaimDecoder;
import com.quiltdata.mcp.architecture.fixtures.misc.StrayComponent;
import com.quiltdata.mcp.architecture.fixtures.server.demo.DemoDrivingStdio;
import com.quiltdata.mcp.architecture.fixtures.server.http.BazImpl;
import com.quiltdata.mcp.architecture.fixtures.server.http.HttpReusingDemoSecret;
import com.quiltdata.mcp.architecture.fixtures.server.http.HttpRouteCallingStdio;
import com.quiltdata.mcp.architecture.fixtures.server.stdio.StdioStartingJavalin;
import com.quiltdata.mcp.architecture.fixtures.session.redis.RedisStoreReadingTools;
import com.quiltdata.mcp.architecture.fixtures.standins.StandInReusingTools;
import com.quiltdata.mcp.architecture.fixtures.tools.ArgumentsWithOptionalConstructor;
import com.quiltdata.mcp.architecture.fixtures.tools.FooUtils;
import com.quiltdata.mcp.architecture.fixtures.tools.ToolApiKnowingTheEngine;
import com.quiltdata.mcp.architecture.fixtures.tools.ToolReadingAuthInternals;
import com.quiltdata.mcp.architecture.fixtures.tools.ToolStartingStandIn;
import com.quiltdata.mcp.architecture.fixtures.tools.ToolWritingHttpResponses;
import com.quiltdata.mcp.architecture.fixtures.tools.s3.S3ToolAbortingByHand;
import com.quiltdata.mcp.architecture.fixtures.tools.s3.S3ToolAskingDiagnostics;
import com.quiltdata.mcp.architecture.fixtures.tools.s3.S3ToolDrivingTheEngine;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Proves each rule in {@link ArchitectureRules} can fail: run against the deliberately broken
 * classes under {@code fixtures} it reports the offending class, and run against the rule-abiding
 * classes under {@code compliant} it reports nothing.
 */
class ArchitectureRulesFailTest {
  private static final String FIXTURES = "com.quiltdata.mcp.architecture.fixtures";
  private static final String COMPLIANT = "com.quiltdata.mcp.architecture.compliant";

  private static JavaClasses fixtures;
  private static JavaClasses compliant;

  @BeforeAll
  static void importFixtures() {
    fixtures = new ClassFileImporter().importPackages(FIXTURES);
    compliant = new ClassFileImporter().importPackages(COMPLIANT);
  }

  @Test
  void fixtureImports_containOnlyTheirOwnTree() {
    assertTrue(fixtures.contain(CachingClaimDecoder.class), "fixtures were not imported");
    assertTrue(compliant.contain(COMPLIANT + ".jwt.TokenClaims"), "compliant code not imported");
    fixtures.forEach(c -> assertTrue(c.getPackageName().startsWith(FIXTURES), c::getName));
    compliant.forEach(c -> assertTrue(c.getPackageName().startsWith(COMPLIANT), c::getName));
  }

  @Test
  void jwtCodecRule_reportsJwtClassesUsingCaffeineOrAws() {
    assertViolatedBy(
        ArchitectureRules.jwtCodecIsFreeOfInfrastructure(FIXTURES),
        CachingClaimDecoder.class,
        AwsAwareClaims.class);
  }

  @Test
  void authCoreRule_reportsAuthClassUsingTools() {
    assertViolatedBy(
        ArchitectureRules.authCoreDependsOnlyDownward(FIXTURES), AuthenticatorCallingTools.class);
  }

  @Test
  void toolsCoreRule_reportsToolUsingJavalin() {
    assertViolatedBy(
        ArchitectureRules.toolsCoreDependsOnlyDownward(FIXTURES), ToolWritingHttpResponses.class);
  }

  @Test
  void httpServerRule_reportsHttpClassUsingStdioAdapter() {
    assertViolatedBy(
        ArchitectureRules.httpServerIgnoresOtherAdapters(FIXTURES), HttpRouteCallingStdio.class);
  }

  @Test
  void stdioServerRule_reportsStdioClassUsingJavalin() {
    assertViolatedBy(
        ArchitectureRules.stdioServerIgnoresHttp(FIXTURES), StdioStartingJavalin.class);
  }

  @Test
  void cliRule_reportsCliClassUsingHttpAdapter() {
    assertViolatedBy(ArchitectureRules.cliIgnoresServers(FIXTURES), CliServingHttp.class);
  }

  @Test
  void demoRule_reportsDemoClassUsingStdioAdapter() {
    assertViolatedBy(
        ArchitectureRules.demoUsesHttpServerAndBelow(FIXTURES), DemoDrivingStdio.class);
  }

  @Test
  void nothingDependsOnTheDemoRule_reportsHttpClassUsingDemo() {
    assertViolatedBy(
        ArchitectureRules.nothingDependsOnTheDemo(FIXTURES), HttpReusingDemoSecret.class);
  }

  @Test
  void sessionRedisRule_reportsRedisStoreUsingTheTools() {
    assertViolatedBy(
        ArchitectureRules.sessionRedisBuildsOnAuthCoreOnly(FIXTURES), RedisStoreReadingTools.class);
  }

  @Test
  void standInRule_reportsStandInUsingTheTools() {
    assertViolatedBy(ArchitectureRules.standInsBuildOnJwtOnly(FIXTURES), StandInReusingTools.class);
  }

  @Test
  void onlyTheDemoUsesTheStandInsRule_reportsToolUsingAStandIn() {
    assertViolatedBy(
        ArchitectureRules.onlyTheDemoUsesTheStandIns(FIXTURES), ToolStartingStandIn.class);
  }

  @Test
  void moduleMembershipRule_reportsClassOutsideEveryModule() {
    assertViolatedBy(ArchitectureRules.everyClassBelongsToAModule(FIXTURES), StrayComponent.class);
  }

  @Test
  void internalPackageRule_reportsToolUsingAuthInternals() {
    assertViolatedBy(
        ArchitectureRules.internalPackagesStayInsideTheirModule(FIXTURES),
        ToolReadingAuthInternals.class);
  }

  @Test
  void jjwtImplementationRule_reportsAuthClassUsingJjwtImpl() {
    assertViolatedBy(
        ArchitectureRules.jjwtImplementationOnlyInJwtInternals(FIXTURES),
        TokenParserShortcut.class);
  }

  @Test
  void classNameRule_reportsUtilsHelperImplAndManager() {
    assertViolatedBy(
        ArchitectureRules.noCatchAllClassNames(FIXTURES),
        FooUtils.class,
        BarHelper.class,
        BazImpl.class,
        QuxManager.class);
  }

  @Test
  void optionalRule_reportsOptionalFieldAndParameters() {
    assertViolatedBy(
        ArchitectureRules.optionalOnlyAsReturnType(FIXTURES),
        SessionWithOptionalField.class,
        PolicyWithOptionalParameter.class,
        ArgumentsWithOptionalConstructor.class);
  }

  @Test
  void familyRule_reportsAFamilyUsingAnother() {
    assertViolatedBy(
        ArchitectureRules.toolFamiliesNeverUseEachOther(FIXTURES), S3ToolAskingDiagnostics.class);
  }

  @Test
  void engineInternalsRule_reportsAFamilyAndTheApiUsingThem() {
    assertViolatedBy(
        ArchitectureRules.onlyTheEngineUsesItsInternals(FIXTURES),
        S3ToolDrivingTheEngine.class,
        ToolApiKnowingTheEngine.class);
  }

  @Test
  void toolAuthorRule_reportsAFamilyDrivingTheEngine() {
    assertViolatedBy(
        ArchitectureRules.familiesAndKitsAreToolAuthorsNotEngines(FIXTURES),
        S3ToolDrivingTheEngine.class);
  }

  @Test
  void toolApiRule_reportsTheApiKnowingTheEngine() {
    assertViolatedBy(
        ArchitectureRules.toolAuthorApiStandsAlone(FIXTURES), ToolApiKnowingTheEngine.class);
  }

  @Test
  void kitInternalsRule_reportsAFamilyUsingTheAwsKitsInternals() {
    assertViolatedBy(
        ArchitectureRules.kitInternalsStayInTheirKit(FIXTURES), S3ToolAbortingByHand.class);
  }

  @TestFactory
  Stream<DynamicTest> everyRule_passesOnCompliantCode() {
    return ArchitectureRules.all(COMPLIANT).stream()
        .map(
            rule ->
                dynamicTest(
                    rule.getDescription(),
                    () -> {
                      EvaluationResult result = rule.evaluate(compliant);
                      assertFalse(
                          result.hasViolation(),
                          () -> "false positive on compliant code:\n" + result.getFailureReport());
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everyRule_failsOnFixtures() {
    return ArchitectureRules.all(FIXTURES).stream()
        .map(
            rule ->
                dynamicTest(
                    rule.getDescription(),
                    () ->
                        assertTrue(
                            rule.evaluate(fixtures).hasViolation(),
                            "no fixture breaks this rule, so nothing proves it can fail")));
  }

  @Test
  void moduleRules_passWhileAModuleHasNoClassesYet() {
    String emptyRoot = "com.quiltdata.mcp.architecture.nothing";
    List<ArchRule> moduleRules =
        List.of(
            ArchitectureRules.authCoreDependsOnlyDownward(emptyRoot),
            ArchitectureRules.sessionRedisBuildsOnAuthCoreOnly(emptyRoot),
            ArchitectureRules.toolsCoreDependsOnlyDownward(emptyRoot),
            ArchitectureRules.httpServerIgnoresOtherAdapters(emptyRoot),
            ArchitectureRules.stdioServerIgnoresHttp(emptyRoot),
            ArchitectureRules.cliIgnoresServers(emptyRoot),
            ArchitectureRules.demoUsesHttpServerAndBelow(emptyRoot),
            ArchitectureRules.nothingDependsOnTheDemo(emptyRoot),
            ArchitectureRules.standInsBuildOnJwtOnly(emptyRoot),
            ArchitectureRules.onlyTheDemoUsesTheStandIns(emptyRoot));
    for (ArchRule rule : moduleRules) {
      assertFalse(rule.evaluate(compliant).hasViolation(), rule::getDescription);
    }
  }

  private static void assertViolatedBy(ArchRule rule, Class<?>... offenders) {
    EvaluationResult result = rule.evaluate(fixtures);
    assertTrue(result.hasViolation(), () -> "rule did not fail: " + rule.getDescription());
    String report = result.getFailureReport().toString();
    for (Class<?> offender : offenders) {
      assertTrue(
          report.contains(offender.getName()),
          () -> "report does not name " + offender.getName() + ":\n" + report);
    }
  }
}

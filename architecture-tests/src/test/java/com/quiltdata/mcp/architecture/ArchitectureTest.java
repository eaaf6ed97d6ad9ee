package com.quiltdata.mcp.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the production classes of every module against {@link ArchitectureRules}. */
class ArchitectureTest {
  private static final String ROOT = "com.quiltdata.mcp";

  /** This module's own package: its tests and fixtures must never count as production code. */
  private static final String SELF = "/com/quiltdata/mcp/architecture/";

  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption((Location location) -> !location.contains(SELF))
            .importPackages(ROOT);
  }

  @Test
  void importedClasses_comeFromTheModulesNotFromThisTestModule() {
    assertTrue(
        production.contain(ROOT + ".jwt.JwtVerificationException"),
        "the import found no jwt-codec classes, so every rule would pass vacuously");
    assertTrue(
        production.contain(ROOT + ".server.demo.Main"),
        "the import found no server-demo classes, so the demo rules would pass vacuously");
    for (JavaClass javaClass : production) {
      assertFalse(
          javaClass.getPackageName().startsWith(ROOT + ".architecture"),
          () -> "test class imported as production code: " + javaClass.getName());
    }
  }

  @Test
  void jwtCodec_dependsOnNoInfrastructure() {
    ArchitectureRules.jwtCodecIsFreeOfInfrastructure(ROOT).check(production);
  }

  @Test
  void authCore_dependsOnlyOnLowerModules() {
    ArchitectureRules.authCoreDependsOnlyDownward(ROOT).check(production);
  }

  @Test
  void standIns_buildOnJwtOnly_andOnlyTheDemoUsesThem() {
    ArchitectureRules.standInsBuildOnJwtOnly(ROOT).check(production);
    ArchitectureRules.onlyTheDemoUsesTheStandIns(ROOT).check(production);
  }

  @Test
  void toolsCore_dependsOnlyOnLowerModules() {
    ArchitectureRules.toolsCoreDependsOnlyDownward(ROOT).check(production);
  }

  @Test
  void httpServer_dependsOnNoOtherAdapter() {
    ArchitectureRules.httpServerIgnoresOtherAdapters(ROOT).check(production);
  }

  @Test
  void stdioServer_dependsOnNeitherJavalinNorHttpAdapter() {
    ArchitectureRules.stdioServerIgnoresHttp(ROOT).check(production);
  }

  @Test
  void diagnosticsCli_dependsOnNoServer() {
    ArchitectureRules.cliIgnoresServers(ROOT).check(production);
  }

  @Test
  void demo_usesOnlyTheHttpServerAndBelow() {
    ArchitectureRules.demoUsesHttpServerAndBelow(ROOT).check(production);
  }

  @Test
  void nothing_dependsOnTheDemo() {
    ArchitectureRules.nothingDependsOnTheDemo(ROOT).check(production);
  }

  @Test
  void everyClass_belongsToAModule() {
    ArchitectureRules.everyClassBelongsToAModule(ROOT).check(production);
  }

  @Test
  void internalPackages_areUsedOnlyByTheirOwnModule() {
    ArchitectureRules.internalPackagesStayInsideTheirModule(ROOT).check(production);
  }

  @Test
  void jjwtImplementation_isUsedOnlyInJwtInternals() {
    ArchitectureRules.jjwtImplementationOnlyInJwtInternals(ROOT).check(production);
  }

  @Test
  void classNames_avoidUtilsHelperAndImpl() {
    ArchitectureRules.noCatchAllClassNames(ROOT).check(production);
  }

  @Test
  void optional_isUsedOnlyAsReturnType() {
    ArchitectureRules.optionalOnlyAsReturnType(ROOT).check(production);
  }

  @Test
  void toolFamilies_neverUseEachOther() {
    ArchitectureRules.toolFamiliesNeverUseEachOther(ROOT).check(production);
  }

  @Test
  void engineInternals_areUsedOnlyByTheEngine() {
    ArchitectureRules.onlyTheEngineUsesItsInternals(ROOT).check(production);
  }

  @Test
  void familiesAndKits_areToolAuthorsNotEngines() {
    ArchitectureRules.familiesAndKitsAreToolAuthorsNotEngines(ROOT).check(production);
  }

  @Test
  void toolAuthorApi_standsAlone() {
    ArchitectureRules.toolAuthorApiStandsAlone(ROOT).check(production);
  }

  @Test
  void kitInternals_stayInTheirKit() {
    ArchitectureRules.kitInternalsStayInTheirKit(ROOT).check(production);
  }

  @Test
  void theFamiliesAndKits_areThere() {
    for (String name :
        new String[] {
          ROOT + ".tools.s3.S3Tools",
          ROOT + ".tools.diagnostics.DiagnosticsTools",
          ROOT + ".tools.conformance.ConformanceTools",
          ROOT + ".tools.schema.JsonSchema",
          ROOT + ".tools.aws.AwsClients",
          ROOT + ".tools.engine.McpEngine",
          ROOT + ".tools.assembly.QuiltTools"
        }) {
      assertTrue(
          production.contain(name), () -> name + " not imported: the rules would be vacuous");
    }
  }
}

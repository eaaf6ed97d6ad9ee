package com.quiltdata.mcp.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.properties.HasModifiers;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Optional;

/**
 * The module rules of quilt-mcp as ArchUnit rules.
 *
 * <p>Every factory takes the root package the modules hang off. Production code is checked with
 * {@code "com.quiltdata.mcp"}; the self-tests pass the root of a fixture tree that mirrors the
 * module packages, so the very same rule objects are shown to fail on deliberate violations.
 */
final class ArchitectureRules {

  /** Module sub-packages, relative to the root, in dependency order (lowest first). */
  static final List<String> MODULES =
      List.of(
          "jwt",
          "standins",
          "auth",
          "session.redis",
          "tools",
          "server.http",
          "server.stdio",
          "cli",
          "server.demo");

  /**
   * Tool families under {@code .tools}: each is a package with a public entry, a settings record
   * and a reason enum, and one final class per tool in its {@code .internal}.
   */
  static final List<String> TOOL_FAMILIES =
      List.of("s3", "diagnostics", "conformance", "packages", "athena", "tabulator");

  /** Kits under {@code .tools} that every family may use: written once, shared. */
  static final List<String> TOOL_KITS = List.of("schema", "aws", "catalog");

  private static final String AWS_SDK = "software.amazon..";
  private static final String AWS_SDK_V1 = "com.amazonaws..";
  private static final String CAFFEINE = "com.github.benmanes.caffeine..";
  private static final String JAVALIN = "io.javalin..";
  private static final String JETTY = "org.eclipse.jetty..";
  private static final String MCP_SDK = "io.modelcontextprotocol..";
  private static final String JJWT_IMPL = "io.jsonwebtoken.impl..";

  private ArchitectureRules() {}

  /** Every rule, for callers that want to run or list them all. */
  static List<ArchRule> all(String root) {
    return List.of(
        jwtCodecIsFreeOfInfrastructure(root),
        authCoreDependsOnlyDownward(root),
        sessionRedisBuildsOnAuthCoreOnly(root),
        toolsCoreDependsOnlyDownward(root),
        httpServerIgnoresOtherAdapters(root),
        stdioServerIgnoresHttp(root),
        cliIgnoresServers(root),
        demoUsesHttpServerAndBelow(root),
        nothingDependsOnTheDemo(root),
        standInsBuildOnJwtOnly(root),
        onlyTheDemoUsesTheStandIns(root),
        everyClassBelongsToAModule(root),
        internalPackagesStayInsideTheirModule(root),
        jjwtImplementationOnlyInJwtInternals(root),
        noCatchAllClassNames(root),
        optionalOnlyAsReturnType(root),
        toolFamiliesNeverUseEachOther(root),
        onlyTheEngineUsesItsInternals(root),
        familiesAndKitsAreToolAuthorsNotEngines(root),
        toolAuthorApiStandsAlone(root),
        kitInternalsStayInTheirKit(root));
  }

  // --- a. jwt-codec ---------------------------------------------------------------------------

  /** jwt-codec is pure token logic: no AWS, caches, web server, MCP, or any higher module. */
  static ArchRule jwtCodecIsFreeOfInfrastructure(String root) {
    return noClasses()
        .that()
        .resideInAPackage(pkg(root, "jwt"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            AWS_SDK,
            AWS_SDK_V1,
            CAFFEINE,
            JAVALIN,
            JETTY,
            MCP_SDK,
            pkg(root, "auth"),
            pkg(root, "tools"),
            pkg(root, "server"),
            pkg(root, "cli"))
        .because(
            "jwt-codec sits at the bottom of the module graph and must stay usable by the CLI,"
                + " benchmarks and tests without dragging in AWS, caching, HTTP or MCP");
  }

  // --- b. one-way module dependencies ---------------------------------------------------------

  /** auth-core may use jwt-codec, Caffeine and the AWS SDK; nothing above it, no web, no MCP. */
  static ArchRule authCoreDependsOnlyDownward(String root) {
    return noClasses()
        .that()
        .resideInAPackage(pkg(root, "auth"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            pkg(root, "session"),
            pkg(root, "tools"),
            pkg(root, "server"),
            pkg(root, "cli"),
            JAVALIN,
            JETTY,
            MCP_SDK)
        .because(
            "auth-core only knows jwt-codec; stores, tools and adapters build on it, not the reverse")
        .allowEmptyShould(true);
  }

  /**
   * session-redis implements auth-core's SessionStore and knows nothing else of the server: no
   * tokens' codec, no tools, no adapter, no web server, no AWS.
   */
  static ArchRule sessionRedisBuildsOnAuthCoreOnly(String root) {
    return noClasses()
        .that()
        .resideInAPackage(pkg(root, "session.redis"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            pkg(root, "jwt"),
            pkg(root, "standins"),
            pkg(root, "tools"),
            pkg(root, "server"),
            pkg(root, "cli"),
            JAVALIN,
            JETTY,
            MCP_SDK,
            AWS_SDK)
        .because(
            "the Redis store is one SessionStore among others: built on auth-core alone it can be"
                + " swapped, tested with the same contract and reused by any adapter")
        .allowEmptyShould(true);
  }

  /** tools-core is transport neutral: it may use auth-core and jwt-codec, never an adapter. */
  static ArchRule toolsCoreDependsOnlyDownward(String root) {
    return noClasses()
        .that()
        .resideInAPackage(pkg(root, "tools"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(pkg(root, "server"), pkg(root, "cli"), JAVALIN, JETTY)
        .because("the MCP engine and tools must run the same under HTTP, stdio and the CLI")
        .allowEmptyShould(true);
  }

  /** The HTTP adapter builds on tools-core; it must not reach into the other adapters. */
  static ArchRule httpServerIgnoresOtherAdapters(String root) {
    return noClasses()
        .that()
        .resideInAPackage(pkg(root, "server.http"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(pkg(root, "server.stdio"), pkg(root, "cli"), pkg(root, "server.demo"))
        .because("adapters are siblings on top of tools-core and never call one another")
        .allowEmptyShould(true);
  }

  /** The stdio adapter builds on tools-core; no web server and no HTTP adapter code. */
  static ArchRule stdioServerIgnoresHttp(String root) {
    return noClasses()
        .that()
        .resideInAPackage(pkg(root, "server.stdio"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            pkg(root, "server.http"), pkg(root, "server.demo"), pkg(root, "cli"), JAVALIN, JETTY)
        .because("desktop mode speaks JSON-RPC over stdin/stdout and must not start a web server")
        .allowEmptyShould(true);
  }

  /** The operator CLI may use jwt, auth and tools, but no server adapter and no web server. */
  static ArchRule cliIgnoresServers(String root) {
    return noClasses()
        .that()
        .resideInAPackage(pkg(root, "cli"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(pkg(root, "server"), JAVALIN, JETTY)
        .because("diagnostics run offline against the core modules, not through an adapter")
        .allowEmptyShould(true);
  }

  // --- the demo launcher -------------------------------------------------------------------------

  /** The demo may use the HTTP server and everything below it, never the other adapters or CLI. */
  static ArchRule demoUsesHttpServerAndBelow(String root) {
    return noClasses()
        .that()
        .resideInAPackage(pkg(root, "server.demo"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(pkg(root, "server.stdio"), pkg(root, "cli"))
        .because(
            "the demo starts the production HTTP server with embedded helpers; it has no business"
                + " with the stdio adapter or the operator CLI")
        .allowEmptyShould(true);
  }

  /** Nothing depends on the demo: it sits on top, so its S3Proxy never reaches production. */
  static ArchRule nothingDependsOnTheDemo(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .and()
        .resideOutsideOfPackage(pkg(root, "server.demo"))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(pkg(root, "server.demo"))
        .because(
            "the demo (and the embedded S3 server it brings) must never become part of a"
                + " production module")
        .allowEmptyShould(true);
  }

  // --- the local stand-ins
  // ------------------------------------------------------------------------

  /** The stand-ins know jwt-codec only: never the code they stand in for. */
  static ArchRule standInsBuildOnJwtOnly(String root) {
    return noClasses()
        .that()
        .resideInAPackage(pkg(root, "standins"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            pkg(root, "auth"), pkg(root, "tools"), pkg(root, "server"), pkg(root, "cli"))
        .because(
            "a stand-in plays the other side of a protocol; built on the server's own code it"
                + " would agree with the server's mistakes instead of catching them")
        .allowEmptyShould(true);
  }

  /** Only the demo's production code may use the stand-ins (tests may; they are not imported). */
  static ArchRule onlyTheDemoUsesTheStandIns(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .and()
        .resideOutsideOfPackages(pkg(root, "standins"), pkg(root, "server.demo"))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(pkg(root, "standins"))
        .because(
            "the stand-ins (and the engines they embed) must never become part of a production"
                + " module")
        .allowEmptyShould(true);
  }

  /**
   * Code under the root lives in one of the module packages; a package outside the table would
   * escape every rule above.
   */
  static ArchRule everyClassBelongsToAModule(String root) {
    String[] modulePackages = MODULES.stream().map(m -> pkg(root, m)).toArray(String[]::new);
    return classes()
        .that()
        .resideInAPackage(root + "..")
        .and()
        .doNotHaveSimpleName("package-info")
        .should()
        .resideInAnyPackage(modulePackages)
        .because("each module owns exactly one sub-package of " + root);
  }

  // --- c. .internal packages --------------------------------------------------------------------

  /** A module's {@code ..internal..} packages are used by that module only. */
  static ArchRule internalPackagesStayInsideTheirModule(String root) {
    CompositeArchRule rule = null;
    for (String module : MODULES) {
      ArchRule perModule =
          noClasses()
              .that()
              .resideOutsideOfPackage(pkg(root, module))
              .should()
              .dependOnClassesThat()
              .resideInAPackage(root + "." + module + "..internal..")
              .because("'internal' packages are implementation details of module " + module)
              .allowEmptyShould(true);
      rule = rule == null ? CompositeArchRule.of(perModule) : rule.and(perModule);
    }
    return rule.as("no module touches another module's ..internal.. packages");
  }

  // --- d. jjwt implementation classes -----------------------------------------------------------

  /** Only the verifier's internals may see jjwt's implementation classes. */
  static ArchRule jjwtImplementationOnlyInJwtInternals(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .and()
        .resideOutsideOfPackage(root + ".jwt.internal..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(JJWT_IMPL)
        .because(
            "io.jsonwebtoken.impl is not jjwt's public API; one place may depend on it so an"
                + " upgrade touches one place");
  }

  // --- e. class names ---------------------------------------------------------------------------

  /** No dumping-ground or implementation-suffix class names. */
  static ArchRule noCatchAllClassNames(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .should()
        .haveSimpleNameEndingWith("Utils")
        .orShould()
        .haveSimpleNameEndingWith("Helper")
        .orShould()
        .haveSimpleNameEndingWith("Impl")
        .orShould()
        .haveSimpleNameEndingWith("Manager")
        .because(
            "a class is named for what it does; Utils/Helper/Manager collect unrelated code and Impl"
                + " hides that the interface has no better name for its implementation");
  }

  // --- g. tool families, kits and the engine inside tools-core ----------------------------------

  /** A tool family never uses another: what two need goes to a kit, or into the assembly. */
  static ArchRule toolFamiliesNeverUseEachOther(String root) {
    CompositeArchRule rule = null;
    for (String family : TOOL_FAMILIES) {
      String[] others =
          TOOL_FAMILIES.stream()
              .filter(f -> !f.equals(family))
              .map(f -> pkg(root, "tools." + f))
              .toArray(String[]::new);
      ArchRule perFamily =
          noClasses()
              .that()
              .resideInAPackage(pkg(root, "tools." + family))
              .should()
              .dependOnClassesThat()
              .resideInAnyPackage(others)
              .because(
                  "tool families are written side by side on the shared kits; one family"
                      + " reaching into another couples their releases and their failure reasons")
              .allowEmptyShould(true);
      rule = rule == null ? CompositeArchRule.of(perFamily) : rule.and(perFamily);
    }
    return rule.as("no tool family depends on another tool family");
  }

  /** Only the engine package itself uses the engine's {@code .internal}. */
  static ArchRule onlyTheEngineUsesItsInternals(String root) {
    return noClasses()
        .that()
        .resideOutsideOfPackage(pkg(root, "tools.engine"))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(pkg(root, "tools.engine.internal"))
        .because(
            "the JSON-RPC engine's internals may change with every protocol revision; families,"
                + " kits and servers use its public types only")
        .allowEmptyShould(true);
  }

  /** Families and kits write tools against the tool-author API and never drive the engine. */
  static ArchRule familiesAndKitsAreToolAuthorsNotEngines(String root) {
    String[] families =
        java.util.stream.Stream.concat(TOOL_FAMILIES.stream(), TOOL_KITS.stream())
            .map(f -> pkg(root, "tools." + f))
            .toArray(String[]::new);
    return noClasses()
        .that()
        .resideInAnyPackage(families)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(pkg(root, "tools.engine"), pkg(root, "tools.assembly"))
        .because(
            "a tool sees its call through ToolContext; the engine and the assembly sit above the"
                + " families and wire them, never the reverse")
        .allowEmptyShould(true);
  }

  /** The tool-author API ({@code .tools} itself) depends on no family, kit, engine or assembly. */
  static ArchRule toolAuthorApiStandsAlone(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + ".tools")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            java.util.stream.Stream.concat(
                    java.util.stream.Stream.of("engine", "assembly"),
                    java.util.stream.Stream.concat(TOOL_FAMILIES.stream(), TOOL_KITS.stream()))
                .map(p -> pkg(root, "tools." + p))
                .toArray(String[]::new))
        .because("every family and the engine build on the tool-author API; it builds on nothing")
        .allowEmptyShould(true);
  }

  /** A kit's {@code .internal} is used by that kit only. */
  static ArchRule kitInternalsStayInTheirKit(String root) {
    CompositeArchRule rule = null;
    for (String kit : TOOL_KITS) {
      ArchRule perKit =
          noClasses()
              .that()
              .resideOutsideOfPackage(pkg(root, "tools." + kit))
              .should()
              .dependOnClassesThat()
              .resideInAPackage(pkg(root, "tools." + kit + ".internal"))
              .because("families use a kit through its public classes, so it can change inside")
              .allowEmptyShould(true);
      rule = rule == null ? CompositeArchRule.of(perKit) : rule.and(perKit);
    }
    return rule.as("no class outside a kit touches the kit's .internal");
  }

  // --- f. Optional ------------------------------------------------------------------------------

  /** {@link Optional} is for return values only: no fields and no parameters. */
  static ArchRule optionalOnlyAsReturnType(String root) {
    ArchRule fields =
        noFields()
            .that(notSynthetic())
            .and()
            .areDeclaredInClassesThat()
            .resideInAPackage(root + "..")
            .should()
            .haveRawType(Optional.class)
            .because("a field holds a value or null internally; Optional is a return-type idiom")
            .allowEmptyShould(true);
    ArchRule parameters =
        noCodeUnits()
            .that(notSynthetic())
            .and(notCapturingConstructor())
            .and()
            .areDeclaredInClassesThat()
            .resideInAPackage(root + "..")
            .should(haveAnOptionalParameter())
            .because("callers should not have to wrap arguments; overload or accept null instead")
            .allowEmptyShould(true);
    return CompositeArchRule.of(fields)
        .and(parameters)
        .as("java.util.Optional is used as a return type only, never for fields or parameters");
  }

  private static ArchCondition<JavaCodeUnit> haveAnOptionalParameter() {
    return new ArchCondition<>("declare a parameter of type " + Optional.class.getName()) {
      @Override
      public void check(JavaCodeUnit codeUnit, ConditionEvents events) {
        List<JavaClass> types = codeUnit.getRawParameterTypes();
        for (int i = 0; i < types.size(); i++) {
          boolean optional = types.get(i).isEquivalentTo(Optional.class);
          String message =
              String.format(
                  "%s %s parameter %d of type %s",
                  codeUnit.getDescription(),
                  optional ? "declares" : "does not declare",
                  i,
                  types.get(i).getName());
          events.add(new SimpleConditionEvent(codeUnit, optional, message));
        }
      }
    };
  }

  /**
   * Compiler-generated members (lambda bodies capturing an Optional local, for example) are not
   * something the author declared, so they are left out.
   */
  private static DescribedPredicate<HasModifiers> notSynthetic() {
    return DescribedPredicate.describe(
        "are not compiler-generated",
        member -> !member.getModifiers().contains(JavaModifier.SYNTHETIC));
  }

  /**
   * The constructor of an anonymous or local class receives the variables its body captures as
   * parameters the compiler adds; an Optional local used inside such a class is not a declared
   * Optional parameter. (An anonymous class cannot declare a constructor at all; a local class that
   * declares one with an Optional parameter slips through, which is an accepted blind spot.)
   */
  private static DescribedPredicate<JavaCodeUnit> notCapturingConstructor() {
    return DescribedPredicate.describe(
        "are not constructors of anonymous or local classes",
        unit ->
            !(unit.isConstructor()
                && (unit.getOwner().isAnonymousClass() || unit.getOwner().isLocalClass())));
  }

  private static String pkg(String root, String module) {
    return root + "." + module + "..";
  }
}

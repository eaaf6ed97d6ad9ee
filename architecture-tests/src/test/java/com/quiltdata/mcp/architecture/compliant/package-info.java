/**
 * A small code base that follows every architecture rule while using everything the rules allow:
 * downward module dependencies, a module's own {@code internal} package, jjwt internals inside
 * {@code jwt.internal}, Optional return values, and lambdas capturing an Optional. {@code
 * ArchitectureRulesFailTest} checks that no rule reports anything here, so a rule cannot pass its
 * self-test by failing on everything.
 */
package com.quiltdata.mcp.architecture.compliant;

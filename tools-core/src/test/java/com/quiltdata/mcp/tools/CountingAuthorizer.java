package com.quiltdata.mcp.tools;

import com.quiltdata.mcp.auth.AuthorizationDecision;
import com.quiltdata.mcp.auth.Authorizer;
import com.quiltdata.mcp.auth.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** An authorizer test double: a fixed verdict, counting checks and recording what it saw. */
public final class CountingAuthorizer implements Authorizer {
  private final AuthorizationDecision verdict;
  private final AtomicInteger checks = new AtomicInteger();
  private final List<String> seenTools = new ArrayList<>();
  private volatile Arguments lastArguments;

  private CountingAuthorizer(AuthorizationDecision verdict) {
    this.verdict = verdict;
  }

  public static CountingAuthorizer allowing() {
    return new CountingAuthorizer(AuthorizationDecision.allow());
  }

  public static CountingAuthorizer denying(AuthorizationDecision denial) {
    return new CountingAuthorizer(denial);
  }

  @Override
  public synchronized AuthorizationDecision check(
      Principal principal, String tool, Arguments arguments) {
    checks.incrementAndGet();
    seenTools.add(tool);
    lastArguments = arguments;
    return verdict;
  }

  public int checks() {
    return checks.get();
  }

  public synchronized List<String> seenTools() {
    return List.copyOf(seenTools);
  }

  public Arguments lastArguments() {
    return lastArguments;
  }
}

package com.quiltdata.mcp.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides whether a principal may run a tool with given arguments. Deny by default: unknown tools,
 * missing actions, and bucket arguments outside the token's bucket list are refused. {@code *} is
 * never a wildcard; empty permissions grant nothing.
 */
public interface Authorizer {
  /**
   * Checks one call.
   *
   * @param arguments the call's arguments, exactly as the tool will see them
   */
  AuthorizationDecision check(Principal principal, String tool, Arguments arguments);

  /** Read access to one call's arguments; the authorizer and the tool must see the same values. */
  interface Arguments {
    /** An argument's string value; {@code null} when absent or not a string. */
    String text(String name);

    /**
     * An argument's list of strings; {@code null} when absent or not a list. An element that is not
     * a string is {@code null} in the list (and is refused wherever it should name a bucket).
     */
    List<String> texts(String name);

    /**
     * Arguments from a map whose values are strings or lists of strings (for embedders and tests).
     */
    static Arguments of(Map<String, ?> values) {
      Map<String, ?> copy = Map.copyOf(values);
      return new Arguments() {
        @Override
        public String text(String name) {
          return name != null && copy.get(name) instanceof String s ? s : null;
        }

        @Override
        public List<String> texts(String name) {
          if (name == null || !(copy.get(name) instanceof List<?> list)) {
            return null;
          }
          List<String> out = new ArrayList<>(list.size());
          for (Object o : list) {
            out.add(o instanceof String s ? s : null);
          }
          return out;
        }
      };
    }

    /** No arguments at all. */
    static Arguments none() {
      return of(Map.of());
    }

    /** One string argument. */
    static Arguments single(String name, String value) {
      return of(Map.of(Objects.requireNonNull(name, "name"), value));
    }
  }
}

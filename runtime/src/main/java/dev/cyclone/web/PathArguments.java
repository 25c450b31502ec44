package dev.cyclone.web;

import java.util.List;
import java.util.Map;

/**
 * What a route's pattern captured from the request path, URL-decoded: Tornado's {@code path_args}
 * and {@code path_kwargs}. As in Tornado, a pattern with named groups ({@code (?<id>\d+)}) passes
 * them by name only; one without passes its groups by position. A group that did not take part in
 * the match is null.
 *
 * @param positional the groups, in order (empty when the pattern has named groups)
 * @param named the named groups, by name, in the order they appear in the pattern
 */
public record PathArguments(List<String> positional, Map<String, String> named) {
  /** No arguments. */
  public static final PathArguments NONE = new PathArguments(List.of(), Map.of());

  /** Copies the lists (which may hold nulls). */
  public PathArguments {
    positional = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(positional));
    named = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(named));
  }

  /** How many arguments there are, positional or named. */
  public int size() {
    return named.isEmpty() ? positional.size() : named.size();
  }

  /** The arguments in pattern order, whether positional or named. */
  public List<String> inOrder() {
    return named.isEmpty() ? positional : new java.util.ArrayList<>(named.values());
  }
}

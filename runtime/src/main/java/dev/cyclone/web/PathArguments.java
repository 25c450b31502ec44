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

  /**
   * The raw arguments for a verb method's parameters, called by generated dispatchers: by name when
   * the route's pattern has named groups, otherwise by position. Fails with an {@link
   * IllegalStateException} naming the rule when the route and the method do not fit together (a
   * server mistake, answered 500).
   */
  public String[] forParameters(String... names) {
    String[] out = new String[names.length];
    if (!named.isEmpty()) {
      for (int i = 0; i < names.length; i++) {
        if (!named.containsKey(names[i])) {
          throw new IllegalStateException("[PathArgs] the handler takes a parameter \"" + names[i]
              + "\" but the route's named groups are " + named.keySet()
              + "; name the groups after the parameters");
        }
        out[i] = named.get(names[i]);
      }
      return out;
    }
    if (positional.size() != names.length) {
      throw new IllegalStateException("[PathArgs] the handler takes " + names.length
          + " path arguments " + java.util.Arrays.toString(names) + " but its route captured "
          + positional.size() + "; make the pattern's groups match the method's parameters");
    }
    return positional.toArray(out);
  }
}

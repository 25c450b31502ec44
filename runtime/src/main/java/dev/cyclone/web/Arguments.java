package dev.cyclone.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reading request arguments the way Tornado's {@code get_argument} does: the last value wins,
 * values are stripped of surrounding whitespace, and control characters (other than tab and line
 * breaks) become spaces.
 */
final class Arguments {
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0e-\\x1f]");

  private Arguments() {}

  /** The last value of {@code name}, or throws {@link MissingArgumentError}. */
  static String required(Map<String, List<String>> source, String name) {
    List<String> values = all(source, name);
    if (values.isEmpty()) {
      throw new MissingArgumentError(name);
    }
    return values.get(values.size() - 1);
  }

  /** The last value of {@code name}, or {@code defaultValue}. */
  static String optional(Map<String, List<String>> source, String name, String defaultValue) {
    List<String> values = all(source, name);
    return values.isEmpty() ? defaultValue : values.get(values.size() - 1);
  }

  /** Every value of {@code name}, cleaned; empty if none. */
  static List<String> all(Map<String, List<String>> source, String name) {
    List<String> raw = source.get(name);
    if (raw == null) {
      return List.of();
    }
    List<String> clean = new ArrayList<>(raw.size());
    for (String v : raw) {
      clean.add(CONTROL.matcher(v).replaceAll(" ").strip());
    }
    return clean;
  }
}

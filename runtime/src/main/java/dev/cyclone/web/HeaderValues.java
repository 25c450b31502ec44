package dev.cyclone.web;

import dev.cyclone.httpserver.HttpDates;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.Date;

/**
 * Turns values into header text and refuses what would split a header: a CR or LF in a name or
 * value would let a value smuggle a header or a whole response (header injection).
 */
final class HeaderValues {
  private HeaderValues() {}

  /** {@code value} as header text: dates as HTTP dates, anything else by {@code toString()}. */
  static String format(String name, Object value) {
    if (value == null) {
      throw new IllegalArgumentException("[HeaderValue] header " + name + " needs a value, got null");
    }
    String text;
    if (value instanceof Instant) {
      text = HttpDates.format((Instant) value);
    } else if (value instanceof Date) {
      text = HttpDates.format(((Date) value).toInstant());
    } else if (value instanceof TemporalAccessor) {
      text = HttpDates.format(Instant.from((TemporalAccessor) value));
    } else {
      text = value.toString();
    }
    check(name, text);
    return text;
  }

  /** Fails with an {@link IllegalArgumentException} if the name or value holds CR or LF. */
  static void check(String name, String value) {
    if (name == null || name.isEmpty() || hasLineBreak(name) || name.indexOf(':') >= 0) {
      throw new IllegalArgumentException("[HeaderName] Unsafe header name: " + quote(name));
    }
    if (hasLineBreak(value)) {
      throw new IllegalArgumentException(
          "[HeaderValue] Unsafe value for header " + name + ": " + quote(value)
              + " contains CR or LF");
    }
  }

  static boolean hasLineBreak(String s) {
    return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
  }

  private static String quote(String s) {
    return s == null ? "null" : "\"" + s.replace("\r", "\\r").replace("\n", "\\n") + "\"";
  }
}

package dev.cyclone.web;

import dev.cyclone.httpserver.HttpDates;
import dev.cyclone.httpserver.HttpSyntax;
import dev.cyclone.httpserver.ResponseHeaders;
import io.netty.util.AsciiString;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.Date;

/**
 * Turns values into header text and refuses what would split a header or that no client should
 * be sent: a CR or LF would let a value smuggle a header or a whole response (header injection),
 * and a name must be a token.
 */
final class HeaderValues {
  private static final AsciiString CACHE_CONTROL = AsciiString.cached("Cache-Control");
  private static final AsciiString LOCATION = AsciiString.cached("Location");

  private HeaderValues() {}

  /**
   * The name a handler set, checked: Cyclone's own constant when {@code name} is the very literal
   * it stands for ({@code "Content-Type"}, spelled as Tornado does), else {@code name} once it has
   * passed {@link #check}. Literals are one object per spelling (JLS 3.10.5), so the constant is
   * found by reference, with no character read; a response's list of headers then finds the
   * default {@code Content-Type} it replaces by reference too. Checking and comparing the
   * characters was 2% of a loop's samples in the example's hello world (BENCHMARKS.md, issue 18).
   */
  @SuppressWarnings("StringEquality") // by reference on purpose; any other spelling is checked
  static CharSequence name(String name) {
    if (name == "Content-Type") {
      return ResponseHeaders.CONTENT_TYPE;
    } else if (name == "Cache-Control") {
      return CACHE_CONTROL;
    } else if (name == "Location") {
      return LOCATION;
    }
    checkName(name);
    return name;
  }

  /**
   * {@code value} as header text: dates as HTTP dates, anything else by {@code toString()}; the
   * name and the text {@link #check checked}.
   */
  static String format(String name, Object value) {
    checkName(name);
    return value(name, value);
  }

  /** {@code value} as the text of header {@code name}, whose name the caller checked. */
  static String value(String name, Object value) {
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
    checkValue(name, text);
    return text;
  }

  /**
   * Fails with an {@link IllegalArgumentException} unless the name is an HTTP token and the value
   * holds no control character but tab (RFC 9110 section 5). The response headers are not checked
   * again by Netty: this is the check.
   */
  static void check(String name, String value) {
    checkName(name);
    checkValue(name, value);
  }

  private static void checkName(String name) {
    if (name == null || !HttpSyntax.isToken(name)) {
      throw new IllegalArgumentException(
          "[HeaderName] Unsafe header name: "
              + quote(name)
              + "; a name is letters, digits and !#$%&'*+-.^_`|~ only");
    }
  }

  private static void checkValue(String name, String value) {
    if (hasControlCharacter(value)) {
      throw new IllegalArgumentException(
          "[HeaderValue] Unsafe value for header "
              + name
              + ": "
              + quote(value)
              + " contains a control character (CR, LF, NUL...)");
    }
  }

  /** True if {@code s} holds a character below 0x20 other than tab, or DEL. */
  static boolean hasControlCharacter(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  private static String quote(String s) {
    if (s == null) {
      return "null";
    }
    return "\"" + s.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0") + "\"";
  }
}

package dev.cyclone.httpserver;

import io.netty.handler.codec.DateFormatter;
import io.netty.util.AsciiString;
import java.time.Instant;
import java.util.Date;

/**
 * HTTP dates ({@code Tue, 15 Nov 1994 08:12:31 GMT}), and the {@code Date} header of the current
 * second, formatted once per second however many responses share it. Thread-safe.
 */
public final class HttpDates {
  private static volatile Cached cached = new Cached(-1, "", AsciiString.EMPTY_STRING);

  private HttpDates() {}

  /** The Date header value for now; recomputed at most once a second. */
  public static String now() {
    return current().text;
  }

  /** {@link #now()} as bytes: what the server writes, copied into the response as it is. */
  static AsciiString nowAscii() {
    return current().ascii;
  }

  private static Cached current() {
    long second = System.currentTimeMillis() / 1000;
    Cached c = cached;
    if (c.second != second) {
      String text = DateFormatter.format(new Date(second * 1000));
      c = new Cached(second, text, new AsciiString(text));
      cached = c;
    }
    return c;
  }

  /** {@code instant} as an HTTP date (to the second). */
  public static String format(Instant instant) {
    return DateFormatter.format(Date.from(instant));
  }

  /** An HTTP date parsed, or null if {@code text} is null or not a date. */
  public static Instant parse(String text) {
    if (text == null) {
      return null;
    }
    Date date = DateFormatter.parseHttpDate(text);
    return date == null ? null : date.toInstant();
  }

  private record Cached(long second, String text, AsciiString ascii) {}
}

package dev.cyclone.httpserver;

import io.netty.handler.codec.DateFormatter;
import io.netty.util.AsciiString;
import java.time.Instant;
import java.util.Date;

/**
 * HTTP dates ({@code Tue, 15 Nov 1994 08:12:31 GMT}), and the {@code Date} header of the current
 * second, formatted once per second however many responses share it. Thread-safe.
 *
 * <p>Whether the second has changed is asked of the monotonic clock the server reads anyway, so a
 * response's Date costs no clock read of its own; a step of the wall clock shows within a second.
 */
public final class HttpDates {
  private static volatile Cached cached;

  private HttpDates() {}

  /** The Date header value for now; recomputed at most once a second. */
  public static String now() {
    return current(System.nanoTime()).text;
  }

  /**
   * {@link #now()} as bytes, for a server that has just read the clock: {@code nanoTime} is
   * System.nanoTime() then, so the response's Date costs no second clock read.
   */
  static AsciiString nowAscii(long nanoTime) {
    return current(nanoTime).ascii;
  }

  private static Cached current(long nanoTime) {
    Cached c = cached;
    if (c == null || nanoTime - c.untilNanos >= 0) {
      long millis = System.currentTimeMillis();
      String text = DateFormatter.format(new Date(millis - millis % 1000));
      // valid until the wall clock's next second, measured on the monotonic clock
      c = new Cached(nanoTime + (1000 - millis % 1000) * 1_000_000L, text, new AsciiString(text));
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

  /** The header of one second, and when (System.nanoTime) that second ends. */
  private record Cached(long untilNanos, String text, AsciiString ascii) {}
}

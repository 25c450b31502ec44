package dev.cyclone.httpserver;

/**
 * What the server does with each finished response (Tornado's {@code log_function}), set with
 * {@link HTTPServerOptions.Builder#accessLog} or {@code AppSettings.Builder.logFunction}. Called on
 * the connection's loop as the response ends, for every request, those the server refuses itself
 * (400, 413, 431...) included: it must be quick and must not block; hand slow work to another
 * thread.
 *
 * <p>The default, {@link #slf4j()}, writes Tornado's line on the logger {@code dev.cyclone.access}
 * from a background thread; {@link #OFF} logs nothing.
 */
@FunctionalInterface
public interface AccessLogger {
  /** Logs nothing: the cheapest, for a server whose proxy logs. */
  AccessLogger OFF = record -> {};

  /** Called once per finished response, on its connection's loop. */
  void log(AccessRecord record);

  /**
   * The default: one line per response on the SLF4J logger {@code dev.cyclone.access} (successes
   * at INFO, 4xx at WARN, 5xx at ERROR, so that a log at WARN keeps only the failures), checked
   * against the logger's level on the loop and formatted and written by one background thread, at
   * most 10 ms after the response, so that a slow console or disk never stalls a loop. When the thread falls behind by more than
   * 4,096 hand-overs (each a loop's lines of one turn), further lines are dropped, not waited for,
   * and counted: a WARN {@code
   * [AccessLogDropped]} says how many.
   */
  static AccessLogger slf4j() {
    return AccessLog.INSTANCE;
  }
}

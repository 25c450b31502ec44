package dev.cyclone.httpserver;

/**
 * One finished response, as the server reports it to its {@link AccessLogger}: what was asked,
 * what was answered, and how long it took.
 *
 * @param status the response's status (101 for a connection handed to another protocol)
 * @param method the request method
 * @param uri the request target as sent
 * @param remoteIp the client's address ({@link HTTPServerOptions#xheaders()} applied)
 * @param startNanos {@link System#nanoTime()} when the request's first line was read
 * @param endNanos {@link System#nanoTime()} when the response ended
 */
public record AccessRecord(
    int status, String method, String uri, String remoteIp, long startNanos, long endNanos) {
  /** How long the request took, in milliseconds. */
  public double millis() {
    return (endNanos - startNanos) / 1e6;
  }

  /** Tornado's access line: {@code 200 GET /path (127.0.0.1) 1.23ms}. */
  public String line() {
    long hundredths = Math.round((endNanos - startNanos) / 10_000.0); // of a millisecond
    long whole = hundredths / 100;
    long fraction = hundredths % 100;
    // One concatenation (javac's invokedynamic strategy): it sizes the line exactly and fills it
    // once, where a StringBuilder grew and copied it; this runs once per request on the log's thread.
    return fraction < 10
        ? status + " " + method + " " + uri + " (" + remoteIp + ") " + whole + ".0" + fraction + "ms"
        : status + " " + method + " " + uri + " (" + remoteIp + ") " + whole + "." + fraction + "ms";
  }
}

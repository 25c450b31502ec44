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
    StringBuilder out = new StringBuilder(32 + method.length() + uri.length() + remoteIp.length());
    out.append(status).append(' ').append(method).append(' ').append(uri)
        .append(" (").append(remoteIp).append(") ")
        .append(hundredths / 100).append('.');
    long fraction = hundredths % 100;
    if (fraction < 10) {
      out.append('0');
    }
    return out.append(fraction).append("ms").toString();
  }
}

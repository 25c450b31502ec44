package dev.cyclone.httpserver;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per finished response on the logger {@code dev.cyclone.access}, as Tornado's {@code
 * log_request}: {@code 200 GET /path (127.0.0.1) 1.23ms}. Successes at INFO, 4xx at WARN, 5xx at
 * ERROR, so that a production log at WARN keeps only the failures.
 */
final class AccessLog {
  private static final Logger log = LoggerFactory.getLogger("dev.cyclone.access");

  private AccessLog() {}

  /** Called on the connection's loop when a response ends. */
  static void record(int status, String method, String uri, String remoteIp, long startNanos) {
    if (status < 400) {
      if (log.isInfoEnabled()) { // the clock is read only for a line that is written
        log.info(line(status, method, uri, remoteIp, startNanos));
      }
    } else if (status < 500) {
      log.warn(line(status, method, uri, remoteIp, startNanos));
    } else {
      log.error(line(status, method, uri, remoteIp, startNanos));
    }
  }

  private static String line(int status, String method, String uri, String ip, long startNanos) {
    double millis = (System.nanoTime() - startNanos) / 1e6;
    return String.format("%d %s %s (%s) %.2fms", status, method, uri, ip, millis);
  }
}

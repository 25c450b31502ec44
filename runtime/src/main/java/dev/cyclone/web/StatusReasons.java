package dev.cyclone.web;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The status line of a code: Netty's shared status for a code it knows (that one writes its line
 * from cached bytes), and {@code Unknown} as the reason of the others (as Tornado).
 */
final class StatusReasons {
  /** Netty's shared statuses by code, 100 to 599; null where Netty has none. */
  private static final HttpResponseStatus[] STANDARD = new HttpResponseStatus[500];

  static {
    for (int code = 100; code < 600; code++) {
      HttpResponseStatus status = HttpResponseStatus.valueOf(code);
      // valueOf answers its shared constant for a code it knows, and a fresh object otherwise.
      STANDARD[code - 100] = status == HttpResponseStatus.valueOf(code) ? status : null;
    }
  }

  private StatusReasons() {}

  /** The standard reason phrase of {@code code} (100–599), or {@code Unknown}. */
  static String of(int code) {
    HttpResponseStatus status = STANDARD[code - 100];
    return status == null ? "Unknown" : status.reasonPhrase();
  }

  /** The status to send for {@code code} (100–599) and {@code reason}; shared when standard. */
  static HttpResponseStatus status(int code, String reason) {
    HttpResponseStatus status = STANDARD[code - 100];
    return status != null && status.reasonPhrase().equals(reason)
        ? status
        : new HttpResponseStatus(code, reason);
  }
}

package dev.cyclone.web;

import io.netty.handler.codec.http.HttpResponseStatus;

/** The standard reason phrase of a status code, and {@code Unknown} for the others (as Tornado). */
final class StatusReasons {
  private StatusReasons() {}

  static String of(int code) {
    HttpResponseStatus status = HttpResponseStatus.valueOf(code);
    // valueOf answers its shared constant for a code it knows, and a fresh object otherwise.
    return status == HttpResponseStatus.valueOf(code) ? status.reasonPhrase() : "Unknown";
  }
}

package dev.cyclone.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thrown by a handler to answer with an HTTP error (Tornado's {@code tornado.web.HTTPError}). The
 * client gets the status and its reason through {@link RequestHandler#writeError}; the log message,
 * which may hold details the client must not see, goes only to the log.
 *
 * <pre>{@code
 * if (story == null) {
 *   throw new HTTPError(404, "no story %s", id);
 * }
 * }</pre>
 *
 * <p>Headers added with {@link #header} are sent with the error response (for example {@code
 * Allow} with a 405, {@code WWW-Authenticate} with a 401).
 */
public class HTTPError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String logMessage;
  private String reason;
  private final Map<String, String> headers = new LinkedHashMap<>();

  /** An error with {@code status} and nothing to log beyond the status. */
  public HTTPError(int status) {
    this(status, null);
  }

  /**
   * An error with {@code status}; {@code logMessage} (formatted with {@code args} as by {@link
   * String#format}, when there are any) goes to the log, never to the client.
   */
  public HTTPError(int status, String logMessage, Object... args) {
    super(describe(status, format(logMessage, args)), null, false, true);
    this.status = status;
    this.logMessage = format(logMessage, args);
  }

  private static String format(String message, Object[] args) {
    return message == null || args == null || args.length == 0 ? message : String.format(message, args);
  }

  private static String describe(int status, String logMessage) {
    return "HTTP " + status + (logMessage == null ? "" : ": " + logMessage);
  }

  /** The status code to answer with. */
  public int status() {
    return status;
  }

  /** The message for the log, or null. */
  public String logMessage() {
    return logMessage;
  }

  /** The reason phrase to send instead of the standard one, or null. */
  public String reason() {
    return reason;
  }

  /** Sends {@code reason} instead of the standard reason phrase; returns this error. */
  public HTTPError reason(String reason) {
    this.reason = reason;
    return this;
  }

  /** Adds a header to the error response; returns this error. */
  public HTTPError header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** The headers to send with the error response. */
  public Map<String, String> headers() {
    return Collections.unmodifiableMap(headers);
  }
}

package dev.cyclone.httpclient;

import java.util.Optional;

/**
 * A failed fetch: Tornado's {@code HTTPClientError}. For a response outside 2xx it carries that
 * response and its status code; for failures where no response came (timeouts, connection errors,
 * malformed responses) the code is 599 and {@link #getCause()} says what went wrong.
 *
 * <p>Every future returned by {@link AsyncHTTPClient#fetch} fails with this class or a subclass
 * ({@link HTTPTimeoutError}, {@link HTTPConnectionError}), or with a {@code CancellationException}
 * when the caller cancelled it.
 */
public class HTTPClientError extends RuntimeException {
  /** The code of a failure without an HTTP response, as in Tornado (and curl). */
  public static final int NO_RESPONSE = 599;

  private final int code;
  private final transient HTTPResponse response;

  /** A failure without a response: code 599. */
  public HTTPClientError(String message, Throwable cause) {
    super(message, cause);
    this.code = NO_RESPONSE;
    this.response = null;
  }

  /**
   * A failure with an HTTP status but no {@link HTTPResponse} to carry, such as a WebSocket upgrade
   * the server answered with something other than 101.
   */
  public HTTPClientError(int code, String message) {
    super(message);
    this.code = code;
    this.response = null;
  }

  /** The failure of a response with a non-2xx code; the message names the code and reason. */
  public HTTPClientError(HTTPResponse response) {
    super("HTTP " + response.code() + ": " + response.reason());
    this.code = response.code();
    this.response = response;
  }

  /** The response's status code, or 599 when no response came. */
  public int code() {
    return code;
  }

  /** The response that failed, when there was one. */
  public Optional<HTTPResponse> response() {
    return Optional.ofNullable(response);
  }
}

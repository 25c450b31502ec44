package dev.cyclone.httpclient;

/**
 * A fetch that ran out of time: waiting for a free client slot, connecting, or waiting for the
 * response (Tornado's {@code HTTPTimeoutError}). Its code is 599; the message says which phase.
 */
public final class HTTPTimeoutError extends HTTPClientError {
  /** A failure of this kind; {@code cause} may be null. */
  public HTTPTimeoutError(String message) {
    super(message, null);
  }
}

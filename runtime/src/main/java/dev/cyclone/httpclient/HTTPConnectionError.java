package dev.cyclone.httpclient;

/**
 * A fetch that failed on the network: the connection was refused or reset, the TLS handshake or
 * certificate check failed, the server closed the connection before the response was complete, or
 * the response could not be read. Its code is 599; {@link #getCause()} is the underlying error
 * (e.g. {@code java.net.ConnectException}, {@code javax.net.ssl.SSLHandshakeException}) when there
 * is one.
 */
public final class HTTPConnectionError extends HTTPClientError {
  /** A failure of this kind; {@code cause} may be null. */
  public HTTPConnectionError(String message, Throwable cause) {
    super(message, cause);
  }
}

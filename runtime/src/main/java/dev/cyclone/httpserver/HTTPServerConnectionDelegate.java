package dev.cyclone.httpserver;

/**
 * What an {@link HTTPServer} serves: the seam between the HTTP layer and the application layer
 * (Tornado's {@code HTTPServerConnectionDelegate}). {@code dev.cyclone.web.Application} is one.
 */
public interface HTTPServerConnectionDelegate {
  /**
   * Called when a request's headers have arrived, before {@link HTTPMessageDelegate#headersReceived},
   * on the connection's event loop. Returns the delegate that receives this one request; it answers
   * through {@code connection}.
   */
  HTTPMessageDelegate startRequest(HTTPConnection connection);
}

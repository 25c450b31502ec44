package dev.cyclone.websocket;

/**
 * Fails the future of a write, ping or read on a WebSocket that is closed or closing (Tornado's
 * {@code WebSocketClosedError}).
 */
public class WebSocketClosedError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WebSocketClosedError(String message) {
    super(message);
  }
}

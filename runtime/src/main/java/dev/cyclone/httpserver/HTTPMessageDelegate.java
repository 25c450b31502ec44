package dev.cyclone.httpserver;

import io.netty.buffer.ByteBuf;

/**
 * Receives one request as it arrives (Tornado's {@code HTTPMessageDelegate}). Every method is called
 * on the request's connection loop, in this order: {@code headersReceived}, {@code dataReceived}
 * any number of times, {@code finish}; or {@code onConnectionClose} at any point if the client goes
 * away before the response is finished.
 */
public interface HTTPMessageDelegate {
  /** Called once the request line and headers have been read. */
  void headersReceived(HTTPServerRequest request) throws Exception;

  /**
   * Called with each piece of the body, at most {@link HTTPServerOptions#chunkSize()} bytes. The
   * buffer belongs to the caller: copy what you keep (or {@code retain()} it) before returning.
   */
  void dataReceived(ByteBuf chunk) throws Exception;

  /** Called once the whole body has been read. */
  void finish() throws Exception;

  /** Called if the connection closes before the response is finished. */
  void onConnectionClose();
}

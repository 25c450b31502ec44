package dev.cyclone.httpserver;

import dev.cyclone.ioloop.IOLoop;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.CompletableFuture;

/**
 * The response side of one request: how the application layer writes its answer (Tornado's
 * {@code HTTPConnection}). The connection frames the body itself: a {@code Content-Length} header
 * if given, chunked encoding otherwise (close-delimited for an HTTP/1.0 client); nothing for HEAD,
 * 1xx, 204 and 304. Every method must be called on the connection's loop ({@link #ioLoop()}).
 *
 * <p>Buffers passed in are owned by the connection from then on.
 */
public interface HTTPConnection {
  /**
   * Starts the response: status line, headers, and optionally a first piece of body ({@code
   * chunk} may be null). Adds {@code Date} and the {@code Connection} header the request needs.
   * The future completes as {@link #write}'s does.
   */
  CompletableFuture<Void> writeHeaders(HttpResponseStatus status, HttpHeaders headers, ByteBuf chunk);

  /**
   * Writes a piece of body after {@link #writeHeaders}. The future is how a handler waits for a
   * slow client (backpressure): it completes at once while fewer than {@link
   * HTTPServerOptions#writeBufferHighWaterMark()} bytes wait for the client, and otherwise once the
   * client has read enough of them (below the low mark); it fails if the connection closes first.
   * Writing more than the announced Content-Length fails with an {@link IllegalStateException}.
   */
  CompletableFuture<Void> write(ByteBuf chunk);

  /**
   * Ends the response. The connection then serves the next request, or closes if the request or
   * the server asked for it. Calling it twice fails with an {@link IllegalStateException}.
   */
  CompletableFuture<Void> finish();

  /**
   * Sends a whole response at once: {@link #writeHeaders}, the body and {@link #finish} in one
   * message, which goes out in one write (headers and a small body in one buffer). Without a
   * {@code Content-Length} header it sends the body's length. Called once, instead of the other
   * three, by code that has the complete response in hand (a handler that never flushed). Fails as
   * they would: twice, or after {@link #writeHeaders}, with an {@link IllegalStateException}.
   */
  default CompletableFuture<Void> writeResponse(
      HttpResponseStatus status, HttpHeaders headers, ByteBuf body) {
    if (!headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
      headers.setInt(ResponseHeaders.CONTENT_LENGTH, body == null ? 0 : body.readableBytes());
    }
    writeHeaders(status, headers, body);
    return finish();
  }

  /**
   * {@link #writeResponse} for a caller that will not ask when the response was written (the
   * framework finishing a handler whose verb returned): the connection need not make a future to
   * tell it. Fails as {@code writeResponse} does.
   */
  default void sendResponse(HttpResponseStatus status, HttpHeaders headers, ByteBuf body) {
    writeResponse(status, headers, body);
  }

  /**
   * Takes the connection over from HTTP (Tornado's {@code HTTP1Connection.detach}), for a protocol
   * that tunnels over an HTTP handshake such as WebSocket. Call it on the loop once the request is
   * complete, before {@link #writeHeaders}: the HTTP handlers leave the pipeline and {@code
   * handlers} take their place, in order; the first receives the bytes that follow the request,
   * including any already read. The connection's HTTP timers stop, and the access log records the
   * request as {@code 101}. The caller owns the channel from then on and writes the handshake's
   * answer on it itself. Fails with an {@link IllegalStateException} after {@link #writeHeaders},
   * before the request body is in, or when called twice.
   */
  default Channel detach(ChannelHandler... handlers) {
    throw new UnsupportedOperationException(
        "[Detach] " + getClass().getName() + " cannot hand its connection over to another protocol");
  }

  /** Closes the connection at once: for a response that cannot be completed properly. */
  void abort();

  /** True once the client has gone away or the connection was closed. */
  boolean isClosed();

  /** True once {@link #writeHeaders} has been called. */
  boolean headersWritten();

  /**
   * Stops reading the request's body (flow control for a streaming handler): no more of it is
   * read from the socket until {@link #resumeReading()}, so a fast client waits for a slow
   * consumer. Pieces already read may still arrive. Called on the connection's loop.
   */
  default void pauseReading() {}

  /** Reads the request's body again after {@link #pauseReading()}. Called on the connection's loop. */
  default void resumeReading() {}

  /**
   * Sets the largest body this request may have, in place of {@link
   * HTTPServerOptions#maxBodySize()} (Tornado's {@code set_max_body_size}): called while its
   * headers are handled, for example in a streaming handler's {@code prepare()}, before the first
   * byte of body is read. A larger body is answered 413 and the connection closed.
   */
  default void setMaxBodySize(long bytes) {
    throw new UnsupportedOperationException("[MaxBodySize] " + getClass().getName() + " has no body limit to set");
  }

  /** The loop this connection lives on; all of its request's work runs there. */
  IOLoop ioLoop();
}

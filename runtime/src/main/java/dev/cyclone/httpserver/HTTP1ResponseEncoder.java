package dev.cyclone.httpserver;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Netty's response encoder for streamed responses, and a one-pass writer of {@link WholeResponse}s.
 *
 * <p>A streamed response tells the encoder itself when it answers a HEAD request: then the
 * encoder writes the headers (with the length a GET would have had) and no body, not even the
 * end of a chunked one.
 *
 * <p>Netty's {@code HttpServerCodec} learns that by queueing the method of every decoded request
 * and taking one off the queue per response; Cyclone's {@link HTTP1Exchange} already knows which
 * request it answers, so the server pairs this encoder with a plain {@code HttpRequestDecoder}
 * and spares every request the queue and the combined handler's extra dispatch. On the
 * connection's loop, as every handler.
 */
final class HTTP1ResponseEncoder extends HttpResponseEncoder {
  /**
   * Encodes a {@link WholeResponse} itself and hands everything else to Netty's encoder. A whole
   * response only comes between streamed ones (the exchange finishes one response before the
   * next starts), so Netty's encoder is between messages then and has no state to keep.
   */
  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (!(msg instanceof WholeResponse)) {
      super.write(ctx, msg, promise);
      return;
    }
    // An exception here fails the promise: Netty's context catches what write() throws.
    WholeResponse response = (WholeResponse) msg;
    if (!response.bodyApart()) {
      ctx.write(response.encode(ctx.alloc()), promise);
      return;
    }
    ByteBuf head;
    try {
      head = response.encode(ctx.alloc());
    } catch (Throwable t) {
      response.body().release();
      throw t;
    }
    ctx.write(head, ctx.voidPromise());
    ctx.write(response.body(), promise);
  }

  @Override
  protected boolean isContentAlwaysEmpty(HttpResponse msg) {
    return msg instanceof StreamedHead || super.isContentAlwaysEmpty(msg);
  }

  /** The headers of a streamed response to HEAD: no body follows, whatever they say. */
  static final class StreamedHead extends DefaultHttpResponse {
    StreamedHead(HttpResponseStatus status, HttpHeaders headers) {
      super(HttpVersion.HTTP_1_1, status, headers);
    }
  }
}

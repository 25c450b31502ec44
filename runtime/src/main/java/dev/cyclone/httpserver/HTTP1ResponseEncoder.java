package dev.cyclone.httpserver;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Netty's response encoder, told by the response itself when it answers a HEAD request: then the
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
  @Override
  protected boolean isContentAlwaysEmpty(HttpResponse msg) {
    return msg instanceof HeadResponse || super.isContentAlwaysEmpty(msg);
  }

  /** A response that carries no body whatever its headers say, as one to a HEAD request. */
  interface HeadResponse {}

  /** The headers of a streamed response to HEAD. */
  static final class StreamedHead extends DefaultHttpResponse implements HeadResponse {
    StreamedHead(HttpResponseStatus status, HttpHeaders headers) {
      super(HttpVersion.HTTP_1_1, status, headers);
    }
  }

  /** A whole response to HEAD: its headers, and an empty body. */
  static final class FullHead extends DefaultFullHttpResponse implements HeadResponse {
    FullHead(HttpResponseStatus status, HttpHeaders headers) {
      super(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER, headers, EmptyHttpHeaders.INSTANCE);
    }
  }
}

package dev.cyclone.httpserver;

import dev.cyclone.ioloop.IOLoop;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;

/**
 * Builds the pipeline of each accepted connection, on the connection's loop:
 *
 * <pre>
 *   [SslHandler (or SniHandler) → TlsFailureHandler if TLS]
 *     → HeaderTimeoutHandler → HttpRequestDecoder → HTTP1ResponseEncoder
 *     → [HttpContentDecompressor if decompressRequest] → HTTP1ServerHandler
 * </pre>
 *
 * <p>The decoder is strict: duplicate Content-Length values must agree, lines end in CRLF, and
 * Transfer-Encoding follows RFC 9112 (with Content-Length it is an error). It also sets the
 * connection's write-buffer watermarks.
 *
 * <p>It also makes the connection's loop known as an {@link IOLoop}, so that {@code
 * IOLoop.current()} in a handler answers the loop its connection lives on.
 */
final class HTTPServerInitializer extends ChannelInitializer<Channel> {
  private final HTTPServerConnectionDelegate delegate;
  private final HTTPServerOptions options;
  private final ChannelGroup connections;

  HTTPServerInitializer(
      HTTPServerConnectionDelegate delegate, HTTPServerOptions options, ChannelGroup connections) {
    this.delegate = delegate;
    this.options = options;
    this.connections = connections;
  }

  @Override
  protected void initChannel(Channel ch) {
    IOLoop.of(ch.eventLoop());
    connections.add(ch);
    HttpDecoderConfig decoder =
        new HttpDecoderConfig()
            .setMaxInitialLineLength(options.maxHeaderSize())
            .setMaxHeaderSize(options.maxHeaderSize())
            .setMaxChunkSize(options.chunkSize())
            .setAllowDuplicateContentLengths(true)
            .setStrictLineParsing(true)
            .setUseRfc9112TransferEncoding(true);
    ch.config()
        .setWriteBufferWaterMark(
            new WriteBufferWaterMark(
                options.writeBufferLowWaterMark(), options.writeBufferHighWaterMark()));
    ChannelPipeline p = ch.pipeline();
    TlsOptions tls = options.tls();
    if (tls != null) {
      p.addLast("tls", tls.newHandler(ch.alloc()));
      p.addLast("tls-failures", TlsFailureHandler.INSTANCE);
    }
    p.addLast("header-timeout", new HeaderTimeoutHandler(options.headerTimeout()));
    p.addLast("http-decoder", new HttpRequestDecoder(decoder));
    p.addLast("http-encoder", new HTTP1ResponseEncoder());
    if (options.decompressRequest()) {
      p.addLast("http-decompressor", new HttpContentDecompressor(0));
    }
    p.addLast("cyclone-http1", new HTTP1ServerHandler(delegate, options));
  }
}

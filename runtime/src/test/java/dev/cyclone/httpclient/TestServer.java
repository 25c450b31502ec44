package dev.cyclone.httpclient;

import dev.cyclone.ioloop.Transports;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small keep-alive HTTP/1.1 server on loopback for the client's tests, written on plain Netty (the
 * Cyclone server is built elsewhere). Routes are matched on the path; each sees the whole request.
 * Counts the connections it accepted and closed, to check the client's pooling.
 */
final class TestServer implements AutoCloseable {
  /** Answers a request; called on the server's event loop thread. */
  @FunctionalInterface
  interface Route {
    void handle(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder query)
        throws Exception;
  }

  final AtomicInteger accepted = new AtomicInteger();
  final AtomicInteger closed = new AtomicInteger();
  private final Map<String, Route> routes = new ConcurrentHashMap<>();
  private final EventLoopGroup group = Transports.newGroup(1, "test-server");
  private final Channel channel;
  private final boolean tls;

  TestServer() {
    this(null);
  }

  TestServer(SslContext sslContext) {
    this.tls = sslContext != null;
    channel =
        new ServerBootstrap()
            .group(group)
            .channel(Transports.serverChannelClass())
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    accepted.incrementAndGet();
                    ch.closeFuture().addListener(f -> closed.incrementAndGet());
                    if (sslContext != null) {
                      ch.pipeline().addLast(sslContext.newHandler(ch.alloc()));
                    }
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(1 << 20))
                        .addLast(new Dispatcher());
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .syncUninterruptibly()
            .channel();
  }

  /** Adds a route for {@code path}. */
  TestServer route(String path, Route route) {
    routes.put(path, route);
    return this;
  }

  int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** The absolute URL of {@code path} on this server. */
  String url(String path) {
    return (tls ? "https" : "http") + "://127.0.0.1:" + port() + path;
  }

  /** Sends a complete response, keeping the connection open when the request allows it. */
  static void respond(
      ChannelHandlerContext ctx, FullHttpRequest request, int status, String body, String... headers) {
    respond(ctx, request, status, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  static void respond(
      ChannelHandlerContext ctx, FullHttpRequest request, int status, byte[] body, String... headers) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      response.headers().add(headers[i], headers[i + 1]);
    }
    if (!request.method().name().equals("HEAD") || !response.headers().contains("Content-Length")) {
      HttpUtil.setContentLength(response, body.length);
    }
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, "close");
    }
    var write = ctx.writeAndFlush(response);
    if (!keepAlive) {
      write.addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private final class Dispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws Exception {
      QueryStringDecoder query = new QueryStringDecoder(request.uri());
      Route route = routes.get(query.path());
      if (route == null) {
        respond(ctx, request, 404, "no route for " + query.path());
      } else {
        route.handle(ctx, request.retain(), query);
        request.release();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}

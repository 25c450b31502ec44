package dev.cyclone.benchmarks.servers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hello world written the way Netty's own {@code HttpHelloWorldServer} example does it: {@code
 * HttpServerCodec}, {@code HttpServerExpectContinueHandler}, and a handler that writes a {@code
 * FullHttpResponse} for each request and flushes in {@code channelReadComplete}; keep-alive.
 *
 * <pre>
 *   NettyServer --port 8080 --loops 1 [--transport epoll|io_uring] [--sleep timer|virtual]
 * </pre>
 *
 * <p>Native epoll when available, NIO otherwise; {@code --transport io_uring} for io_uring. For
 * the held-requests test it also serves {@code /sleep?ms=N}: with {@code --sleep timer} the
 * response is scheduled on the loop (the floor: no per-request state but Netty's), with {@code
 * --sleep virtual} a virtual thread per request sleeps, then writes (JDK 21+; found by
 * reflection so that this compiles for Java 17); and {@code /heap}, the heap in use after full
 * collections; and {@code /active}, how many are held.
 */
public final class NettyServer {
  private static final byte[] CONTENT = ServerArgs.HELLO.getBytes(StandardCharsets.US_ASCII);
  /** Requests sleeping now: what {@code GET /active} answers. */
  static final AtomicInteger ACTIVE = new AtomicInteger();

  private NettyServer() {}

  /** Starts the server and runs until the process is killed. */
  public static void main(String[] args) throws Exception {
    ServerArgs a = ServerArgs.parse("NettyServer", args, "sleep", "transport");
    String sleep = a.get("sleep", "timer");
    ExecutorService virtualThreads = sleep.equals("virtual") ? VirtualThreads.perTaskExecutor() : null;
    boolean uring = a.get("transport", "epoll").equals("io_uring");
    boolean epoll = !uring && Epoll.isAvailable();
    IoHandlerFactory io =
        uring ? IoUringIoHandler.newFactory()
            : epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(a.loops, io);
    Class<? extends ServerChannel> channel =
        uring ? IoUringServerSocketChannel.class
            : epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    ServerBootstrap b =
        new ServerBootstrap()
            .option(ChannelOption.SO_BACKLOG, 1024)
            .group(group)
            .channel(channel)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpServerExpectContinueHandler())
                        .addLast(new HelloHandler(virtualThreads));
                  }
                });
    Channel ch = b.bind("127.0.0.1", a.port).sync().channel();
    ServerArgs.ready(
        ((java.net.InetSocketAddress) ch.localAddress()).getPort(),
        uring ? "io_uring" : epoll ? "epoll" : "nio");
    ch.closeFuture().sync();
  }

  /** Netty's HttpHelloWorldServerHandler, plus the two routes of the held-requests test. */
  static final class HelloHandler extends SimpleChannelInboundHandler<HttpObject> {
    private final ExecutorService virtualThreads;

    HelloHandler(ExecutorService virtualThreads) {
      this.virtualThreads = virtualThreads;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }

    @Override
    public void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
      if (msg instanceof HttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        String uri = req.uri();
        if (uri.startsWith("/sleep")) {
          sleep(ctx, uri, keepAlive);
          return;
        }
        if (uri.startsWith("/active")) {
          var f = ctx.write(response(Integer.toString(ACTIVE.get()).getBytes(StandardCharsets.US_ASCII), keepAlive));
          if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
          }
          return;
        }
        if (uri.startsWith("/heap")) {
          new Thread(() -> {
                byte[] used = Long.toString(Heap.usedAfterGc()).getBytes(StandardCharsets.US_ASCII);
                var f = ctx.writeAndFlush(response(used, keepAlive));
                if (!keepAlive) {
                  f.addListener(ChannelFutureListener.CLOSE);
                }
              })
              .start();
          return;
        }
        FullHttpResponse response = response(CONTENT, keepAlive);
        ChannelFutureListener close = keepAlive ? null : ChannelFutureListener.CLOSE;
        var f = ctx.write(response);
        if (close != null) {
          f.addListener(close);
        }
      }
    }

    private void sleep(ChannelHandlerContext ctx, String uri, boolean keepAlive) {
      List<String> ms = new QueryStringDecoder(uri).parameters().get("ms");
      long millis = ms == null ? 2000 : Long.parseLong(ms.get(0));
      byte[] body = ("slept " + millis + " ms").getBytes(StandardCharsets.US_ASCII);
      ACTIVE.incrementAndGet();
      if (virtualThreads == null) {
        ctx.executor()
            .schedule(
                () -> {
                  ACTIVE.decrementAndGet();
                  ctx.writeAndFlush(response(body, keepAlive));
                },
                millis,
                TimeUnit.MILLISECONDS);
      } else {
        virtualThreads.execute(
            () -> {
              try {
                Thread.sleep(millis);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              ACTIVE.decrementAndGet();
              ctx.writeAndFlush(response(body, keepAlive));
            });
      }
    }

    private static FullHttpResponse response(byte[] body, boolean keepAlive) {
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
              HttpResponseStatus.OK,
              Unpooled.wrappedBuffer(body));
      response
          .headers()
          .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
          .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
      if (!keepAlive) {
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      }
      return response;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}

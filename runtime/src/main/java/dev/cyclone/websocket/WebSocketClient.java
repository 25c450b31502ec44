package dev.cyclone.websocket;

import dev.cyclone.httpclient.HTTPConnectionError;
import dev.cyclone.httpclient.HTTPRequest;
import dev.cyclone.httpclient.HTTPTimeoutError;
import dev.cyclone.httpclient.TlsContexts;
import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.ioloop.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Opens client WebSockets (Tornado's {@code websocket_connect}):
 *
 * <pre>{@code
 * WebSocketClientConnection ws = await(WebSocketClient.connect("ws://127.0.0.1:8888/chat/socket"));
 * await(ws.writeMessage("hello"));
 * WebSocketMessage reply = await(ws.readMessage());   // null once the socket has closed
 * ws.close();
 * }</pre>
 *
 * <p>The connection lives on the loop of the calling thread (a handler's or a coroutine's loop), or
 * on the default loop when called from another thread; its future completes there. {@code wss://}
 * goes through the same TLS setup as {@code AsyncHTTPClient} (the request's {@code validateCert} or
 * {@code sslContext}). The request's headers are sent with the upgrade; its connect timeout bounds
 * the TCP (and TLS) connect and its request timeout the whole handshake.
 */
public final class WebSocketClient {
  /** Host names are resolved with the JDK's blocking resolver, off the loops. */
  private static final ExecutorService RESOLVER =
      Executors.newCachedThreadPool(new io.netty.util.concurrent.DefaultThreadFactory("cyclone-ws-resolver", true));

  private WebSocketClient() {}

  /** Connects to {@code url} ({@code ws://} or {@code wss://}) with the default options. */
  public static CompletableFuture<WebSocketClientConnection> connect(String url) {
    return connect(HTTPRequest.of(url), WebSocketClientOptions.defaults());
  }

  /** Connects as {@code request} says (URL, headers, timeouts, TLS), with the default options. */
  public static CompletableFuture<WebSocketClientConnection> connect(HTTPRequest request) {
    return connect(request, WebSocketClientOptions.defaults());
  }

  /**
   * Connects as {@code request} and {@code options} say. The future fails with {@link
   * HTTPConnectionError} when the server cannot be reached or the TLS handshake fails, {@link
   * HTTPTimeoutError} past a timeout, and {@code HTTPClientError} with the status when the server
   * answers the upgrade with anything but a valid 101.
   */
  public static CompletableFuture<WebSocketClientConnection> connect(
      HTTPRequest request, WebSocketClientOptions options) {
    URI uri = request.uri();
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean tls = scheme.equals("wss") || scheme.equals("https");
    if (!tls && !scheme.equals("ws") && !scheme.equals("http")) {
      throw new IllegalArgumentException(
          "[WebSocketScheme] a WebSocket URL starts with ws:// or wss://, got " + request.url());
    }
    IOLoop loop = IOLoop.current();
    CompletableFuture<WebSocketClientConnection> result = new CompletableFuture<>();
    loop.addCallback(() -> start(loop, request, options, uri, tls, result));
    return result;
  }

  private static void start(
      IOLoop loop,
      HTTPRequest request,
      WebSocketClientOptions options,
      URI uri,
      boolean tls,
      CompletableFuture<WebSocketClientConnection> result) {
    String host = uri.getHost();
    if (host == null) {
      result.completeExceptionally(new IllegalArgumentException("[WebSocketUrl] no host in " + request.url()));
      return;
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
    SslContext sslContext;
    try {
      sslContext = tls ? TlsContexts.forRequest(request) : null;
    } catch (Exception e) {
      result.completeExceptionally(new HTTPConnectionError("Cannot set up TLS: " + e, e));
      return;
    }
    String hostName = host;
    CompletableFuture<InetAddress> address =
        NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)
            ? CompletableFuture.completedFuture(NetUtil.createInetAddressFromIpAddressString(host))
            : loop.runInExecutor(RESOLVER, () -> InetAddress.getByName(hostName));
    io.netty.util.concurrent.ScheduledFuture<?> deadline =
        loop.eventLoop().schedule(
            () -> result.completeExceptionally(
                new HTTPTimeoutError("Timeout during the WebSocket handshake with " + request.url())),
            request.requestTimeout().toNanos(),
            TimeUnit.NANOSECONDS);
    result.whenComplete((c, t) -> deadline.cancel(false));
    address.whenComplete((resolved, failure) -> loop.addCallback(() -> {
      if (result.isDone()) {
        return;
      }
      if (failure != null) {
        result.completeExceptionally(new HTTPConnectionError("Cannot resolve " + hostName + ": " + failure, failure));
        return;
      }
      open(loop, request, options, new InetSocketAddress(resolved, port), hostName, sslContext, result);
    }));
  }

  private static void open(
      IOLoop loop,
      HTTPRequest request,
      WebSocketClientOptions options,
      InetSocketAddress address,
      String host,
      SslContext sslContext,
      CompletableFuture<WebSocketClientConnection> result) {
    ClientHandshaker handshaker = new ClientHandshaker(loop, request, options, result);
    ChannelFuture connect =
        new Bootstrap()
            .group(loop.eventLoop())
            .channel(Transports.socketChannelClass())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, request.connectTimeout().toMillis()))
            .handler(new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel ch) {
                if (sslContext != null) {
                  ch.pipeline().addLast("tls", sslContext.newHandler(ch.alloc(), host, address.getPort()));
                }
                ch.pipeline().addLast("http-codec", new HttpClientCodec());
                ch.pipeline().addLast("ws-handshake", handshaker);
              }
            })
            .connect(address);
    connect.addListener(f -> {
      if (!f.isSuccess()) {
        result.completeExceptionally(new HTTPConnectionError(
            "Cannot connect to " + address + ": " + f.cause(), f.cause()));
      }
    });
    result.whenComplete((c, t) -> {
      if (t != null) {
        connect.channel().close(); // a timeout or a refused upgrade: nothing more on this channel
      }
    });
  }
}

package dev.cyclone.websocket;

import dev.cyclone.httpclient.HTTPClientError;
import dev.cyclone.httpclient.HTTPConnectionError;
import dev.cyclone.httpclient.HTTPRequest;
import dev.cyclone.ioloop.IOLoop;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketClientExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionUtil;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateClientExtensionHandshaker;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The client's side of the opening handshake (RFC 6455 §4.1), as the last handler of a new
 * connection behind Netty's HTTP client codec: sends the upgrade request when the connection is
 * up, checks the server's 101 (status, {@code Upgrade}, {@code Connection}, {@code
 * Sec-WebSocket-Accept}, the subprotocol and extension chosen among those offered), then replaces
 * the HTTP handlers with the socket's and completes the connect future. Anything else fails it.
 * On the connection's loop.
 */
final class ClientHandshaker extends ChannelInboundHandlerAdapter {
  private final IOLoop loop;
  private final HTTPRequest request;
  private final WebSocketClientOptions options;
  private final CompletableFuture<WebSocketClientConnection> result;
  private final String key = Handshake.newKey();
  private final PerMessageDeflateClientExtensionHandshaker deflate;
  private boolean answered;

  ClientHandshaker(
      IOLoop loop,
      HTTPRequest request,
      WebSocketClientOptions options,
      CompletableFuture<WebSocketClientConnection> result) {
    this.loop = loop;
    this.request = request;
    this.options = options;
    this.result = result;
    CompressionOptions c = options.compression();
    this.deflate =
        c == null
            ? null
            : new PerMessageDeflateClientExtensionHandshaker(
                c.compressionLevel(), true, c.windowBits(), c.noContextTakeover(), false,
                options.maxMessageSize());
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    ctx.writeAndFlush(upgradeRequest());
    super.channelActive(ctx);
  }

  private FullHttpRequest upgradeRequest() {
    URI uri = request.uri();
    String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      target += "?" + uri.getRawQuery();
    }
    FullHttpRequest upgrade =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target, Unpooled.EMPTY_BUFFER);
    HttpHeaders h = upgrade.headers();
    h.add(request.headers());
    if (!h.contains(HttpHeaderNames.HOST)) {
      h.set(HttpHeaderNames.HOST, uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
    }
    if (request.userAgent() != null) {
      h.set(HttpHeaderNames.USER_AGENT, request.userAgent());
    }
    h.set(HttpHeaderNames.UPGRADE, "websocket");
    h.set(HttpHeaderNames.CONNECTION, "Upgrade");
    h.set(HttpHeaderNames.SEC_WEBSOCKET_KEY, key);
    h.set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
    if (!options.subprotocols().isEmpty()) {
      h.set(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, String.join(", ", options.subprotocols()));
    }
    if (deflate != null) {
      h.set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, Handshake.extensionHeader(deflate.newRequestData()));
    }
    return upgrade;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpResponse response && !answered) {
        answered = true;
        upgraded(ctx, response);
      }
    } catch (HandshakeRefused e) {
      result.completeExceptionally(new HTTPClientError(e.status, e.getMessage()));
      ctx.close();
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  /** Checks the server's answer and switches the connection over; throws when it is refused. */
  private void upgraded(ChannelHandlerContext ctx, HttpResponse response) throws HandshakeRefused {
    int status = response.status().code();
    HttpHeaders h = response.headers();
    if (status != 101) {
      throw new HandshakeRefused(status, "HTTP " + status + ": the server refused the WebSocket upgrade of " + request.url());
    }
    if (!"websocket".equalsIgnoreCase(String.valueOf(h.get(HttpHeaderNames.UPGRADE)).trim())
        || !Handshake.connectionUpgrade(h.getAll(HttpHeaderNames.CONNECTION))) {
      throw new HandshakeRefused(status, "[WebSocketHandshake] the 101 lacks Upgrade: websocket and Connection: Upgrade");
    }
    if (!Handshake.acceptFor(key).equals(String.valueOf(h.get(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT)).trim())) {
      throw new HandshakeRefused(status, "[WebSocketHandshake] wrong Sec-WebSocket-Accept from the server");
    }
    String subprotocol = h.get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
    if (subprotocol != null && !options.subprotocols().contains(subprotocol.trim())) {
      throw new HandshakeRefused(status, "[WebSocketHandshake] the server chose subprotocol \""
          + subprotocol + "\", which was not offered " + options.subprotocols());
    }
    WebSocketClientExtension extension = null;
    String extensions = h.get(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
    if (extensions != null) {
      List<WebSocketExtensionData> agreed = WebSocketExtensionUtil.extractExtensions(extensions);
      if (deflate == null || agreed.size() != 1
          || (extension = deflate.handshakeExtension(agreed.get(0))) == null) {
        throw new HandshakeRefused(status, "[WebSocketHandshake] the server chose extensions that were not offered: " + extensions);
      }
    }
    WebSocketClientConnection connection =
        new WebSocketClientConnection(loop, request.url(), subprotocol == null ? null : subprotocol.trim(), options.onMessage());
    WebSocketProtocol protocol =
        new WebSocketProtocol(connection.events(), true, extension != null, options.maxMessageSize(), 0,
            options.pingInterval(), options.pingTimeout());
    connection.attach(protocol);
    ChannelPipeline p = ctx.pipeline();
    HttpClientCodec codec = p.get(HttpClientCodec.class);
    codec.prepareUpgradeFrom(ctx); // from now on it passes bytes through, both ways
    String after = ctx.name();
    ChannelHandler[] handlers = Handshake.pipeline(true, extension, options.maxMessageSize(), protocol);
    for (int i = 0; i < handlers.length; i++) {
      p.addAfter(after, "ws-" + i, handlers[i]);
      after = "ws-" + i;
    }
    p.remove(this);
    // The codec leaves once its decode loop has returned; bytes after the 101 reach the frame
    // decoder either way.
    ctx.channel().eventLoop().execute(() -> {
      p.remove(codec);
      protocol.start(() -> null);
      if (!result.complete(connection)) {
        protocol.abort(); // timed out meanwhile
      }
    });
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    result.completeExceptionally(
        new HTTPConnectionError("The connection closed during the WebSocket handshake with " + request.url(), null));
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable reason = cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null
        ? cause.getCause() : cause;
    result.completeExceptionally(
        new HTTPConnectionError("WebSocket handshake with " + request.url() + " failed: " + reason, reason));
    ctx.close();
  }

  /** The server's answer cannot open a socket; {@code status} is what it sent. */
  private static final class HandshakeRefused extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    HandshakeRefused(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}

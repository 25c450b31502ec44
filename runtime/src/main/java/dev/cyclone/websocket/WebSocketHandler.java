package dev.cyclone.websocket;

import dev.cyclone.httpserver.HTTPServerRequest;
import dev.cyclone.web.HTTPError;
import dev.cyclone.web.HandlerDispatcher;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A WebSocket endpoint (Tornado's {@code tornado.websocket.WebSocketHandler}). Route it like any
 * handler; a browser's {@code new WebSocket(url)} or {@link WebSocketClient} upgrades the request,
 * and the socket lives on that connection's loop until either side closes it. Declare the methods
 * you need:
 *
 * <pre>{@code
 * public class EchoSocket extends WebSocketHandler {
 *   public void open(String room) {          // one parameter per group of the route's pattern
 *     writeMessage("welcome to " + room);
 *   }
 *
 *   public void onMessage(String message) {   // text messages; onMessage(byte[]) for binary ones
 *     writeMessage("echo: " + message);
 *   }
 *
 *   protected void onClose() {
 *     log.info("closed with {}", closeCode());
 *   }
 * }
 * }</pre>
 *
 * <p>{@code open(...)} and {@code onMessage(...)} are written like verbs: plain methods, {@code
 * @Coroutine} methods (returning a future), or {@code @Asynchronous} methods that call {@link
 * #done()} from their callback. The next message is not delivered until the previous call is done,
 * as in Tornado, so a handler sees its messages one at a time and in order. The processor
 * generates their dispatch; a class that declares neither {@code onMessage} closes the socket with
 * 1003 on a message it cannot take.
 *
 * <p>Lifecycle: {@code initialize}, {@code prepare} (which may refuse the upgrade with an {@link
 * HTTPError}), the handshake checks ({@link #checkOrigin}, {@link #selectSubprotocol}, {@link
 * #getCompressionOptions}), then {@code open}, the messages, and {@link #onClose()} exactly once,
 * however the socket ends. Everything runs on the connection's loop.
 *
 * <p>The protocol follows RFC 6455: fragmented messages are reassembled (control frames may come
 * between fragments), a message larger than {@link #maxMessageSize()} closes with 1009, invalid
 * UTF-8 in a text message with 1007, a protocol violation (bad opcode, an unmasked client frame)
 * with 1002; permessage-deflate (RFC 7692) when {@link #getCompressionOptions()} says so.
 */
public abstract class WebSocketHandler extends dev.cyclone.web.RequestHandler {
  /** RFC 6455 close codes. */
  public static final int NORMAL_CLOSURE = 1000;

  private WebSocketProtocol protocol;
  private String selectedSubprotocol;
  private CompletableFuture<Void> doneFuture;

  /** Handlers are created by the framework, once per connection. */
  protected WebSocketHandler() {}

  // ---- The upgrade -----------------------------------------------------------------------------

  /**
   * Answers the upgrade request (called by the framework for GET): checks it, calls the handshake
   * hooks, switches the connection to WebSocket and calls {@code open}. A request that is not a
   * WebSocket upgrade is answered 400 ({@code Upgrade}, {@code Connection}), 426 (an unsupported
   * {@code Sec-WebSocket-Version}) or 403 (an origin {@link #checkOrigin} refuses); a HEAD request
   * 405. The returned future is already complete: the HTTP request ends with the upgrade, and the
   * socket lives on by itself (so nothing of the request's handling stays reachable while it is
   * open).
   *
   * @param pathArgs what the route captured; {@code open} receives them, converted to its
   *     parameters' types
   */
  public final CompletableFuture<Void> get(String... pathArgs) {
    HTTPServerRequest request = request();
    if (!request.method().equals("GET")) {
      throw new HTTPError(405, "a WebSocket is opened with GET").header("Allow", "GET");
    }
    HttpHeaders headers = request.headers();
    String upgrade = headers.get(HttpHeaderNames.UPGRADE);
    if (upgrade == null || !upgrade.trim().equalsIgnoreCase("websocket")) {
      throw new HTTPError(400, "Can \"Upgrade\" only to \"WebSocket\".");
    }
    if (!Handshake.connectionUpgrade(headers.getAll(HttpHeaderNames.CONNECTION))) {
      throw new HTTPError(400, "\"Connection\" must be \"Upgrade\".");
    }
    String version = headers.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
    if (version == null || !version.trim().equals("13")) {
      throw new HTTPError(426, "unsupported Sec-WebSocket-Version " + version)
          .header("Sec-WebSocket-Version", "13");
    }
    String key = headers.get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
    if (!Handshake.validKey(key)) {
      throw new HTTPError(400, "missing or malformed Sec-WebSocket-Key");
    }
    String origin = headers.get(HttpHeaderNames.ORIGIN);
    if (origin == null) {
      origin = headers.get(HttpHeaderNames.SEC_WEBSOCKET_ORIGIN);
    }
    if (origin != null && !checkOrigin(origin)) {
      throw new HTTPError(403, "Cross origin websockets not allowed: " + origin);
    }
    List<String> offered = Handshake.tokens(headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL));
    if (!offered.isEmpty()) {
      String chosen = selectSubprotocol(offered);
      if (chosen != null && !offered.contains(chosen)) {
        throw new IllegalStateException(
            "[WebSocketSubprotocol] selectSubprotocol returned \"" + chosen
                + "\", which the client did not offer " + offered);
      }
      selectedSubprotocol = chosen;
    }
    WebSocketDispatcher<WebSocketHandler> dispatcher = webSocketDispatcher();
    Handshake.Accepted accepted =
        Handshake.accept(key, selectedSubprotocol, getCompressionOptions(),
            headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS), maxMessageSize(),
            upgradeHeaders());
    protocol =
        new WebSocketProtocol(
            new ServerEvents(this, dispatcher),
            false,
            accepted.hasExtension(),
            maxMessageSize(),
            maxWriteBufferSize(),
            pingInterval(),
            pingTimeout());
    Channel channel = detach(accepted.pipeline(protocol));
    channel.writeAndFlush(accepted.response(channel.alloc()));
    protocol.start(() -> dispatcher.open(this, pathArguments()));
    return CompletableFuture.completedFuture(null);
  }

  @SuppressWarnings("unchecked")
  private WebSocketDispatcher<WebSocketHandler> webSocketDispatcher() {
    HandlerDispatcher<?> d = dispatcher();
    if (d instanceof WebSocketDispatcher<?> w) {
      return (WebSocketDispatcher<WebSocketHandler>) w;
    }
    return ReflectiveWebSocketDispatcher.of(getClass());
  }

  // ---- Hooks -----------------------------------------------------------------------------------

  /**
   * Called once, on the loop, when the socket has closed: by either side, by a protocol error, or
   * because the client vanished. {@link #closeCode()} and {@link #closeReason()} say what the client
   * sent, if anything. A pending {@code open} or {@code onMessage} coroutine has been cancelled by
   * then (its {@code finally} blocks have run).
   */
  protected void onClose() {}

  /** Called on the loop for each ping the client sends; the pong has already been sent. */
  protected void onPing(byte[] data) {}

  /** Called on the loop for each pong the client sends. */
  protected void onPong(byte[] data) {}

  /**
   * Picks one of the subprotocols the client offered ({@code Sec-WebSocket-Protocol}, in its order),
   * or null for none; called during the handshake, only when the client offered some.
   */
  protected String selectSubprotocol(List<String> subprotocols) {
    return null;
  }

  /**
   * Whether to accept an upgrade from a page at {@code origin}; a refused one is answered 403. The
   * default accepts only the same host (the origin's host and port equal the request's {@code
   * Host}), as Tornado does: a page on another site cannot open sockets with the user's cookies.
   * Override to allow other sites.
   */
  protected boolean checkOrigin(String origin) {
    try {
      URI parsed = new URI(origin.trim());
      String host = parsed.getHost();
      if (host == null) {
        return false;
      }
      String originHost = parsed.getPort() < 0 ? host : host + ":" + parsed.getPort();
      String requestHost = request().host();
      return requestHost != null
          && originHost.toLowerCase(Locale.ROOT).equals(requestHost.toLowerCase(Locale.ROOT));
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  /**
   * The permessage-deflate settings for this socket, or null (the default) for no compression:
   * called during the handshake; compression is used when the client offers it too.
   */
  protected CompressionOptions getCompressionOptions() {
    return null;
  }

  /** The largest message accepted, in bytes; the application's {@code websocketMaxMessageSize}. */
  protected int maxMessageSize() {
    return application().settings().websocketMaxMessageSize();
  }

  /**
   * The most bytes of messages that may wait for a client that does not read them, 0 for no limit;
   * the application's {@code websocketMaxWriteBufferSize}.
   */
  protected long maxWriteBufferSize() {
    return application().settings().websocketMaxWriteBufferSize();
  }

  /** How often to ping the client; the application's {@code websocketPingInterval}. */
  protected Duration pingInterval() {
    return application().settings().websocketPingInterval();
  }

  /** How long a ping may go unanswered before closing; the application's setting. */
  protected Duration pingTimeout() {
    return application().settings().websocketPingTimeout();
  }

  // ---- Output ----------------------------------------------------------------------------------

  /**
   * Sends a text message. The future completes when the frame has been written to the socket, so
   * a handler sending a lot can wait on it instead of filling memory (backpressure); it fails with
   * {@link WebSocketClosedError} once the socket is closing or closed. May be called from any
   * thread (a room on one loop writing to members on others): off the socket's loop the write hops
   * there, and the future completes there.
   */
  public final CompletableFuture<Void> writeMessage(String message) {
    return protocol().writeText(message);
  }

  /** Sends a binary message; as {@link #writeMessage(String)}. */
  public final CompletableFuture<Void> writeMessage(byte[] message) {
    return protocol().writeBinary(message);
  }

  /** Sends a ping with {@code data} (at most 125 bytes); the client's pong calls {@link #onPong}. */
  public final CompletableFuture<Void> ping(byte[] data) {
    return protocol().ping(data);
  }

  /** Sends an empty ping. */
  public final CompletableFuture<Void> ping() {
    return ping(new byte[0]);
  }

  /** Closes with 1000 and no reason. */
  public final void close() {
    close(NORMAL_CLOSURE, null);
  }

  /**
   * Starts the closing handshake: sends a close frame with {@code code} (1000, or 3000–4999 for an
   * application's own) and {@code reason}, waits a few seconds for the client's, then closes the
   * connection. Idempotent; messages that arrive meanwhile are dropped. Any thread, as {@link
   * #writeMessage(String)}.
   */
  public final void close(int code, String reason) {
    if (protocol != null) {
      protocol.close(code, reason);
    }
  }

  /** The close code the client sent, or null (none yet, or it closed without one). */
  public final Integer closeCode() {
    return protocol == null ? null : protocol.closeCode();
  }

  /** The close reason the client sent, or null. */
  public final String closeReason() {
    return protocol == null ? null : protocol.closeReason();
  }

  /** The subprotocol {@link #selectSubprotocol} chose, or null. */
  public final String selectedSubprotocol() {
    return selectedSubprotocol;
  }

  /** True once the socket is closing or closed: writes fail from then on. */
  public final boolean isClosed() {
    return protocol == null || protocol.isClosing();
  }

  // ---- @Asynchronous support -------------------------------------------------------------------

  /**
   * Called by an {@code @Asynchronous open} or {@code onMessage} when its callback is done: the
   * next message is delivered then. On the loop.
   */
  public final void done() {
    CompletableFuture<Void> f = doneFuture;
    if (f == null) {
      throw new IllegalStateException(
          "[WebSocketDone] done() is for an @Asynchronous open or onMessage that has not called it yet");
    }
    doneFuture = null;
    f.complete(null);
  }

  /**
   * Called by the dispatcher just before an {@code @Asynchronous} open or onMessage: the future
   * that {@link #done()} completes.
   */
  public final CompletableFuture<Void> expectDone() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    doneFuture = f;
    return f;
  }

  // ---- Plumbing --------------------------------------------------------------------------------

  private WebSocketProtocol protocol() {
    if (protocol == null) {
      throw new IllegalStateException(
          "[WebSocketNotOpen] the socket is not open yet: write from open() or later");
    }
    return protocol;
  }

  /** Connects the protocol's events to this handler's methods. */
  private static final class ServerEvents implements WebSocketProtocol.Events {
    private final WebSocketHandler handler;
    private final WebSocketDispatcher<WebSocketHandler> dispatcher;

    ServerEvents(WebSocketHandler handler, WebSocketDispatcher<WebSocketHandler> dispatcher) {
      this.handler = handler;
      this.dispatcher = dispatcher;
    }

    @Override
    public boolean acceptsText() {
      return dispatcher.acceptsText();
    }

    @Override
    public boolean acceptsBinary() {
      return dispatcher.acceptsBinary();
    }

    @Override
    public CompletionStage<?> onText(String message) throws Exception {
      return dispatcher.onMessage(handler, message);
    }

    @Override
    public CompletionStage<?> onBinary(byte[] message) throws Exception {
      return dispatcher.onMessage(handler, message);
    }

    @Override
    public void onPing(byte[] data) {
      handler.onPing(data);
    }

    @Override
    public void onPong(byte[] data) {
      handler.onPong(data);
    }

    @Override
    public void onClose() {
      handler.onClose();
    }

    @Override
    public String describe() {
      return handler.request().summary();
    }
  }
}

package dev.cyclone.httpserver;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import dev.cyclone.ioloop.IOLoop;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the requests of one HTTP/1.x connection, one at a time and in order (Tornado's {@code
 * HTTP1ServerConnection}). Sits after Netty's decoder and {@link HTTP1ResponseEncoder} (and the
 * optional decompressor):
 *
 * <pre>
 *   HttpRequestDecoder → HTTP1ResponseEncoder → [HttpContentDecompressor] → HTTP1ServerHandler
 *     → HTTPServerConnectionDelegate
 * </pre>
 *
 * <p>It enforces the limits (431, 414, 413, 400 for what the decoder or {@link RequestValidator}
 * rejects, 408 for a header or body that takes too long), answers {@code Expect: 100-continue},
 * keeps pipelined requests waiting until the response before them is finished (so responses go out
 * in order), closes the connection when HTTP/1.0, {@code Connection: close} or the server ask for
 * it, closes a keep-alive connection left idle too long, and on {@link #shutDown()} finishes what
 * it has accepted and then closes.
 *
 * <p>Flushing: a response finished while its connection's bytes are being read is flushed once the
 * read batch ends ({@code channelReadComplete}), with the others of that batch; one finished later
 * (by a coroutine or a callback) is flushed at once; pieces written by {@code writeHeaders} and
 * {@code write} go out together at the end of the loop task that wrote them. One system call per
 * response or fewer, and no task for a response sent in one piece.
 *
 * <p>One instance per connection; all of it runs on the connection's loop.
 */
final class HTTP1ServerHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(HTTP1ServerHandler.class);

  /** Decoded messages of later requests held while one is served; past this, reading pauses. */
  private static final int MAX_PENDING = 32;

  private final HTTPServerConnectionDelegate delegate;
  private final HTTPServerOptions options;

  private ChannelHandlerContext ctx;
  /** The connection's loop, looked up once (every response asks for it, some several times). */
  private IOLoop loop;
  /** The request being served: read or answered, not both finished yet. */
  private HTTP1Exchange current;
  /** Messages that arrived for pipelined requests while {@link #current} was being answered. */
  private final ArrayDeque<Object> pending = new ArrayDeque<>(0); // grows only when pipelined
  private boolean draining;
  private boolean closing;
  /** Set by {@link #shutDown()}: serve what was accepted, read nothing more, then close. */
  private boolean shuttingDown;
  private long bodyBytes;
  /**
   * The idle check: one timer for the life of the connection, not one per request (scheduling and
   * cancelling a timer for each request was a measurable part of serving one). It re-arms itself
   * for what is left of the timeout while the connection is busy or has not been idle long enough.
   */
  private ScheduledFuture<?> idleTimer;
  /** When the connection last became idle (System.nanoTime), meaningful while current is null. */
  private long idleSince;
  private ScheduledFuture<?> bodyTimer;
  private HeaderTimeoutHandler headerTimeout;
  private WritabilityWaiters writability;
  /** The peer, worked out once per connection (unless {@code xheaders} makes it per request). */
  private ClientAddress peer;
  /** "https" or "http": what the connection itself speaks, found at its first request. */
  private String connectionProtocol;
  /** True from a read until its read batch is complete: a flush then waits for the batch's end. */
  private boolean reading;
  /** Written but not yet flushed: a flush is due at the end of the read batch or loop task. */
  private boolean flushPending;
  private final Runnable flushTask = this::flushNow;
  private final Runnable drainTask = this::drainPending;

  HTTP1ServerHandler(HTTPServerConnectionDelegate delegate, HTTPServerOptions options) {
    this.delegate = delegate;
    this.options = options;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.headerTimeout = ctx.pipeline().get(HeaderTimeoutHandler.class); // absent in codec tests
    this.writability = new WritabilityWaiters(ctx.channel());
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    armIdleTimer(System.nanoTime());
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    reading = true;
    if (closing) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (!pending.isEmpty() || (current != null && current.requestComplete)) {
      // A pipelined request: it waits until the response before it is finished.
      pending.add(msg);
      if (pending.size() >= MAX_PENDING) {
        ctx.channel().config().setAutoRead(false);
      }
      return;
    }
    handle(msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    reading = false;
    if (flushPending) {
      flushNow();
    }
    super.channelReadComplete(ctx);
  }

  /**
   * Has what the current exchange wrote flushed soon, in one syscall with whatever else is written
   * meanwhile: at the end of the read batch when called while requests are being read (as Netty's
   * examples flush in channelReadComplete), otherwise at the end of the current loop task.
   */
  void flushSoon() {
    if (flushPending) {
      return;
    }
    flushPending = true;
    if (!reading) {
      ctx.executor().execute(flushTask);
    }
  }

  /**
   * A response's last piece was written: flushed at the end of the read batch if one is being
   * read, otherwise at once, since nothing more of it is coming (a response finished by a
   * coroutine or callback needs no flush task of its own).
   */
  void flushLast() {
    if (reading) {
      flushPending = true;
    } else {
      flushPending = false;
      ctx.flush();
    }
  }

  private void flushNow() {
    if (flushPending) {
      flushPending = false;
      ctx.flush();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    closing = true;
    reading = false;
    cancelIdleTimer();
    cancelBodyTimer();
    releasePending();
    writability.closed();
    HTTP1Exchange exchange = current;
    current = null;
    if (exchange != null) {
      exchange.connectionClosed();
    }
    super.channelInactive(ctx);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    writability.writabilityChanged();
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt == HeaderTimeoutHandler.EXPIRED && !closing) {
      log.debug("Closing {}: request headers not received within {}", ctx.channel(), options.headerTimeout());
      reject(HttpResponseStatus.REQUEST_TIMEOUT, "-", "-", System.nanoTime());
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  /** The connection's loop. */
  IOLoop loop() {
    IOLoop l = loop;
    if (l == null) {
      l = IOLoop.of(ctx.channel().eventLoop());
      loop = l;
    }
    return l;
  }

  /** The futures {@link HTTP1Exchange} hands back for its writes. */
  WritabilityWaiters writability() {
    return writability;
  }

  /**
   * Begins a graceful close, on the connection's loop ({@link HTTPServer#stop(java.time.Duration)}
   * calls it): reads nothing more; an idle connection closes now; a request in flight, and any
   * complete requests already read behind it, are answered, the last with {@code Connection:
   * close}, and then the connection closes.
   */
  void shutDown() {
    if (shuttingDown || closing) {
      return;
    }
    shuttingDown = true;
    ctx.channel().config().setAutoRead(false);
    if (current == null && !hasPendingRequest()) {
      closing = true;
      releasePending();
      ctx.close();
    } else if (current != null && !current.headersWritten() && !hasPendingRequest()) {
      current.keepAlive = false;
    }
  }

  private boolean hasPendingRequest() {
    for (Object msg : pending) {
      if (msg instanceof HttpRequest) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      log.debug("Connection error on {}: {}", ctx.channel(), cause.toString());
    } else {
      log.warn("Unexpected error on {}; closing", ctx.channel(), cause);
    }
    ctx.close();
  }

  private void handle(Object msg) {
    try {
      if (msg instanceof HttpRequest) {
        startRequest((HttpRequest) msg);
      } else if (msg instanceof HttpContent && current != null && !current.requestComplete) {
        DecoderResult result = ((HttpContent) msg).decoderResult();
        if (result.isFailure()) {
          // A malformed chunk: the rest of the stream cannot be framed, so this request ends here.
          log.debug("Malformed body on {}: {}", ctx.channel(), result.cause().toString());
          abandonRequest(HttpResponseStatus.BAD_REQUEST);
        } else {
          bodyReceived((HttpContent) msg);
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void startRequest(HttpRequest req) {
    long startNanos = headerTimeout != null ? headerTimeout.headersReceived() : System.nanoTime();
    String method = methodName(req.method());
    DecoderResult result = req.decoderResult();
    if (result.isFailure()) {
      Throwable cause = result.cause();
      HttpResponseStatus status =
          cause instanceof TooLongHttpHeaderException
              ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
              : cause instanceof TooLongHttpLineException
                  ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                  : HttpResponseStatus.BAD_REQUEST;
      log.debug("Malformed request on {}: {}", ctx.channel(), cause.toString());
      reject(status, method, req.uri(), startNanos);
      return;
    }
    String problem = RequestValidator.problem(req, options.decompressRequest());
    if (problem != null) {
      log.debug("Bad request on {}: {}", ctx.channel(), problem);
      reject(HttpResponseStatus.BAD_REQUEST, method, req.uri(), startNanos);
      return;
    }
    HttpVersion version = req.protocolVersion();
    boolean http11 = version == HttpVersion.HTTP_1_1 || version.equals(HttpVersion.HTTP_1_1);
    boolean keepAlive =
        !options.noKeepAlive()
            && HttpUtil.isKeepAlive(req)
            && !(shuttingDown && !hasPendingRequest());
    HTTP1Exchange exchange =
        new HTTP1Exchange(this, ctx, isHead(req.method()), http11, keepAlive);
    ClientAddress client = clientAddress(req);
    HTTPServerRequest request =
        new HTTPServerRequest(
            method,
            req.uri(),
            req.protocolVersion().text(),
            req.headers(),
            client.remoteIp(),
            client.protocol(),
            exchange,
            startNanos);
    exchange.request = request;
    current = exchange;
    bodyBytes = 0;

    // The decoder has checked Content-Length is one number, and RequestValidator that a
    // Transfer-Encoding, if any, is just chunked: each is one lookup here.
    String length = req.headers().get(HttpHeaderNames.CONTENT_LENGTH);
    long contentLength = length == null ? -1L : Long.parseLong(length.trim());
    boolean hasBody = contentLength > 0 || req.headers().contains(HttpHeaderNames.TRANSFER_ENCODING);
    String expect = req.headers().get(HttpHeaderNames.EXPECT);
    if (expect != null && !HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect.trim())) {
      reject(HttpResponseStatus.EXPECTATION_FAILED, method, req.uri(), request.startNanos());
      return;
    }
    if (hasBody) {
      armBodyTimer(exchange);
    }
    try {
      exchange.delegate = delegate.startRequest(exchange);
      exchange.delegate.headersReceived(request); // a streaming handler's prepare() may set the limit
    } catch (Throwable t) {
      internalError(exchange, t);
      return;
    }
    if (current != exchange || exchange.finished()) {
      return; // answered already (a streaming handler's prepare()): its body is never read
    }
    if (contentLength > exchange.maxBodySize(options.maxBodySize())) {
      abandonRequest(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
      return;
    }
    if (expect != null && http11 && hasBody && !exchange.headersWritten()) {
      // the body is wanted: say so now (after the handler's prepare(), for a streaming one)
      ctx.writeAndFlush(
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
    }
  }

  /** Where finished responses are reported. */
  AccessLogger accessLogger() {
    return options.accessLog();
  }

  /** Stops reading the socket while a streaming handler digests a piece of body. */
  void pauseBody(HTTP1Exchange exchange) {
    if (exchange == current && !closing && !exchange.requestComplete) {
      ctx.channel().config().setAutoRead(false);
    }
  }

  /** Reads again after {@link #pauseBody}. */
  void resumeBody(HTTP1Exchange exchange) {
    if (exchange == current && !closing && !shuttingDown && !exchange.requestComplete) {
      ctx.channel().config().setAutoRead(true);
      ctx.read();
    }
  }

  /**
   * The method's name: for the standard methods the string literal itself, so that everything
   * that asks {@code method.equals("GET")} afterwards finds the same object and compares no
   * characters.
   */
  static String methodName(HttpMethod method) {
    if (method == HttpMethod.GET) {
      return "GET";
    } else if (method == HttpMethod.POST) {
      return "POST";
    } else if (method == HttpMethod.HEAD) {
      return "HEAD";
    } else if (method == HttpMethod.PUT) {
      return "PUT";
    } else if (method == HttpMethod.DELETE) {
      return "DELETE";
    } else if (method == HttpMethod.PATCH) {
      return "PATCH";
    } else if (method == HttpMethod.OPTIONS) {
      return "OPTIONS";
    }
    return method.name();
  }

  /** HEAD, by identity for the decoder's constants (GET, the usual answer, reads nothing). */
  private static boolean isHead(HttpMethod method) {
    return method == HttpMethod.HEAD || (method != HttpMethod.GET && HttpMethod.HEAD.equals(method));
  }

  private ClientAddress clientAddress(HttpRequest req) {
    if (connectionProtocol == null) {
      // https when TLS runs under us (an SniHandler has replaced itself by an SslHandler by the
      // first request, and the pipeline's TLS does not change after it)
      connectionProtocol = ctx.pipeline().get(SslHandler.class) != null ? "https" : "http";
    }
    if (options.xheaders()) {
      return ClientAddress.of(
          ctx.channel().remoteAddress(),
          req.headers(),
          true,
          options.trustedDownstream(),
          connectionProtocol);
    }
    if (peer == null) {
      peer =
          ClientAddress.of(
              ctx.channel().remoteAddress(), req.headers(), false, Set.of(), connectionProtocol);
    }
    return peer;
  }

  /**
   * Gives up on the request being read: its delegate sees {@code onConnectionClose} (the request
   * will never complete), and the client gets {@code status} and a closed connection.
   */
  private void abandonRequest(HttpResponseStatus status) {
    HTTP1Exchange exchange = current;
    cancelBodyTimer();
    exchange.connectionClosed();
    HTTPServerRequest r = exchange.request;
    reject(status, r.method(), r.uri(), r.startNanos());
  }

  private void bodyReceived(HttpContent content) {
    HTTP1Exchange exchange = current;
    ByteBuf data = content.content();
    bodyBytes += data.readableBytes();
    if (bodyBytes > exchange.maxBodySize(options.maxBodySize())) {
      abandonRequest(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
      return;
    }
    try {
      if (data.isReadable()) {
        exchange.delegate.dataReceived(data);
      }
      if (content instanceof LastHttpContent) {
        cancelBodyTimer();
        exchange.requestComplete = true;
        exchange.delegate.finish();
      }
    } catch (Throwable t) {
      internalError(exchange, t);
    }
  }

  /**
   * Called by an exchange when its response is finished at {@code now} (System.nanoTime): {@code
   * written} is the write of its last piece (a void one when nobody waits for it), null if the
   * connection is already closed. Closes the connection or goes on with the next request.
   */
  void responseFinished(HTTP1Exchange exchange, ChannelFuture written, long now) {
    if (exchange != current) {
      return; // a response finished after the connection gave up on it
    }
    if (!exchange.keepAlive
        || !exchange.requestComplete
        || written == null
        || (shuttingDown && !hasPendingRequest())) {
      // Close once the response is out; a request whose body was not read closes too, since its
      // remaining bytes would be taken for the next request.
      closing = true;
      releasePending();
      if (written != null) {
        // a response written without a promise is followed by an empty write that has one
        (written.isVoid() ? ctx.writeAndFlush(Unpooled.EMPTY_BUFFER) : written)
            .addListener(ChannelFutureListener.CLOSE);
      }
      return;
    }
    current = null;
    if (pending.isEmpty()) {
      resumeReading();
      awaitNextRequest(now);
    } else {
      // The next request starts in a task of its own, after the code that finished this one.
      ctx.executor().execute(drainTask);
    }
  }

  /**
   * Hands the connection over to another protocol ({@link HTTPConnection#detach}): stops the
   * timers, takes the HTTP handlers out of the pipeline (this one included) and puts {@code
   * handlers} in their place. The request decoder is replaced last, so that the bytes it holds
   * past the request go to {@code handlers[0]} with the others already in place behind it.
   */
  Channel detach(HTTP1Exchange exchange, ChannelHandler[] handlers) {
    if (exchange != current || closing) {
      throw new IllegalStateException("[DetachStale] the connection is no longer serving this request");
    }
    closing = true;
    current = null;
    cancelIdleTimer();
    cancelBodyTimer();
    releasePending(); // requests pipelined behind an upgrade are not answered
    flushNow();
    ChannelPipeline p = ctx.pipeline();
    Channel channel = ctx.channel();
    for (Class<? extends ChannelHandler> http :
        java.util.List.of(
            HeaderTimeoutHandler.class,
            HTTP1ResponseEncoder.class,
            io.netty.handler.codec.http.HttpContentDecompressor.class)) {
      if (p.get(http) != null) {
        p.remove(http);
      }
    }
    ChannelHandlerContext decoder = p.context(HttpRequestDecoder.class);
    String after = decoder.name();
    for (int i = 1; i < handlers.length; i++) {
      String name = "detached-" + i;
      p.addAfter(after, name, handlers[i]);
      after = name;
    }
    p.remove(this);
    if (!channel.config().isAutoRead()) {
      channel.config().setAutoRead(true);
    }
    p.replace(decoder.name(), "detached-0", handlers[0]);
    return channel;
  }

  private void drainPending() {
    if (draining) {
      return; // the loop below, further up the stack, goes on
    }
    draining = true;
    try {
      while (!closing && !pending.isEmpty() && (current == null || !current.requestComplete)) {
        handle(pending.poll());
      }
    } finally {
      draining = false;
    }
    if (!closing) {
      if (pending.isEmpty()) {
        resumeReading();
      }
      if (current == null) {
        awaitNextRequest(System.nanoTime());
      }
    }
  }

  /** Reads again once the requests held while reading was paused have all been taken. */
  private void resumeReading() {
    if (!shuttingDown && !ctx.channel().config().isAutoRead()) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  /**
   * The connection is idle from {@code now} (System.nanoTime) on, waiting for its next request:
   * the header and idle clocks restart.
   */
  private void awaitNextRequest(long now) {
    if (headerTimeout != null) {
      headerTimeout.awaitingRequest();
    }
    armIdleTimer(now);
  }

  private void internalError(HTTP1Exchange exchange, Throwable t) {
    HTTPServerRequest r = exchange.request;
    log.error("Uncaught exception serving {}", r.summary(), t);
    if (exchange.headersWritten()) {
      exchange.abort();
    } else {
      reject(HttpResponseStatus.INTERNAL_SERVER_ERROR, r.method(), r.uri(), r.startNanos());
    }
  }

  /** Answers with a small error page and closes the connection. */
  private void reject(HttpResponseStatus status, String method, String uri, long startNanos) {
    closing = true;
    cancelBodyTimer();
    releasePending();
    if (current != null && current.headersWritten()) {
      current = null;
      ctx.close();
      return;
    }
    String remoteIp =
        current != null && current.request != null
            ? current.request.remoteIp()
            : String.valueOf(ctx.channel().remoteAddress());
    String text = status.code() + ": " + status.reasonPhrase();
    byte[] body =
        ("<html><title>" + text + "</title><body>" + text + "</body></html>")
            .getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    response.headers()
        .set("Content-Type", "text/html; charset=UTF-8")
        .setInt("Content-Length", body.length)
        .set("Connection", HttpHeaderValues.CLOSE)
        .set("Date", HttpDates.now());
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    AccessLog.record(ctx.executor(), options.accessLog(), status.code(), method, uri, remoteIp, startNanos, System.nanoTime());
    current = null; // answered here: the delegate, if any, is done with this request
  }

  private void releasePending() {
    Object msg;
    while ((msg = pending.poll()) != null) {
      ReferenceCountUtil.release(msg);
    }
  }

  /** Marks the connection idle from now; the idle timer closes it after the idle timeout. */
  private void armIdleTimer(long now) {
    idleSince = now;
    if (idleTimer == null) {
      scheduleIdleCheck(options.idleConnectionTimeout().toNanos());
    }
  }

  private void scheduleIdleCheck(long nanos) {
    idleTimer = ctx.executor().schedule(this::checkIdle, nanos, TimeUnit.NANOSECONDS);
  }

  private void checkIdle() {
    idleTimer = null;
    if (closing) {
      return;
    }
    long timeout = options.idleConnectionTimeout().toNanos();
    if (current != null) {
      scheduleIdleCheck(timeout); // busy: look again later; finishing re-marks it idle
      return;
    }
    long idle = System.nanoTime() - idleSince;
    if (idle < timeout) {
      scheduleIdleCheck(timeout - idle);
      return;
    }
    log.debug("Closing idle connection {}", ctx.channel());
    closing = true;
    ctx.close();
  }

  /** Starts the clock on the body of {@code exchange}: it must be in within the body timeout. */
  private void armBodyTimer(HTTP1Exchange exchange) {
    cancelBodyTimer();
    bodyTimer =
        ctx.executor()
            .schedule(
                () -> {
                  bodyTimer = null;
                  if (current == exchange && !exchange.requestComplete && !closing) {
                    log.debug("Closing {}: request body not received within {}", ctx.channel(), options.bodyTimeout());
                    abandonRequest(HttpResponseStatus.REQUEST_TIMEOUT);
                  }
                },
                options.bodyTimeout().toNanos(),
                TimeUnit.NANOSECONDS);
  }

  private void cancelBodyTimer() {
    if (bodyTimer != null) {
      bodyTimer.cancel(false);
      bodyTimer = null;
    }
  }

  private void cancelIdleTimer() {
    if (idleTimer != null) {
      idleTimer.cancel(false);
      idleTimer = null;
    }
  }
}

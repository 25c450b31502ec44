package dev.cyclone.websocket;

import dev.cyclone.httpserver.HTTPServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open WebSocket, either side (Tornado's {@code WebSocketProtocol13}): sits at the end of the
 * socket's pipeline, after Netty's frame codec and the compression extension, and turns frames into
 * whole messages and messages into frames.
 *
 * <ul>
 *   <li>Fragments are reassembled; control frames between them are answered at once. A message
 *       over the size limit (once inflated) closes with 1009, a text message that is not UTF-8 or
 *       compressed data that does not inflate with 1007, a kind the endpoint does not take with
 *       1003. Netty's decoder answers protocol violations (1002).
 *   <li>Messages are delivered one at a time: while the endpoint's stage for one is pending, the
 *       next waits and the socket stops reading (backpressure on the peer); closing reads again.
 *   <li>Closing follows §7: a close frame is answered with one; the server then closes the TCP
 *       connection, the client waits for the server to. A peer that does not answer a close within
 *       {@link #CLOSE_TIMEOUT}, or a ping within the ping timeout (not counted while reading is
 *       paused), is cut off. A graceful server stop closes with 1001.
 *   <li>{@link Events#onClose()} runs exactly once, when the connection is gone; pending work is
 *       cancelled first and buffers are released.
 * </ul>
 *
 * <p>Everything runs on the channel's loop; the output methods may be called from any thread and
 * hop there.
 */
final class WebSocketProtocol extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(WebSocketProtocol.class);

  /** How long to wait for the peer's close frame, or the server's TCP close (Tornado's 5 s). */
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  /** What an endpoint does with a socket's events; called on the loop. */
  interface Events {
    boolean acceptsText();

    boolean acceptsBinary();

    /** A whole text message; a stage holds the next message back until it completes. */
    CompletionStage<?> onText(String message) throws Exception;

    /** A whole binary message; as {@link #onText}. */
    CompletionStage<?> onBinary(byte[] message) throws Exception;

    void onPing(byte[] data);

    void onPong(byte[] data);

    /** The connection is gone; called once. */
    void onClose();

    /** The socket, for log lines. */
    String describe();
  }

  private final Events events;
  private final boolean client;
  /** A server connection without extensions: text goes out as LastText's shared frames. */
  private final boolean sharesFrames;
  private final int maxMessageSize;
  /**
   * The most bytes of frames that may wait for a peer that does not read, or 0 for no limit: a
   * write that would pass it closes the connection ({@code [WebSocketWriteBufferFull]}).
   */
  private final long maxWriteBufferSize;
  private final long pingIntervalNanos;
  private final long pingTimeoutNanos;

  private ChannelHandlerContext ctx;
  /** The message being reassembled from fragments, or null. */
  private CompositeByteBuf fragments;
  private boolean fragmentsText;
  /** Whole messages (String or byte[]) waiting for the endpoint. */
  private final ArrayDeque<Object> queue = new ArrayDeque<>(2);
  private boolean started;
  private boolean draining;
  /** The endpoint's stage for the message (or open) being handled, or null. */
  private CompletionStage<?> pending;

  /** True from a read until its batch is complete: writes then wait for the batch's end. */
  private boolean reading;
  private boolean flushPending;
  private boolean closeSent;
  private boolean closeReceived;
  private boolean gone;
  private Integer closeCode;
  private String closeReason;
  private ScheduledFuture<?> closeTimer;
  private ScheduledFuture<?> pingTimer;
  private ScheduledFuture<?> pongTimer;

  /**
   * @param client true on the client side (which masks its frames and waits for the server to
   *     close the connection)
   * @param extension true when an extension (permessage-deflate) transforms the frames
   * @param pingInterval how often to ping the peer; zero for never
   * @param pingTimeout how long a ping may go unanswered; zero for the interval
   */
  WebSocketProtocol(
      Events events,
      boolean client,
      boolean extension,
      int maxMessageSize,
      long maxWriteBufferSize,
      Duration pingInterval,
      Duration pingTimeout) {
    this.events = events;
    this.client = client;
    this.sharesFrames = !client && !extension;
    this.maxMessageSize = maxMessageSize;
    this.maxWriteBufferSize = maxWriteBufferSize;
    this.pingIntervalNanos = pingInterval.toNanos();
    this.pingTimeoutNanos = pingTimeout.isZero() ? pingInterval.toNanos() : pingTimeout.toNanos();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Starts delivering messages, after {@code open} (which may return a stage, as a message's
   * handling may): messages that arrived before are held until then.
   */
  void start(Opener open) {
    started = true;
    if (gone) {
      safely(events::onClose, "onClose"); // closed before it started: onClose is still owed
      return;
    }
    if (pingIntervalNanos > 0) {
      pingTimer =
          ctx.executor()
              .scheduleAtFixedRate(
                  this::sendPing, pingIntervalNanos, pingIntervalNanos, TimeUnit.NANOSECONDS);
    }
    handle(open::open);
    drain();
  }

  /** {@code open}: what {@link #start} runs first. */
  interface Opener {
    CompletionStage<?> open() throws Exception;
  }

  // ---- Output ----------------------------------------------------------------------------------
  // These may be called from any thread: off the loop they hop onto it, so that a room on one loop
  // can write to members on others. Their futures complete on the loop.

  CompletableFuture<Void> writeText(String message) {
    if (ctx.executor().inEventLoop()) {
      return writeTextNow(message); // the common case, without a task or a lambda
    }
    return onLoop(() -> writeTextNow(message));
  }

  private CompletableFuture<Void> writeTextNow(String message) {
    if (closeSent || gone) {
      return closedFailure();
    }
    if (sharesFrames) {
      // a server's unmasked frame, the same bytes for every member of a room: written as they are
      return completion(send(LastText.serverFrame(message, ctx.alloc())));
    }
    return completion(send(new TextWebSocketFrame(LastText.encode(message, ctx.alloc()))));
  }

  CompletableFuture<Void> writeBinary(byte[] message) {
    return onLoop(() -> {
      if (closeSent || gone) {
        return closedFailure();
      }
      ByteBuf data = ctx.alloc().buffer(message.length).writeBytes(message);
      return completion(send(new BinaryWebSocketFrame(data)));
    });
  }

  CompletableFuture<Void> ping(byte[] data) {
    if (data.length > 125) {
      throw new IllegalArgumentException(
          "[WebSocketPingSize] a ping carries at most 125 bytes, got " + data.length);
    }
    return onLoop(() -> {
      if (closeSent || gone) {
        return closedFailure();
      }
      return completion(ctx.writeAndFlush(new PingWebSocketFrame(Unpooled.wrappedBuffer(data))));
    });
  }

  /**
   * Sends a close frame (once) and waits for the peer's answer, at most {@link #CLOSE_TIMEOUT}.
   * Fails with an {@link IllegalArgumentException} for a code an endpoint may not send.
   */
  void close(int code, String reason) {
    checkCloseCode(code);
    if (reason != null && reason.getBytes(StandardCharsets.UTF_8).length > 123) {
      throw new IllegalArgumentException(
          "[WebSocketCloseReason] a close reason is at most 123 bytes of UTF-8");
    }
    if (ctx.executor().inEventLoop()) {
      sendClose(code, reason);
    } else {
      ctx.executor().execute(() -> sendClose(code, reason));
    }
  }

  /**
   * Runs {@code action} on the loop: now if called there, otherwise in a task whose future's
   * outcome the returned one takes.
   */
  <T> CompletableFuture<T> onLoop(java.util.function.Supplier<CompletableFuture<T>> action) {
    if (ctx.executor().inEventLoop()) {
      return action.get();
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    ctx.executor().execute(() -> {
      try {
        action.get().whenComplete((v, t) -> {
          if (t != null) {
            result.completeExceptionally(t);
          } else {
            result.complete(v);
          }
        });
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
    return result;
  }

  private void sendClose(int code, String reason) {
    if (closeSent || gone) {
      return;
    }
    closeSent = true;
    cancelPings();
    resumeReading(); // the peer's close frame must be read, even while a message is pending
    CloseWebSocketFrame frame =
        code < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, reason);
    ChannelFuture written = ctx.writeAndFlush(frame);
    if (closeReceived && !client) {
      written.addListener(ChannelFutureListener.CLOSE); // the handshake is complete
    } else {
      armCloseTimer();
    }
  }

  /** Cuts the connection without a handshake: for a peer that stopped answering. */
  void abort() {
    ctx.close();
  }

  Integer closeCode() {
    return closeCode;
  }

  String closeReason() {
    return closeReason;
  }

  /** True once a close frame was sent or the connection is gone: writes fail from then on. */
  boolean isClosing() {
    return closeSent || gone;
  }

  // ---- Input -----------------------------------------------------------------------------------

  /**
   * Writes a frame: while this socket's bytes are being read, it waits for the end of the read
   * batch and goes out with the others written meanwhile (an echo of 16 pipelined messages is one
   * system call, not 16); otherwise it is flushed at once. {@code frame} is a {@code
   * WebSocketFrame}, or a server frame already encoded ({@link LastText#serverFrame}).
   */
  private ChannelFuture send(Object frame) {
    if (maxWriteBufferSize > 0 && overfills(frame)) {
      ReferenceCountUtil.release(frame);
      return ctx.newFailedFuture(new WebSocketClosedError(
          "[WebSocketWriteBufferFull] the client was not reading; the connection is dropped"));
    }
    if (reading) {
      flushPending = true;
      return ctx.write(frame);
    }
    return ctx.writeAndFlush(frame);
  }

  /**
   * True if {@code frame} would take the bytes already waiting for the peer past {@link
   * #maxWriteBufferSize} (one message alone may be larger): a peer that stops reading (a stuck or hostile client in a busy room)
   * would otherwise make the server hold everything sent to it. The connection is dropped then,
   * without a closing handshake, which a peer that reads nothing would not see; {@code onClose}
   * follows as for a vanished client. Tornado's IOStream does the same past its {@code
   * max_write_buffer_size}.
   */
  private boolean overfills(Object frame) {
    ChannelOutboundBuffer waiting = ctx.channel().unsafe().outboundBuffer();
    long size = frame instanceof ByteBufHolder holder ? holder.content().readableBytes()
        : frame instanceof ByteBuf buf ? buf.readableBytes() : 0;
    long backlog = waiting == null ? 0 : waiting.totalPendingWriteBytes();
    if (backlog == 0 || backlog + size <= maxWriteBufferSize) {
      return false; // a message larger than the limit still goes to a client that keeps up
    }
    log.warn(
        "[WebSocketWriteBufferFull] {} has {} bytes waiting unread, past websocketMaxWriteBufferSize"
            + " ({}); dropping the connection. Await writeMessage's future to send no faster than"
            + " the client reads, or raise the setting",
        events.describe(), backlog, maxWriteBufferSize);
    closeSent = true;
    ctx.close();
    return true;
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    reading = false;
    if (flushPending) {
      flushPending = false;
      ctx.flush();
    }
    super.channelReadComplete(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    reading = true;
    if (!(msg instanceof WebSocketFrame frame)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    try {
      if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
        dataFrame(frame, frame instanceof TextWebSocketFrame);
      } else if (frame instanceof ContinuationWebSocketFrame) {
        continuation(frame);
      } else if (frame instanceof PingWebSocketFrame) {
        byte[] data = ByteBufUtil.getBytes(frame.content());
        if (!closeSent) {
          send(new PongWebSocketFrame(Unpooled.wrappedBuffer(data)));
        }
        safely(() -> events.onPing(data), "onPing");
      } else if (frame instanceof PongWebSocketFrame) {
        byte[] data = ByteBufUtil.getBytes(frame.content());
        pongReceived();
        safely(() -> events.onPong(data), "onPong");
      } else if (frame instanceof CloseWebSocketFrame close) {
        closeFrame(close);
      }
    } finally {
      frame.release();
    }
  }

  private void dataFrame(WebSocketFrame frame, boolean text) {
    if (closeReceived || closeSent) {
      return; // closing: what arrives now is dropped
    }
    if (frame.isFinalFragment()) {
      message(frame.content(), text);
      return;
    }
    fragments = ctx.alloc().compositeBuffer(64);
    fragmentsText = text;
    append(frame.content());
  }

  private void continuation(WebSocketFrame frame) {
    if (fragments == null) {
      return; // closing, or already over the limit; the decoder checks the sequence itself
    }
    if (!append(frame.content())) {
      return;
    }
    if (frame.isFinalFragment()) {
      CompositeByteBuf whole = fragments;
      fragments = null;
      try {
        message(whole, fragmentsText);
      } finally {
        whole.release();
      }
    }
  }

  /** Adds a fragment; false (and the socket closing with 1009) past the size limit. */
  private boolean append(ByteBuf content) {
    if (fragments.readableBytes() + (long) content.readableBytes() > maxMessageSize) {
      releaseFragments();
      sendClose(1009, "message too big");
      return false;
    }
    fragments.addComponent(true, content.retain());
    return true;
  }

  private void message(ByteBuf content, boolean text) {
    if (content.readableBytes() > maxMessageSize) {
      sendClose(1009, "message too big");
      return;
    }
    if (text) {
      String decoded = strictUtf8(content);
      if (decoded == null) {
        sendClose(1007, "invalid UTF-8 in a text message");
        return;
      }
      if (!events.acceptsText()) {
        sendClose(1003, "text messages are not accepted");
        return;
      }
      queue.add(decoded);
    } else {
      if (!events.acceptsBinary()) {
        sendClose(1003, "binary messages are not accepted");
        return;
      }
      queue.add(ByteBufUtil.getBytes(content));
    }
    drain();
  }

  /**
   * The text of a message, or null when it is not UTF-8 (RFC 6455 §8.1: overlong forms,
   * surrogates and a sequence cut short all count). One bulk pass that checks while it decodes,
   * instead of a byte-by-byte check and then a decoding.
   */
  private static String strictUtf8(ByteBuf content) {
    if (ByteBufUtil.isText(content, StandardCharsets.US_ASCII)) {
      return content.toString(StandardCharsets.US_ASCII); // the common case: one word-at-a-time check
    }
    try {
      return UTF8.get().decode(content.nioBuffer()).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** A strict UTF-8 decoder per loop thread, reused ({@code decode} resets it). */
  private static final io.netty.util.concurrent.FastThreadLocal<java.nio.charset.CharsetDecoder> UTF8 =
      new io.netty.util.concurrent.FastThreadLocal<>() {
        @Override
        protected java.nio.charset.CharsetDecoder initialValue() {
          return StandardCharsets.UTF_8.newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
      };

  private void closeFrame(CloseWebSocketFrame close) {
    if (closeReceived) {
      return;
    }
    closeReceived = true;
    releaseFragments();
    queue.clear();
    int code = close.statusCode();
    if (code >= 0) {
      closeCode = code;
      closeReason = close.reasonText();
    }
    if (closeSent) {
      if (!client) {
        ctx.close(); // both frames exchanged: the server ends the TCP connection
      }
      return;
    }
    sendClose(code, null); // echo the peer's code, as Tornado does
  }

  // ---- Delivery --------------------------------------------------------------------------------

  /** Hands waiting messages to the endpoint, one at a time. */
  private void drain() {
    if (draining || !started) {
      return;
    }
    draining = true;
    try {
      while (pending == null && !queue.isEmpty() && !closeSent && !closeReceived && !gone) {
        Object message = queue.poll();
        if (message instanceof String text) {
          handle(() -> events.onText(text));
        } else {
          byte[] data = (byte[]) message;
          handle(() -> events.onBinary(data));
        }
      }
    } finally {
      draining = false;
    }
  }

  /** Runs one call of the endpoint and, if it returns a pending stage, waits for it. */
  private void handle(Opener call) {
    CompletionStage<?> stage;
    try {
      stage = call.open();
    } catch (Throwable t) {
      failed(t);
      return;
    }
    if (stage == null) {
      return;
    }
    CompletableFuture<?> future = stage.toCompletableFuture();
    if (future.isDone() && !future.isCompletedExceptionally()) {
      return;
    }
    pending = stage;
    pauseReading();
    future.whenComplete(
        (v, t) -> {
          if (ctx.executor().inEventLoop()) {
            handled(stage, t);
          } else {
            ctx.executor().execute(() -> handled(stage, t));
          }
        });
  }

  private void handled(CompletionStage<?> stage, Throwable failure) {
    if (pending != stage) {
      return; // cancelled when the connection went away
    }
    pending = null;
    if (failure != null) {
      failed(failure);
      return;
    }
    resumeReading();
    drain();
  }

  /**
   * Stops reading while the endpoint works on a message, so that a fast peer waits in TCP instead
   * of in memory; not once closing, when only the peer's close frame is still to be read.
   */
  private void pauseReading() {
    if (!closeSent) {
      ctx.channel().config().setAutoRead(false);
    }
  }

  /** Reads again: for the next message, or for the peer's close frame once closing. */
  private void resumeReading() {
    if (ctx.channel().isActive()) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  /** The endpoint threw, or its stage failed: logged, and the socket closes with 1011. */
  private void failed(Throwable t) {
    Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null
        ? t.getCause() : t;
    if (cause instanceof CancellationException && gone) {
      return;
    }
    log.error("Uncaught exception in {}", events.describe(), cause);
    sendClose(1011, "internal error");
  }

  // ---- Connection events -----------------------------------------------------------------------

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    channelGone();
    super.channelInactive(ctx);
  }

  private void channelGone() {
    if (gone) {
      return;
    }
    gone = true;
    cancelPings();
    if (closeTimer != null) {
      closeTimer.cancel(false);
    }
    releaseFragments();
    queue.clear();
    CompletionStage<?> work = pending;
    pending = null;
    if (work != null) {
      work.toCompletableFuture().cancel(false);
    }
    if (started) {
      safely(events::onClose, "onClose");
    }
  }

  /** A graceful server stop: closes with 1001, as a server going away does (RFC 6455 §7.4.1). */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt == HTTPServer.GRACEFUL_SHUTDOWN) {
      sendClose(1001, "server shutting down");
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!ctx.channel().isActive()) {
      // Thrown on the way of channelInactive, which then stops short of this handler: the deflate
      // decoder's cleanup throws again after corrupt input. The socket is gone all the same.
      log.debug("Error on closed {}: {}", events.describe(), cause.toString());
      channelGone();
      return;
    }
    if (cause instanceof CorruptedWebSocketFrameException) {
      // the decoder has sent its close frame (1002, 1007 or 1009) and closes the connection
      log.debug("Protocol error on {}: {}", events.describe(), cause.getMessage());
    } else if (cause instanceof DecompressionException) {
      // permessage-deflate's decoder: a message past the limit once inflated, or not deflate data
      log.debug("Cannot inflate a message on {}: {}", events.describe(), cause.toString());
      releaseFragments();
      if (cause.getCause() instanceof DataFormatException) {
        sendClose(1007, "invalid compressed data");
      } else {
        sendClose(1009, "message too big");
      }
      return; // the closing handshake ends the connection
    } else if (cause instanceof IOException) {
      log.debug("Connection error on {}: {}", events.describe(), cause.toString());
    } else {
      log.warn("Unexpected error on {}; closing", events.describe(), cause);
    }
    ctx.close();
  }

  // ---- Timers ----------------------------------------------------------------------------------

  private void armCloseTimer() {
    if (closeTimer == null) {
      closeTimer =
          ctx.executor().schedule(() -> {
            log.debug("No close handshake from {} within {}; closing", events.describe(), CLOSE_TIMEOUT);
            ctx.close();
          }, CLOSE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private void sendPing() {
    if (closeSent || gone || pongTimer != null) {
      return; // the last ping is still waiting for its pong
    }
    ctx.writeAndFlush(new PingWebSocketFrame(Unpooled.EMPTY_BUFFER));
    pongTimer = ctx.executor().schedule(this::pingTimedOut, pingTimeoutNanos, TimeUnit.NANOSECONDS);
  }

  private void pongReceived() {
    if (pongTimer != null) {
      pongTimer.cancel(false);
      pongTimer = null;
    }
  }

  private void pingTimedOut() {
    pongTimer = null;
    if (gone) {
      return;
    }
    if (pending != null) {
      // Reading is paused while the endpoint works on a message, so the pong may be waiting
      // unread: the peer is not to blame. Wait again; once reading resumes the pong is seen.
      pongTimer = ctx.executor().schedule(this::pingTimedOut, pingTimeoutNanos, TimeUnit.NANOSECONDS);
      return;
    }
    log.debug("{} did not answer a ping within {} ms; closing", events.describe(), pingTimeoutNanos / 1_000_000);
    closeSent = true;
    ctx.writeAndFlush(new CloseWebSocketFrame(1001, "ping timed out"))
        .addListener(ChannelFutureListener.CLOSE);
  }

  private void cancelPings() {
    if (pingTimer != null) {
      pingTimer.cancel(false);
      pingTimer = null;
    }
    pongReceived();
  }

  // ---- Helpers ---------------------------------------------------------------------------------

  private void releaseFragments() {
    if (fragments != null) {
      fragments.release();
      fragments = null;
    }
  }

  private void safely(Runnable hook, String name) {
    try {
      hook.run();
    } catch (Throwable t) {
      log.error("Exception in {} of {}", name, events.describe(), t);
    }
  }

  private static CompletableFuture<Void> completion(ChannelFuture f) {
    if (f.isDone()) {
      return f.isSuccess()
          ? CompletableFuture.completedFuture(null)
          : CompletableFuture.failedFuture(notWritten(f.cause()));
    }
    CompletableFuture<Void> result = new CompletableFuture<>();
    f.addListener(
        done -> {
          if (done.isSuccess()) {
            result.complete(null);
          } else {
            result.completeExceptionally(notWritten(done.cause()));
          }
        });
    return result;
  }

  /** What a write's future fails with when the connection went before its frame was written. */
  private static WebSocketClosedError notWritten(Throwable cause) {
    WebSocketClosedError e =
        new WebSocketClosedError(
            "[WebSocketClosed] the connection closed before the message was written: " + cause);
    e.initCause(cause);
    return e;
  }

  private static CompletableFuture<Void> closedFailure() {
    return CompletableFuture.failedFuture(new WebSocketClosedError("[WebSocketClosed] the socket is closed"));
  }

  /** RFC 6455 §7.4: the codes an endpoint may send. */
  static void checkCloseCode(int code) {
    boolean ok =
        (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1011) || (code >= 3000 && code <= 4999);
    if (!ok) {
      throw new IllegalArgumentException(
          "[WebSocketCloseCode] " + code + " cannot be sent in a close frame; use 1000, 1001, 1002,"
              + " 1003, 1007-1011, or 3000-4999 for an application's own");
    }
  }
}

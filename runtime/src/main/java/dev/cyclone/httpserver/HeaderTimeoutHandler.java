package dev.cyclone.httpserver;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Cuts off a client that starts a request and does not finish its header block in time (a
 * slowloris attack trickles header bytes to hold connections open). Sits first, before the codec,
 * where it sees raw bytes:
 *
 * <pre>
 *   HeaderTimeoutHandler → HttpRequestDecoder → HTTP1ResponseEncoder → [HttpContentDecompressor]
 *     → HTTP1ServerHandler
 * </pre>
 *
 * <p>While the connection waits for a request, the first byte that arrives starts the clock;
 * {@link HTTP1ServerHandler} stops it with {@link #headersReceived()} when the headers are decoded
 * and restarts the wait with {@link #awaitingRequest()} when the connection is ready for the next
 * request. When the clock runs out it fires {@link #EXPIRED} down the pipeline for {@code
 * HTTP1ServerHandler} to answer 408 and close. An idle connection (no byte yet) is the idle
 * timeout's business, not this one's. All on the connection's loop.
 *
 * <p>A connection keeps at most one timer, re-armed for the time left when it fires early, rather
 * than scheduling and cancelling one per request: on a keep-alive connection that serves
 * thousands of requests a second the clock is only a deadline written per request.
 */
final class HeaderTimeoutHandler extends ChannelInboundHandlerAdapter {
  /** The user event fired when a request's headers took longer than the header timeout. */
  static final Object EXPIRED = new Object() {
    @Override
    public String toString() {
      return "HeaderTimeoutHandler.EXPIRED";
    }
  };

  private final long timeoutNanos;
  private boolean waitingForRequest = true;
  /** When the current request's headers are due (System.nanoTime), or 0 when no clock runs. */
  private long deadline;
  private ScheduledFuture<?> timer;

  HeaderTimeoutHandler(java.time.Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (waitingForRequest && deadline == 0 && msg instanceof ByteBuf && ((ByteBuf) msg).isReadable()) {
      deadline = System.nanoTime() + timeoutNanos;
      if (timer == null) {
        timer = ctx.executor().schedule(() -> expire(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
      }
    }
    super.channelRead(ctx, msg);
  }

  /**
   * Called when a request's headers have been decoded: its header block was in time. Returns when
   * its first byte arrived (System.nanoTime), or now if its bytes came before the clock could
   * start (pipelined behind the previous request): the request's start, with no second clock read.
   */
  long headersReceived() {
    long firstByte = deadline != 0 ? deadline - timeoutNanos : System.nanoTime();
    waitingForRequest = false;
    deadline = 0;
    return firstByte;
  }

  /**
   * Called when the connection is ready for its next request. Bytes of it that arrived earlier
   * (pipelined) are already past this handler; the clock starts with the next read.
   */
  void awaitingRequest() {
    waitingForRequest = true;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancel();
    super.channelInactive(ctx);
  }

  /** Taken out of the pipeline (a connection detached from HTTP): the clock goes with it. */
  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancel();
  }

  private void expire(ChannelHandlerContext ctx) {
    timer = null;
    if (!waitingForRequest || deadline == 0 || !ctx.channel().isActive()) {
      return; // no request is being read: the next first byte re-arms the clock
    }
    long left = deadline - System.nanoTime();
    if (left > 0) {
      timer = ctx.executor().schedule(() -> expire(ctx), left, TimeUnit.NANOSECONDS);
      return;
    }
    deadline = 0;
    ctx.fireUserEventTriggered(EXPIRED);
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}

package dev.cyclone.httpclient;

import dev.cyclone.ioloop.Timeout;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObject;
import java.util.concurrent.CompletableFuture;

/**
 * One client connection to a {@link HostKey}, carrying one {@link Exchange} at a time and waiting in
 * its {@link LoopClient}'s pool in between. Lives on one loop: every method runs on it.
 *
 * <p>Pipeline: {@code [SslHandler] → HttpClientCodec → Connection.Handler}; the handler hands each
 * decoded message, the close, and any error to the exchange in progress. While idle, any message
 * from the server or a close marks the connection broken and drops it from the pool.
 */
final class Connection {
  private final LoopClient client;
  private final HostKey key;
  private final CompletableFuture<Connection> ready = new CompletableFuture<>();
  private Channel channel;
  private Exchange exchange;
  private Timeout idleTimer;
  private boolean broken;
  private boolean closed;

  Connection(LoopClient client, HostKey key) {
    this.client = client;
    this.key = key;
  }

  HostKey key() {
    return key;
  }

  /** Completed with this connection once connected (and TLS-handshaken), or failed with why not. */
  CompletableFuture<Connection> ready() {
    return ready;
  }

  /** Called when the channel exists (before it connects). */
  void bind(Channel channel) {
    this.channel = channel;
    if (closed) {
      channel.close();
    }
  }

  /** The handler for the end of the pipeline. */
  Handler handler() {
    return new Handler();
  }

  /** True when the connection may carry a request: open, connected, and nothing unexpected came. */
  boolean isUsable() {
    return !closed
        && !broken
        && channel != null
        && channel.isActive()
        && ready.isDone()
        && !ready.isCompletedExceptionally();
  }

  /** Makes {@code exchange} the receiver of everything that arrives, and stops any idle timer. */
  void attach(Exchange exchange) {
    this.exchange = exchange;
    if (idleTimer != null) {
      idleTimer.cancel();
      idleTimer = null;
    }
  }

  /** Stops sending events to the exchange that had it. */
  void detach() {
    exchange = null;
  }

  /** Sends {@code request} for {@code sender}; a write failure goes to {@code sender.onError}. */
  void write(FullHttpRequest request, Exchange sender) {
    channel
        .writeAndFlush(request)
        .addListener(
            f -> {
              if (!f.isSuccess() && exchange == sender) {
                sender.onError(f.cause());
              }
            });
  }

  /** Keeps the timer that closes this pooled connection if nothing takes it first. */
  void idle(Timeout timer) {
    this.idleTimer = timer;
  }

  /**
   * Closes the connection and makes its client forget it; safe to call more than once, and before
   * it is connected.
   */
  void close() {
    client.forget(this);
    closed = true;
    if (idleTimer != null) {
      idleTimer.cancel();
      idleTimer = null;
    }
    if (channel != null) {
      channel.close();
    }
    if (!ready.isDone()) {
      ready.completeExceptionally(new java.io.IOException("connection closed before it was established"));
    }
  }

  /** Completes {@link #ready()}: called by the connector on the loop. */
  void connected(Throwable failure) {
    if (failure == null) {
      if (!ready.complete(this)) {
        channel.close();
      }
    } else {
      ready.completeExceptionally(failure);
      close();
    }
  }

  @Override
  public String toString() {
    return "Connection[" + key + (channel != null ? " " + channel.localAddress() : "") + "]";
  }

  /** The last handler of the pipeline: routes events to the exchange in progress. */
  final class Handler extends SimpleChannelInboundHandler<HttpObject> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
      Exchange current = exchange;
      if (current != null) {
        current.onMessage(msg);
      } else {
        // Nothing was asked: the server is talking out of turn. Never reuse this connection.
        broken = true;
        ctx.close();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      broken = true;
      Exchange current = exchange;
      if (current != null) {
        current.onClosed();
      }
      client.forget(Connection.this);
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      broken = true;
      Exchange current = exchange;
      if (current != null) {
        current.onError(cause);
      } else {
        ctx.close();
      }
    }
  }
}

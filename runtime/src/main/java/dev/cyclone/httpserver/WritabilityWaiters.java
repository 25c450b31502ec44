package dev.cyclone.httpserver;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The futures a connection's response writes hand back, completed when the client has read enough
 * of what was queued (backpressure): a write returns a completed future while the channel is
 * writable (fewer queued bytes than {@link HTTPServerOptions#writeBufferHighWaterMark()}), and a
 * waiting one otherwise, completed when the channel turns writable again (below the low mark) and
 * failed when the connection closes. A handler that waits on each {@code flush()} therefore keeps
 * at most about the high mark plus one piece queued, however slowly its client reads.
 *
 * <p>One per connection; all of it on the connection's loop.
 */
final class WritabilityWaiters {
  private final Channel channel;
  private List<CompletableFuture<Void>> waiting = new ArrayList<>();

  WritabilityWaiters(Channel channel) {
    this.channel = channel;
  }

  /** The future for a write just queued as {@code write}. */
  CompletableFuture<Void> after(ChannelFuture write) {
    if (write.isDone() && !write.isSuccess()) {
      return CompletableFuture.failedFuture(write.cause());
    }
    if (channel.isWritable()) {
      return ChannelFutures.done();
    }
    if (!channel.isActive()) {
      return CompletableFuture.failedFuture(new ClosedChannelException());
    }
    CompletableFuture<Void> f = new CompletableFuture<>();
    waiting.add(f);
    write.addListener(w -> {
      if (!w.isSuccess()) {
        f.completeExceptionally(w.cause());
      }
    });
    return f;
  }

  /** Called when the channel's writability changed; releases the waiters if it is writable. */
  void writabilityChanged() {
    if (channel.isWritable() && !waiting.isEmpty()) {
      List<CompletableFuture<Void>> ready = waiting;
      waiting = new ArrayList<>();
      for (CompletableFuture<Void> f : ready) {
        f.complete(null);
      }
    }
  }

  /** Called when the connection closed: every waiter fails. */
  void closed() {
    List<CompletableFuture<Void>> dead = waiting;
    waiting = new ArrayList<>();
    for (CompletableFuture<Void> f : dead) {
      f.completeExceptionally(new ClosedChannelException());
    }
  }
}

package dev.cyclone.httpserver;

import io.netty.channel.ChannelFuture;
import java.util.concurrent.CompletableFuture;

/** Netty futures as JDK futures, completed on the channel's loop. */
final class ChannelFutures {
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private ChannelFutures() {}

  static CompletableFuture<Void> toCompletable(ChannelFuture future) {
    if (future.isDone()) {
      return future.isSuccess() ? done() : CompletableFuture.failedFuture(future.cause());
    }
    CompletableFuture<Void> result = new CompletableFuture<>();
    future.addListener(
        f -> {
          if (f.isSuccess()) {
            result.complete(null);
          } else {
            result.completeExceptionally(f.cause());
          }
        });
    return result;
  }

  /** A completed future (a fresh copy, so callers cannot complete a shared one). */
  static CompletableFuture<Void> done() {
    return DONE.copy();
  }
}

package dev.cyclone.locks;

import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.ioloop.Timeout;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The FIFO of futures waiting on a lock, each with an optional timeout. A waiter that times out is
 * removed at once and handed to the owner's timeout action; a waiter completed by someone else (a
 * caller cancelling its future) is skipped when its turn comes. Confined to the owner's loop.
 */
final class Waiters<T> {
  private final ArrayDeque<CompletableFuture<T>> queue = new ArrayDeque<>();

  /**
   * Adds a new waiter and returns its future. When {@code timeout} is not null and elapses first,
   * the waiter leaves the queue and {@code onTimeout} completes its future (on the loop).
   */
  CompletableFuture<T> add(
      IOLoop loop, Duration timeout, Consumer<CompletableFuture<T>> onTimeout) {
    CompletableFuture<T> waiter = new CompletableFuture<>();
    queue.add(waiter);
    if (timeout != null) {
      Timeout timer =
          loop.callLater(
              timeout,
              () -> {
                if (!waiter.isDone()) {
                  queue.remove(waiter);
                  onTimeout.accept(waiter);
                }
              });
      waiter.whenComplete((v, t) -> timer.cancel());
    }
    return waiter;
  }

  /** Removes and returns the oldest waiter that is still pending, or null if there is none. */
  CompletableFuture<T> poll() {
    CompletableFuture<T> waiter;
    while ((waiter = queue.poll()) != null) {
      if (!waiter.isDone()) {
        return waiter;
      }
    }
    return null;
  }

  /** Removes and returns up to {@code n} pending waiters, oldest first. */
  List<CompletableFuture<T>> poll(int n) {
    List<CompletableFuture<T>> taken = new ArrayList<>();
    CompletableFuture<T> waiter;
    while (taken.size() < n && (waiter = poll()) != null) {
      taken.add(waiter);
    }
    return taken;
  }

  /** The queue's length without purging, safe to read for {@code toString} from any thread. */
  int rawSize() {
    return queue.size();
  }

  /** The number of pending waiters. */
  int size() {
    queue.removeIf(CompletableFuture::isDone);
    return queue.size();
  }
}

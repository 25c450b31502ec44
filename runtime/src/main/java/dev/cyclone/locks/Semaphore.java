package dev.cyclone.locks;

import dev.cyclone.ioloop.IOLoop;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A counter of permits that coroutines acquire and release: Tornado's {@code locks.Semaphore}.
 * {@link #acquire()} takes a permit, waiting in line while there is none; {@link #release()} gives
 * one back, to the oldest waiter first.
 *
 * <pre>{@code
 * Semaphore downloads = new Semaphore(3);
 * try (Permit permit = await(downloads.acquire())) {
 *   await(client.fetch(url));  // at most three fetches at a time
 * }
 * }</pre>
 *
 * <p>An unbounded semaphore lets {@code release()} raise the count above its start; {@link
 * BoundedSemaphore} refuses that. Belongs to one loop; see the package documentation.
 */
public class Semaphore {
  private final LoopOwner owner;
  private final String kind;
  private final Waiters<Permit> waiters = new Waiters<>();
  private int value;

  /** A semaphore with one permit. */
  public Semaphore() {
    this(1);
  }

  /**
   * A semaphore with {@code value} permits.
   *
   * @throws IllegalArgumentException tagged {@code [SemaphoreValue]} when {@code value} is negative
   */
  public Semaphore(int value) {
    this(value, "Semaphore");
  }

  Semaphore(int value, String kind) {
    if (value < 0) {
      throw new IllegalArgumentException(
          "[SemaphoreValue] a " + kind + " starts with zero or more permits, got " + value);
    }
    this.value = value;
    this.kind = kind;
    this.owner = new LoopOwner(kind);
  }

  /**
   * A future completed (on this loop) with a {@link Permit} once a permit is taken: at once if one
   * is free, else when a {@link #release()} hands it to this waiter.
   */
  public CompletableFuture<Permit> acquire() {
    return acquire(null);
  }

  /**
   * As {@link #acquire()}, failing with a {@link TimeoutException} if no permit came within {@code
   * timeout} (null waits forever); the count is then unchanged.
   */
  public CompletableFuture<Permit> acquire(Duration timeout) {
    IOLoop loop = owner.check("acquire");
    if (value > 0) {
      value--;
      return CompletableFuture.completedFuture(new Permit(this));
    }
    return waiters.add(
        loop,
        timeout,
        w ->
            w.completeExceptionally(
                new TimeoutException(kind() + ".acquire() timed out after " + timeout)));
  }

  /**
   * Gives a permit back. The oldest waiter, if any, takes it before this method returns; otherwise
   * the count goes up.
   */
  public void release() {
    owner.check("release");
    value++;
    CompletableFuture<Permit> waiter = waiters.poll();
    if (waiter != null) {
      value--;
      waiter.complete(new Permit(this));
    }
  }

  /** The number of free permits: zero while acquirers wait. */
  public int value() {
    owner.check("value");
    return value;
  }

  /** True when no permit is free, so {@link #acquire()} would wait. */
  public boolean isLocked() {
    return value() == 0;
  }

  /** The number of pending acquirers (for tests and diagnostics). */
  int waiterCount() {
    return waiters.size();
  }

  final LoopOwner owner() {
    return owner;
  }

  /** The free permits, read without the loop check (for {@code toString}). */
  final int rawValue() {
    return value;
  }

  final String kind() {
    return kind;
  }

  @Override
  public String toString() {
    int waiting = waiters.rawSize();
    return kind
        + "["
        + (value == 0 ? "locked" : "unlocked,value:" + value)
        + (waiting > 0 ? ",waiters:" + waiting : "")
        + "]";
  }
}

package dev.cyclone.locks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * Mutual exclusion between coroutines of one loop: Tornado's {@code locks.Lock}. Acquirers get the
 * lock in the order they asked for it.
 *
 * <pre>{@code
 * try (Permit held = await(lock.acquire())) {
 *   ... // only one coroutine at a time runs here
 * }
 * }</pre>
 *
 * <p>It is not reentrant: a coroutine that acquires it twice waits for itself. Belongs to one loop;
 * see the package documentation.
 */
public final class Lock {
  private final BoundedSemaphore block = new BoundedSemaphore(1, "Lock");

  /**
   * A future completed (on this loop) with a {@link Permit} once the lock is held by the caller: at
   * once if it is free, else when the holders before it have released it.
   */
  public CompletableFuture<Permit> acquire() {
    return block.acquire();
  }

  /**
   * As {@link #acquire()}, failing with a {@link TimeoutException} if the lock was not obtained
   * within {@code timeout} (null waits forever).
   */
  public CompletableFuture<Permit> acquire(Duration timeout) {
    return block.acquire(timeout);
  }

  /**
   * Releases the lock; the oldest waiter, if any, gets it before this method returns.
   *
   * @throws IllegalStateException tagged {@code [LockNotHeld]} when the lock is not held
   */
  public void release() {
    block.owner().check("release");
    if (!block.isLocked()) {
      throw new IllegalStateException(
          "[LockNotHeld] release() of a Lock that is not held. Release only after your acquire()"
              + " completed, once (closing its Permit does that).");
    }
    block.release();
  }

  /** True while some caller holds the lock. */
  public boolean isLocked() {
    return block.isLocked();
  }

  /** The number of pending acquirers (for tests and diagnostics). */
  int waiterCount() {
    return block.waiterCount();
  }

  @Override
  public String toString() {
    return "Lock[" + (block.rawValue() == 0 ? "locked" : "unlocked") + "]";
  }
}

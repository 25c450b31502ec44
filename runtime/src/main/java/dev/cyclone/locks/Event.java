package dev.cyclone.locks;

import dev.cyclone.ioloop.IOLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A flag that coroutines wait on: Tornado's {@code locks.Event}. It starts clear; {@link #set()}
 * wakes every waiter, and waits begun while it is set complete at once until {@link #clear()}.
 *
 * <p>Belongs to one loop; see the package documentation.
 */
public final class Event {
  private final LoopOwner owner = new LoopOwner("Event");
  private final Waiters<Void> waiters = new Waiters<>();
  private boolean value;

  /** True once {@link #set()} was called and {@link #clear()} has not been since. */
  public boolean isSet() {
    owner.check("isSet");
    return value;
  }

  /** Sets the flag and completes every pending wait, oldest first, before returning. */
  public void set() {
    owner.check("set");
    if (value) {
      return;
    }
    value = true;
    List<CompletableFuture<Void>> woken = waiters.poll(Integer.MAX_VALUE);
    for (CompletableFuture<Void> waiter : woken) {
      waiter.complete(null);
    }
  }

  /** Clears the flag: waits begun from now on block until the next {@link #set()}. */
  public void clear() {
    owner.check("clear");
    value = false;
  }

  /**
   * A future completed (on this loop) when the flag is set: at once if it is set now. Tornado's
   * {@code wait()}, named {@code waitFor} because Java's {@code Object.wait()} is final.
   */
  public CompletableFuture<Void> waitFor() {
    return waitFor(null);
  }

  /**
   * As {@link #waitFor()}, failing with a {@link TimeoutException} if the flag is not set within
   * {@code timeout} (null waits forever). A timed-out wait leaves the event unchanged.
   */
  public CompletableFuture<Void> waitFor(Duration timeout) {
    IOLoop loop = owner.check("waitFor");
    if (value) {
      return CompletableFuture.completedFuture(null);
    }
    return waiters.add(
        loop,
        timeout,
        w -> w.completeExceptionally(new TimeoutException("Event.waitFor() timed out after " + timeout)));
  }

  /** The number of pending waits (for tests and diagnostics). */
  int waiterCount() {
    return waiters.size();
  }

  @Override
  public String toString() {
    return "Event[" + (value ? "set" : "clear") + "]";
  }
}

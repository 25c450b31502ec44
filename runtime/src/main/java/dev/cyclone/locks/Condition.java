package dev.cyclone.locks;

import dev.cyclone.ioloop.IOLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A place where coroutines wait until another one signals them: Tornado's {@code
 * locks.Condition}. Unlike {@link Event} it has no state: a signal wakes only those already waiting.
 *
 * <pre>{@code
 * Condition condition = new Condition();
 * condition.waitFor().thenRun(() -> log.info("woken"));
 * condition.signal();   // runs the callback above before returning
 * }</pre>
 *
 * <p>Tornado's {@code wait}, {@code notify} and {@code notify_all} are named {@code waitFor}, {@code
 * signal} and {@code signalAll} here, because {@code Object.wait()}, {@code notify()} and {@code
 * notifyAll()} are final. Belongs to one loop; see the package documentation.
 */
public final class Condition {
  private final LoopOwner owner = new LoopOwner("Condition");
  private final Waiters<Boolean> waiters = new Waiters<>();

  /** A future completed with true when a later {@link #signal} wakes this waiter. */
  public CompletableFuture<Boolean> waitFor() {
    return waitFor(null);
  }

  /**
   * As {@link #waitFor()}, but completed with false (not failed) if no signal came within {@code
   * timeout}, as Tornado's {@code Condition.wait} resolves to False. A null timeout waits forever.
   */
  public CompletableFuture<Boolean> waitFor(Duration timeout) {
    IOLoop loop = owner.check("waitFor");
    return waiters.add(loop, timeout, w -> w.complete(false));
  }

  /** Wakes the oldest waiter, if any. */
  public void signal() {
    signal(1);
  }

  /**
   * Wakes the {@code n} oldest waiters (fewer if fewer wait), in the order they began waiting.
   * Waiters that timed out do not count. A woken waiter that signals again, from inside this call,
   * wakes the next ones.
   */
  public void signal(int n) {
    owner.check("signal");
    if (n < 0) {
      throw new IllegalArgumentException("[SignalCount] signal(n) needs n >= 0, got " + n);
    }
    List<CompletableFuture<Boolean>> woken = waiters.poll(n);
    for (CompletableFuture<Boolean> waiter : woken) {
      waiter.complete(true);
    }
  }

  /** Wakes every waiter, oldest first. */
  public void signalAll() {
    signal(Integer.MAX_VALUE);
  }

  /** The number of pending waiters (for tests and diagnostics). */
  int waiterCount() {
    return waiters.size();
  }

  @Override
  public String toString() {
    int waiting = waiters.rawSize();
    return "Condition" + (waiting > 0 ? "[waiters:" + waiting + "]" : "");
  }
}

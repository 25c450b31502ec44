package dev.cyclone.locks;

import dev.cyclone.ioloop.IOLoop;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Confines an object to one {@link IOLoop}: the loop of the thread that created it, or else the loop
 * that first uses it. Every later use from another thread fails loudly instead of racing.
 *
 * <p>Cyclone's locks and queues are, like Tornado's, not thread-safe: they coordinate coroutines of
 * one loop. Code on another thread hands work to the owning loop with {@link IOLoop#addCallback}.
 * Applications may use this class for their own loop-confined objects.
 */
public final class LoopOwner {
  private final String kind;
  private final AtomicReference<IOLoop> loop = new AtomicReference<>();

  /**
   * An owner for an object of the given kind (named in error messages, e.g. {@code "Lock"}). Called
   * on any thread; on a loop thread the object belongs to that loop from now on.
   */
  public LoopOwner(String kind) {
    this.kind = kind;
    loop.set(IOLoop.currentOrNull());
  }

  /**
   * Checks that the caller runs on the owning loop (binding the object to the caller's loop on first
   * use) and returns that loop. Called at the start of every operation of the confined object.
   *
   * @throws IllegalStateException tagged {@code [LoopConfined]} when called off a loop thread or
   *     from another loop's thread
   */
  public IOLoop check(String operation) {
    IOLoop current = IOLoop.currentOrNull();
    if (current == null) {
      throw new IllegalStateException(
          "[LoopConfined] "
              + kind
              + "."
              + operation
              + "() was called on thread "
              + Thread.currentThread().getName()
              + ", which runs no IOLoop. A "
              + kind
              + " belongs to one IOLoop; call it from that loop, e.g. loop.addCallback(() -> ...).");
    }
    IOLoop owner = loop.get();
    if (owner == null && loop.compareAndSet(null, current)) {
      return current;
    }
    owner = loop.get();
    if (owner != current) {
      throw new IllegalStateException(
          "[LoopConfined] "
              + kind
              + "."
              + operation
              + "() was called on "
              + current
              + " but this "
              + kind
              + " belongs to "
              + owner
              + ". Use one "
              + kind
              + " per loop, or hand the call to its loop with owner.addCallback(...).");
    }
    return current;
  }

  /** The owning loop, or null while the object has not been used on any loop. Thread-safe. */
  public IOLoop loop() {
    return loop.get();
  }
}

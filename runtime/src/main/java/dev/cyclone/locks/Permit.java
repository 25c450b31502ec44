package dev.cyclone.locks;

/**
 * Proof that a {@link Semaphore} or {@link Lock} was acquired; closing it releases it, so a permit
 * works with try-with-resources (Tornado's {@code with (yield lock.acquire()):}).
 *
 * <pre>{@code
 * try (Permit held = await(lock.acquire())) {
 *   ... // at most one coroutine runs here at a time
 * }
 * }</pre>
 *
 * <p>Called on the owning loop, like the semaphore itself.
 */
public final class Permit implements AutoCloseable {
  private final Semaphore semaphore;
  private boolean released;

  Permit(Semaphore semaphore) {
    this.semaphore = semaphore;
  }

  /**
   * Releases the permit: the semaphore's {@code release()}. Closing it again does nothing, so an
   * explicit {@code close()} inside a try-with-resources block is harmless.
   */
  @Override
  public void close() {
    if (!released) {
      semaphore.release();
      released = true;
    }
  }

  @Override
  public String toString() {
    return "Permit[" + (released ? "released" : "held") + " of " + semaphore + "]";
  }
}

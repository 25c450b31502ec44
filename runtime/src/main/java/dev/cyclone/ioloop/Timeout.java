package dev.cyclone.ioloop;

/**
 * A handle on a callback scheduled with {@link IOLoop#callLater} or {@link IOLoop#callAt}.
 * Thread-safe.
 */
public interface Timeout {
  /**
   * Cancels the callback if it has not run yet. Returns true if this call prevented it from
   * running; false if it already ran, is running, or was cancelled before.
   */
  boolean cancel();

  /** True once the callback was cancelled. */
  boolean isCancelled();
}

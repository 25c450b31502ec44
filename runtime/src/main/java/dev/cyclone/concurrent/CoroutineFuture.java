package dev.cyclone.concurrent;

import java.util.concurrent.CompletableFuture;

/**
 * The future a compiled {@code @Coroutine} returns. It is a plain {@link CompletableFuture} to its
 * callers; cancelling it also cancels the coroutine at the {@code await} where it is suspended
 * (raising {@link java.util.concurrent.CancellationException} there, so its {@code finally} blocks
 * run).
 *
 * <p>It is the coroutine's state machine itself ({@link AbstractCoroutine} is its only subclass):
 * a call allocates one object, not a state machine and a future. The futures derived from it
 * ({@code thenApply}, {@code copy()}, ...) are plain {@code CompletableFuture}s, and so is the
 * future of a call that ended without ever suspending (it is complete: there is nothing left to
 * cancel).
 */
public abstract class CoroutineFuture<T> extends CompletableFuture<T> {
  /** Only {@link AbstractCoroutine} extends it. */
  CoroutineFuture() {}

  /**
   * Cancels the coroutine: this future completes with a {@code CancellationException} at once, and
   * the coroutine is resumed on its loop with that exception at its current {@code await}.
   * Thread-safe.
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      cancelled$();
    }
    return cancelled;
  }

  /** A plain {@code CompletableFuture}: never a coroutine, which only generated code creates. */
  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new CompletableFuture<>();
  }

  /** Called on any thread once this future is cancelled: interrupts the coroutine's current await. */
  abstract void cancelled$();
}

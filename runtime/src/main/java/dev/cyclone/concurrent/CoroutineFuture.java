package dev.cyclone.concurrent;

import java.util.concurrent.CompletableFuture;

/**
 * The future a compiled {@code @Coroutine} returns. It is a plain {@link CompletableFuture} to its
 * callers; cancelling it also cancels the coroutine at the {@code await} where it is suspended
 * (raising {@link java.util.concurrent.CancellationException} there, so its {@code finally} blocks
 * run).
 */
public final class CoroutineFuture<T> extends CompletableFuture<T> {
  private final AbstractCoroutine<T> coroutine;

  CoroutineFuture(AbstractCoroutine<T> coroutine) {
    this.coroutine = coroutine;
  }

  /**
   * Cancels the coroutine: this future completes with a {@code CancellationException} at once, and
   * the coroutine is resumed on its loop with that exception at its current {@code await}.
   * Thread-safe.
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      coroutine.cancelled$();
    }
    return cancelled;
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new CompletableFuture<>();
  }
}

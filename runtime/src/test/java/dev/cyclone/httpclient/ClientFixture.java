package dev.cyclone.httpclient;

import dev.cyclone.locks.TestLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/** Runs fetches on a test loop and waits for their outcome. */
final class ClientFixture {
  private ClientFixture() {}

  /** Starts {@code fetch} on the loop and returns its response (throwing its failure). */
  static HTTPResponse get(TestLoop t, Supplier<CompletableFuture<HTTPResponse>> fetch) {
    return t.await(fetch);
  }

  /** Starts {@code fetch} on the loop and returns what it failed with; fails if it succeeded. */
  static Throwable failure(TestLoop t, Supplier<? extends CompletableFuture<?>> fetch) {
    Throwable failure = t.await(() -> fetch.get().handle((v, x) -> x == null ? null : unwrap(x)));
    if (failure == null) {
      throw new AssertionError("expected the fetch to fail, but it succeeded");
    }
    return failure;
  }

  /** {@code failure} as the expected type, with a helpful assertion error otherwise. */
  static <E extends Throwable> E failure(
      TestLoop t, Class<E> type, Supplier<? extends CompletableFuture<?>> fetch) {
    Throwable failure = failure(t, fetch);
    if (!type.isInstance(failure)) {
      throw new AssertionError("expected " + type.getSimpleName() + " but got " + failure, failure);
    }
    return type.cast(failure);
  }

  /** True when {@code type} appears in {@code t}'s cause chain. */
  static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  /** Waits up to ten seconds for {@code condition}, checking every few milliseconds. */
  static void eventually(String what, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}

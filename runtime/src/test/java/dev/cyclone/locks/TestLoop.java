package dev.cyclone.locks;

import dev.cyclone.ioloop.IOLoop;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * A private IOLoop for a test class, and ways to run test code on it. Everything in the loop-confined
 * packages must be called on a loop thread; tests hand their steps to the loop and wait here.
 */
public final class TestLoop implements AutoCloseable {
  /** Longest a test waits for the loop: a hung test fails instead of hanging the build. */
  public static final Duration LIMIT = Duration.ofSeconds(10);

  /** A step of a test, run on the loop. */
  @FunctionalInterface
  public interface Step {
    void run() throws Exception;
  }

  /** A step that computes a value on the loop. */
  @FunctionalInterface
  public interface Call<T> {
    T call() throws Exception;
  }

  private final IOLoop loop;

  public TestLoop(String name) {
    loop = IOLoop.create(name);
  }

  public IOLoop loop() {
    return loop;
  }

  /** Runs {@code step} on the loop and waits for it; its exceptions and assertion errors surface here. */
  public void run(Step step) {
    call(
        () -> {
          step.run();
          return null;
        });
  }

  /** Runs {@code call} on the loop and returns its value. */
  public <T> T call(Call<T> call) {
    return loop.runSync(
        () -> {
          try {
            return CompletableFuture.completedFuture(call.call());
          } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
          }
        },
        LIMIT);
  }

  /** Starts {@code fn} on the loop and waits for the future it returns (at most {@link #LIMIT}). */
  public <T> T await(Supplier<? extends CompletionStage<T>> fn) {
    return loop.runSync(fn, LIMIT);
  }

  /** The exception a completed future failed with, unwrapped; fails if it did not fail. */
  public static Throwable failure(CompletableFuture<?> future) {
    if (!future.isCompletedExceptionally()) {
      throw new AssertionError("expected a failed future, got " + future);
    }
    try {
      future.join();
      throw new AssertionError("unreachable");
    } catch (CompletionException | java.util.concurrent.CancellationException e) {
      Throwable t = e;
      while ((t instanceof CompletionException || t instanceof ExecutionException)
          && t.getCause() != null) {
        t = t.getCause();
      }
      return t;
    }
  }

  @Override
  public void close() {
    loop.close();
  }
}

package dev.cyclone.gen;

import dev.cyclone.concurrent.Futures;

import dev.cyclone.ioloop.ExceptionContext;
import dev.cyclone.ioloop.IOLoop;
import io.netty.util.concurrent.ScheduledFuture;
import dev.cyclone.ioloop.Timeout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tornado's {@code gen} functions for coroutines: {@link #sleep}, {@link #moment}, {@link #multi},
 * {@link #withTimeout}. Every future returned completes on the loop of the thread that called (see
 * the package documentation).
 */
public final class Gen {
  private static final Logger log = LoggerFactory.getLogger(Gen.class);

  private Gen() {}

  /**
   * A future completed with null on the caller's loop after {@code delay}: the non-blocking
   * {@code Thread.sleep} of coroutines. Cancelling the future cancels the timer.
   */
  public static CompletableFuture<Void> sleep(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    Wakeup done = new Wakeup();
    done.timer =
        IOLoop.current()
            .eventLoop()
            .schedule(done, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    return done;
  }

  /**
   * A future completed with null at the caller's loop's next turn: awaiting it lets every callback
   * already scheduled run first (Tornado's {@code gen.moment}). A fresh future on each call.
   */
  public static CompletableFuture<Void> moment() {
    Wakeup done = new Wakeup();
    IOLoop.current().eventLoop().execute(done);
    return done;
  }

  /**
   * The future of {@link #sleep} and {@link #moment}, and the loop task that completes it: one
   * object where a future, a callback, its wrappers and a cancellation hook would be several (a
   * sleeping request holds it for the whole sleep). What runs on completion runs in the caller's
   * exception context, as a callback scheduled by the caller would. Cancelling it cancels the
   * timer.
   */
  private static final class Wakeup extends CompletableFuture<Void> implements Runnable {
    private final ExceptionContext context = ExceptionContext.current();
    /** The sleep's timer; null for a moment. */
    volatile ScheduledFuture<?> timer;

    @Override
    public void run() {
      if (context == null) {
        complete(null);
      } else {
        ExceptionContext previous = context.enter();
        try {
          complete(null);
        } finally {
          ExceptionContext.exit(previous);
        }
      }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      ScheduledFuture<?> t = timer;
      if (cancelled && t != null) {
        t.cancel(false);
      }
      return cancelled;
    }
  }

  /**
   * A future of every value of {@code futures}, in their order, completed on the caller's loop when
   * all have completed, or failed as soon as one fails (with that failure, unwrapped). Failures of
   * the others after the first are logged, not lost; the others are not cancelled. An empty list
   * gives an empty list at once.
   */
  public static <T> CompletableFuture<List<T>> multi(
      List<? extends CompletionStage<? extends T>> futures) {
    Objects.requireNonNull(futures, "futures");
    IOLoop loop = IOLoop.current();
    List<T> values = new ArrayList<>(futures.size());
    for (int i = 0; i < futures.size(); i++) {
      values.add(null);
    }
    CompletableFuture<List<T>> all = new CompletableFuture<>();
    Countdown countdown = new Countdown(futures.size(), () -> all.complete(values));
    for (int i = 0; i < futures.size(); i++) {
      int index = i;
      futures
          .get(i)
          .whenComplete(
              (value, failure) ->
                  Loops.onLoop(
                      loop,
                      () -> {
                        if (failure != null) {
                          failFirst(all, failure);
                        } else {
                          values.set(index, value);
                          countdown.down();
                        }
                      }));
    }
    return all;
  }

  /**
   * As {@link #multi(List)} for a map of futures: a future of a map from the same keys (in the
   * input's iteration order) to their values.
   */
  public static <K, V> CompletableFuture<Map<K, V>> multi(
      Map<K, ? extends CompletionStage<? extends V>> futures) {
    Objects.requireNonNull(futures, "futures");
    List<K> keys = new ArrayList<>(futures.keySet());
    List<CompletionStage<? extends V>> stages = new ArrayList<>(futures.values());
    return multi(stages)
        .thenApply(
            values -> {
              Map<K, V> byKey = new LinkedHashMap<>();
              for (int i = 0; i < keys.size(); i++) {
                byKey.put(keys.get(i), values.get(i));
              }
              return byKey;
            });
  }

  /**
   * A future with the outcome of {@code future}, or failed with a {@link TimeoutException} if that
   * has not come within {@code timeout}; either way completed on the caller's loop. On timeout
   * {@code future} is left alone, not cancelled (as Tornado's {@code with_timeout}): cancel it
   * yourself if the work should stop. If it fails after the timeout, its failure is logged.
   */
  public static <T> CompletableFuture<T> withTimeout(
      Duration timeout, CompletionStage<T> future) {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(future, "future");
    IOLoop loop = IOLoop.current();
    CompletableFuture<T> result = new CompletableFuture<>();
    Timeout timer =
        loop.callLater(
            timeout,
            () -> result.completeExceptionally(new TimeoutException("Timeout after " + timeout)));
    future.whenComplete(
        (value, failure) ->
            Loops.onLoop(
                loop,
                () -> {
                  timer.cancel();
                  if (result.isDone()) {
                    if (failure != null
                        && !(Futures.unwrap(failure) instanceof CancellationException)) {
                      log.error("Future failed after withTimeout() gave up on it", Futures.unwrap(failure));
                    }
                  } else if (failure != null) {
                    result.completeExceptionally(Futures.unwrap(failure));
                  } else {
                    result.complete(value);
                  }
                }));
    return result;
  }

  private static void failFirst(CompletableFuture<?> all, Throwable failure) {
    Throwable cause = Futures.unwrap(failure);
    if (!all.completeExceptionally(cause) && !(cause instanceof CancellationException)) {
      log.error("Multiple exceptions in multi(); the first was raised, this one is logged", cause);
    }
  }

  /** Runs an action when counted down to zero; at once when it starts at zero. Loop-confined. */
  private static final class Countdown {
    private int remaining;
    private final Runnable action;

    Countdown(int count, Runnable action) {
      this.remaining = count;
      this.action = action;
      if (count == 0) {
        action.run();
      }
    }

    void down() {
      if (--remaining == 0) {
        action.run();
      }
    }
  }
}

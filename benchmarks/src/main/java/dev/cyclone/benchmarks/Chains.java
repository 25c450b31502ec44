package dev.cyclone.benchmarks;

import static dev.cyclone.concurrent.Coroutines.await;

import dev.cyclone.annotations.Coroutine;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;

/**
 * The same loops of awaits written twice: as {@code @Coroutine} methods (compiled by Cyclone's
 * processor), and by hand with {@code thenCompose}. Both run on the IOLoop's thread.
 */
public class Chains {
  /** Sums {@code futures}, awaiting each in turn. */
  @Coroutine
  public CompletableFuture<Long> sumCoroutine(CompletableFuture<Integer>[] futures) {
    long sum = 0;
    for (CompletableFuture<Integer> f : futures) {
      sum += await(f);
    }
    return CompletableFuture.completedFuture(sum);
  }

  /** Sums {@code futures} with a thenCompose step for each. */
  public CompletableFuture<Long> sumThenCompose(CompletableFuture<Integer>[] futures) {
    return step(futures, 0, 0L);
  }

  private static CompletableFuture<Long> step(CompletableFuture<Integer>[] futures, int i, long sum) {
    if (i == futures.length) {
      return CompletableFuture.completedFuture(sum);
    }
    return futures[i].thenCompose(v -> step(futures, i + 1, sum + v));
  }

  /**
   * {@code n} real suspensions: each await is on a future that a task queued on the loop completes,
   * so the coroutine suspends and is resumed by the loop every time.
   */
  @Coroutine
  public CompletableFuture<Long> suspendCoroutine(EventLoop loop, int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += await(completedLater(loop, i));
    }
    return CompletableFuture.completedFuture(sum);
  }

  /** The same suspensions, chained by hand. */
  public CompletableFuture<Long> suspendThenCompose(EventLoop loop, int n) {
    return suspendStep(loop, 0, n, 0L);
  }

  private static CompletableFuture<Long> suspendStep(EventLoop loop, int i, int n, long sum) {
    if (i == n) {
      return CompletableFuture.completedFuture(sum);
    }
    return completedLater(loop, i).thenCompose(v -> suspendStep(loop, i + 1, n, sum + v));
  }

  /** One await in a coroutine of its own: the cost of a call (state machine, future) plus one await. */
  @Coroutine
  public CompletableFuture<Integer> plusOneCoroutine(CompletableFuture<Integer> future) {
    int v = await(future);
    return CompletableFuture.completedFuture(v + 1);
  }

  /** The same single step with thenCompose. */
  public CompletableFuture<Integer> plusOneThenCompose(CompletableFuture<Integer> future) {
    return future.thenCompose(v -> CompletableFuture.completedFuture(v + 1));
  }

  /** Calls {@link #plusOneCoroutine} on each of {@code futures} (all complete) and sums the results. */
  public long callEachCoroutine(CompletableFuture<Integer>[] futures) {
    long sum = 0;
    for (CompletableFuture<Integer> f : futures) {
      sum += plusOneCoroutine(f).getNow(-1) - 1;
    }
    return sum;
  }

  /** Calls {@link #plusOneThenCompose} on each of {@code futures} (all complete) and sums the results. */
  public long callEachThenCompose(CompletableFuture<Integer>[] futures) {
    long sum = 0;
    for (CompletableFuture<Integer> f : futures) {
      sum += plusOneThenCompose(f).getNow(-1) - 1;
    }
    return sum;
  }

  /**
   * The loop of {@link #sumCoroutine} in a thread that blocks: {@code join()} on each future. Meant
   * for a virtual thread.
   */
  public static long sumJoin(CompletableFuture<Integer>[] futures) {
    long sum = 0;
    for (CompletableFuture<Integer> f : futures) {
      sum += f.join();
    }
    return sum;
  }

  /**
   * The loop of {@link #suspendCoroutine} in a thread that blocks: each future is completed by a task
   * on {@code loop}, and the thread (a virtual one: it unmounts) parks in {@code join()} until then.
   */
  public static long suspendJoin(EventLoop loop, int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += completedLater(loop, i).join();
    }
    return sum;
  }

  static CompletableFuture<Integer> completedLater(EventLoop loop, int value) {
    CompletableFuture<Integer> f = new CompletableFuture<>();
    loop.execute(() -> f.complete(value));
    return f;
  }
}

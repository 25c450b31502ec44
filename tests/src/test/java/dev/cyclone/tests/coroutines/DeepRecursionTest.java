package dev.cyclone.tests.coroutines;

import static dev.cyclone.concurrent.Coroutines.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.annotations.Coroutine;
import dev.cyclone.gen.Gen;
import dev.cyclone.testing.AsyncTestCase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Chains of coroutines that complete without suspending are bounded by the heap, not by the loop
 * thread's stack: past a nesting depth a start (or an inline resumption) goes through the loop
 * instead of deeper into the stack.
 */
class DeepRecursionTest extends AsyncTestCase {
  private final Parity parity = new DeepRecursionTest_Parity_Coroutines();

  @Override
  protected Duration getAsyncTestTimeout() {
    return Duration.ofSeconds(60);
  }

  /** A new user's first recursive coroutines: each awaits the other on n - 1. */
  static class Parity {
    final List<String> effects = new ArrayList<>();

    @Coroutine
    CompletableFuture<Boolean> isEven(int n) {
      if (n == 0) {
        return CompletableFuture.completedFuture(true);
      }
      return CompletableFuture.completedFuture(await(isOdd(n - 1)));
    }

    @Coroutine
    CompletableFuture<Boolean> isOdd(int n) {
      if (n == 0) {
        return CompletableFuture.completedFuture(false);
      }
      return CompletableFuture.completedFuture(await(isEven(n - 1)));
    }

    /** Sums 1..n recursively, suspending on a real timer at the bottom once. */
    @Coroutine
    CompletableFuture<Long> sumDown(int n) {
      if (n == 0) {
        await(Gen.moment());
        return CompletableFuture.completedFuture(0L);
      }
      long below = await(sumDown(n - 1));
      return CompletableFuture.completedFuture(below + n);
    }

    /** Logs before and after each level: the order must be the blocking order. */
    @Coroutine
    CompletableFuture<Void> nest(int n) {
      effects.add("enter " + n);
      if (n > 0) {
        await(nest(n - 1));
      }
      effects.add("leave " + n);
      return CompletableFuture.completedFuture(null);
    }
  }

  @Test
  void mutualRecursionAMillionDeepCompletesOnALoopThread() {
    assertTrue(runSync(() -> parity.isEven(1_000_000)));
    assertFalse(runSync(() -> parity.isOdd(1_000_000)));
    assertTrue(runSync(() -> parity.isOdd(999_999)));
  }

  @Test
  void aDeepChainWhoseBottomSuspendsUnwindsWithoutOverflow() {
    int n = 200_000;
    assertEquals((long) n * (n + 1) / 2, runSync(() -> parity.sumDown(n)));
  }

  @Test
  void effectsHappenInTheOrderTheyAreWrittenAtAnyDepth() {
    int n = 20_000;
    runSync(() -> parity.nest(n));
    List<String> expected = new ArrayList<>();
    for (int i = n; i >= 0; i--) {
      expected.add("enter " + i);
    }
    for (int i = 0; i <= n; i++) {
      expected.add("leave " + i);
    }
    assertEquals(expected, parity.effects);
  }
}

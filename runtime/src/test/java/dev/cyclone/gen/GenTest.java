package dev.cyclone.gen;

import dev.cyclone.testing.ExpectLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.locks.TestLoop;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@link Gen}: sleep, moment, multi, withTimeout; after Tornado's gen_test. */
class GenTest {
  private static final TestLoop t = new TestLoop("gen-test");
  private static final ExecutorService other = Executors.newSingleThreadExecutor();

  @AfterAll
  static void close() {
    t.close();
    other.shutdownNow();
  }

  @Test
  void sleepCompletesOnTheCallersLoopAfterTheDelay() {
    long start = System.nanoTime();
    Thread thread =
        t.await(() -> Gen.sleep(Duration.ofMillis(30)).thenApply(v -> Thread.currentThread()));
    assertTrue(System.nanoTime() - start >= Duration.ofMillis(30).toNanos());
    assertSame(t.call(Thread::currentThread), thread);
  }

  @Test
  void cancelledSleepNeverCompletes() {
    t.run(
        () -> {
          CompletableFuture<Void> sleep = Gen.sleep(Duration.ofMillis(1));
          assertTrue(sleep.cancel(false));
        });
  }

  @Test
  void cancellingASleepReleasesItsTimer() throws InterruptedException {
    WeakReference<CompletableFuture<Void>> sleep =
        t.call(
            () -> {
              CompletableFuture<Void> hour = Gen.sleep(Duration.ofHours(1));
              assertTrue(hour.cancel(false));
              return new WeakReference<>(hour);
            });
    for (int i = 0; i < 50 && sleep.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(sleep.get(), "the loop's timer queue no longer holds the cancelled hour-long sleep");
  }

  /**
   * Two chains that each await five times: with completed futures, each runs to its end before
   * the other starts; with moment() they take turns, since each step waits for the loop's next turn.
   */
  @Test
  void momentLetsOtherCallbacksRun() {
    StringBuilder calls = new StringBuilder();
    t.await(
        () ->
            Gen.multi(
                List.of(
                    steps("a", 5, calls, () -> CompletableFuture.completedFuture(null)),
                    steps("b", 5, calls, () -> CompletableFuture.completedFuture(null)))));
    assertEquals("aaaaabbbbb", calls.toString());
    calls.setLength(0);
    t.await(() -> Gen.multi(List.of(steps("a", 5, calls, Gen::moment), steps("b", 5, calls, Gen::moment))));
    assertEquals("ababababab", calls.toString());
  }

  private static CompletableFuture<Void> steps(
      String name, int n, StringBuilder calls, Supplier<CompletableFuture<Void>> yieldable) {
    if (n == 0) {
      return CompletableFuture.completedFuture(null);
    }
    calls.append(name);
    return yieldable.get().thenCompose(v -> steps(name, n - 1, calls, yieldable));
  }

  @Test
  void multiKeepsTheInputOrder() {
    List<String> values =
        t.await(
            () -> {
              CompletableFuture<String> slow = new CompletableFuture<>();
              CompletableFuture<String> fast = new CompletableFuture<>();
              t.loop().callLater(Duration.ofMillis(20), () -> slow.complete("slow"));
              t.loop().callLater(Duration.ofMillis(1), () -> fast.complete("fast"));
              return Gen.multi(List.of(slow, fast, CompletableFuture.completedFuture("done")));
            });
    assertEquals(List.of("slow", "fast", "done"), values);
  }

  @Test
  void multiOfAMapKeepsKeysInOrder() {
    Map<String, Integer> values =
        t.await(
            () -> {
              Map<String, CompletableFuture<Integer>> in = new LinkedHashMap<>();
              in.put("z", Gen.sleep(Duration.ofMillis(5)).thenApply(v -> 1));
              in.put("a", CompletableFuture.completedFuture(2));
              return Gen.multi(in);
            });
    assertEquals(List.of("z", "a"), new ArrayList<>(values.keySet()));
    assertEquals(Map.of("z", 1, "a", 2), values);
  }

  @Test
  void multiOfNothingIsDoneAtOnce() {
    t.run(
        () -> {
          assertEquals(List.of(), Gen.multi(List.<CompletableFuture<String>>of()).join());
          assertEquals(Map.of(), Gen.multi(Map.<String, CompletableFuture<String>>of()).join());
        });
  }

  @Test
  void multiFailsWithTheFirstErrorWithoutWaitingForTheRest() {
    CompletableFuture<String> never = new CompletableFuture<>();
    CompletableFuture<List<String>> all;
    try (ExpectLog logged = ExpectLog.of("dev.cyclone.gen.Gen", "Multiple exceptions in multi()")) {
      all = t.call(
            () -> {
              CompletableFuture<String> first = new CompletableFuture<>();
              CompletableFuture<String> second = new CompletableFuture<>();
              CompletableFuture<List<String>> m = Gen.multi(List.of(never, first, second));
              first.completeExceptionally(new IllegalStateException("first"));
              second.completeExceptionally(new QuietError("second")); // logged
              return m;
            });
    }
    Throwable failure = TestLoop.failure(all);
    assertInstanceOf(IllegalStateException.class, failure);
    assertEquals("first", failure.getMessage());
    assertFalse(never.isDone());
  }

  @Test
  void multiCompletesOnTheCallersLoopWhenInputsCompleteElsewhere() {
    Thread loopThread = t.call(Thread::currentThread);
    Thread completedOn =
        t.await(
            () ->
                Gen.multi(List.of(CompletableFuture.supplyAsync(() -> "x", other)))
                    .thenApply(v -> Thread.currentThread()));
    assertSame(loopThread, completedOn);
  }

  @Test
  void withTimeoutFailsWithTimeoutExceptionAndLeavesTheFutureAlone() {
    CompletableFuture<String> inner = new CompletableFuture<>();
    CompletableFuture<String> timed = t.call(() -> Gen.withTimeout(Duration.ofMillis(10), inner));
    t.await(() -> timed.handle((v, x) -> null));
    assertInstanceOf(TimeoutException.class, TestLoop.failure(timed));
    assertFalse(inner.isDone());
    try (ExpectLog logged = ExpectLog.of("dev.cyclone.gen.Gen", "after withTimeout() gave up")) {
      inner.completeExceptionally(new QuietError("late failure, logged"));
      t.call(() -> null); // the loop logs it, in a callback queued before this one
    }
  }

  @Test
  void withTimeoutPassesAResultThatComesInTime() {
    String value =
        t.await(
            () ->
                Gen.withTimeout(
                    Duration.ofSeconds(5), Gen.sleep(Duration.ofMillis(5)).thenApply(v -> "ok")));
    assertEquals("ok", value);
  }

  @Test
  void withTimeoutPassesAFailureThatComesInTime() {
    CompletableFuture<String> timed =
        t.call(
            () ->
                Gen.withTimeout(
                    Duration.ofSeconds(5),
                    CompletableFuture.<String>failedFuture(new IllegalStateException("boom"))));
    assertInstanceOf(IllegalStateException.class, TestLoop.failure(timed));
  }

  @Test
  void withTimeoutOfADoneFutureIsDoneAtOnce() {
    t.run(
        () -> {
          CompletableFuture<String> timed =
              Gen.withTimeout(Duration.ofMillis(1), CompletableFuture.completedFuture("now"));
          assertEquals("now", timed.getNow(null));
        });
  }

  @Test
  void withTimeoutCompletesOnTheCallersLoop() {
    Thread loopThread = t.call(Thread::currentThread);
    Thread completedOn =
        t.await(
            () ->
                Gen.withTimeout(Duration.ofSeconds(5), CompletableFuture.supplyAsync(() -> 1, other))
                    .thenApply(v -> Thread.currentThread()));
    assertSame(loopThread, completedOn);
    assertSame(t.loop(), t.call(IOLoop::currentOrNull));
  }

  /** An error without a stack trace, for failures the code under test logs. */
  private static final class QuietError extends RuntimeException {
    QuietError(String message) {
      super(message, null, false, false);
    }
  }
}

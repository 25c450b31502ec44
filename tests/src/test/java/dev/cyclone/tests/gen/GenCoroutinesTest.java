package dev.cyclone.tests.gen;

import static dev.cyclone.concurrent.Coroutines.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.annotations.Coroutine;
import dev.cyclone.gen.Gen;
import dev.cyclone.gen.WaitIterator;
import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.testing.AsyncTestCase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * {@code dev.cyclone.gen} used from compiled coroutines, as applications use it: {@code sleep},
 * {@code multi}, {@code withTimeout}, {@code moment} and {@code WaitIterator}.
 */
class GenCoroutinesTest extends AsyncTestCase {
  private final Scenarios scenarios = new GenCoroutinesTest_Scenarios_Coroutines();

  /** The coroutines under test; the processor compiles them into GenCoroutinesTest_Scenarios_Coroutines. */
  static class Scenarios {
    final List<String> log = new ArrayList<>();

    @Coroutine
    CompletableFuture<Long> sleepFor(long ms) {
      long start = System.nanoTime();
      await(Gen.sleep(Duration.ofMillis(ms)));
      return CompletableFuture.completedFuture((System.nanoTime() - start) / 1_000_000);
    }

    @Coroutine
    CompletableFuture<Void> sleepThenLog(String name, long ms) {
      await(Gen.sleep(Duration.ofMillis(ms)));
      log.add(name);
      return CompletableFuture.completedFuture(null);
    }

    /** Two sleepers run at once; the shorter one logs first. */
    @Coroutine
    CompletableFuture<List<String>> sleepersInterleave() {
      CompletableFuture<Void> slow = sleepThenLog("slow", 150);
      CompletableFuture<Void> fast = sleepThenLog("fast", 10);
      log.add("both started");
      await(Gen.multi(List.of(slow, fast)));
      return CompletableFuture.completedFuture(log);
    }

    /** multi keeps the input order, whatever the completion order. */
    @Coroutine
    CompletableFuture<List<Integer>> multiInInputOrder() {
      CompletableFuture<Integer> first = new CompletableFuture<>();
      CompletableFuture<Integer> second = new CompletableFuture<>();
      CompletableFuture<Integer> third = new CompletableFuture<>();
      IOLoop.current().addCallback(() -> third.complete(3));
      IOLoop.current().addCallback(() -> first.complete(1));
      IOLoop.current().addCallback(() -> second.complete(2));
      List<Integer> values = await(Gen.multi(List.of(first, second, third)));
      return CompletableFuture.completedFuture(values);
    }

    /** multi fails with the first failure, thrown at the await as it is. */
    @Coroutine
    CompletableFuture<String> multiFailsWithTheFirstError() {
      CompletableFuture<Integer> ok = CompletableFuture.completedFuture(1);
      CompletableFuture<Integer> bad = new CompletableFuture<>();
      CompletableFuture<Integer> never = new CompletableFuture<>();
      IOLoop.current().addCallback(() -> bad.completeExceptionally(new IllegalStateException("boom")));
      try {
        await(Gen.multi(List.of(ok, bad, never)));
        return CompletableFuture.completedFuture("no failure");
      } catch (IllegalStateException e) {
        return CompletableFuture.completedFuture("caught " + e.getMessage() + ", never done: " + never.isDone());
      }
    }

    @Coroutine
    CompletableFuture<Map<String, Integer>> multiOfAMap() {
      Map<String, CompletableFuture<Integer>> futures = new LinkedHashMap<>();
      futures.put("b", later(2));
      futures.put("a", later(1));
      Map<String, Integer> values = await(Gen.multi(futures));
      return CompletableFuture.completedFuture(values);
    }

    @Coroutine
    CompletableFuture<Integer> multiOfNothing() {
      List<CompletableFuture<Integer>> none = List.of();
      return CompletableFuture.completedFuture(await(Gen.multi(none)).size());
    }

    /** A future that never completes times out; the future itself is left alone. */
    @Coroutine
    CompletableFuture<String> withTimeoutGivesUp() {
      CompletableFuture<String> never = new CompletableFuture<>();
      try {
        String value = await(Gen.withTimeout(Duration.ofMillis(50), never), TimeoutException.class);
        return CompletableFuture.completedFuture("got " + value);
      } catch (TimeoutException e) {
        return CompletableFuture.completedFuture("timed out; inner cancelled: " + never.isCancelled());
      }
    }

    @Coroutine
    CompletableFuture<String> withTimeoutPassesAValueOrAFailure() {
      String value = await(Gen.withTimeout(Duration.ofSeconds(5), later("value")));
      CompletableFuture<String> failing = new CompletableFuture<>();
      IOLoop.current().addCallback(() -> failing.completeExceptionally(new IllegalArgumentException("bad")));
      try {
        await(Gen.withTimeout(Duration.ofSeconds(5), failing), TimeoutException.class);
        return CompletableFuture.completedFuture("no failure");
      } catch (TimeoutException e) {
        return CompletableFuture.completedFuture("wrong: timed out");
      } catch (IllegalArgumentException e) {
        return CompletableFuture.completedFuture(value + " then " + e.getMessage());
      }
    }

    /** Awaiting moment() lets the callbacks already scheduled run first. */
    @Coroutine
    CompletableFuture<List<String>> momentYieldsToTheLoop() {
      IOLoop.current().addCallback(() -> log.add("callback"));
      log.add("before");
      await(Gen.moment());
      log.add("after");
      return CompletableFuture.completedFuture(log);
    }

    /** WaitIterator hands out outcomes in completion order, with the key of each. */
    @Coroutine
    CompletableFuture<List<String>> waitIteratorInCompletionOrder() {
      CompletableFuture<String> a = new CompletableFuture<>();
      CompletableFuture<String> b = new CompletableFuture<>();
      CompletableFuture<String> c = new CompletableFuture<>();
      IOLoop.current().addCallback(() -> c.complete("C"));
      IOLoop.current().addCallback(() -> a.completeExceptionally(new IllegalStateException("A failed")));
      IOLoop.current().addCallback(() -> b.complete("B"));
      WaitIterator<Integer, String> it = WaitIterator.of(List.of(a, b, c));
      List<String> seen = new ArrayList<>();
      while (!it.done()) {
        try {
          String value = await(it.next());
          seen.add(it.currentKey() + "=" + value);
        } catch (IllegalStateException e) {
          seen.add(it.currentKey() + "!" + e.getMessage());
        }
      }
      return CompletableFuture.completedFuture(seen);
    }

    @Coroutine
    CompletableFuture<List<String>> waitIteratorOverAMap() {
      Map<String, CompletableFuture<Integer>> futures = new LinkedHashMap<>();
      CompletableFuture<Integer> slow = new CompletableFuture<>();
      futures.put("slow", slow);
      futures.put("done", CompletableFuture.completedFuture(1));
      IOLoop.current().addCallback(() -> slow.complete(2));
      WaitIterator<String, Integer> it = WaitIterator.of(futures);
      List<String> seen = new ArrayList<>();
      while (!it.done()) {
        int value = await(it.next());
        seen.add(it.currentKey() + "=" + value);
      }
      return CompletableFuture.completedFuture(seen);
    }

    /** A value completed at the loop's next turn. */
    static <T> CompletableFuture<T> later(T value) {
      CompletableFuture<T> future = new CompletableFuture<>();
      IOLoop.current().addCallback(() -> future.complete(value));
      return future;
    }
  }

  @Test
  void sleepWaitsWithoutBlockingTheLoop() {
    long elapsed = runSync(() -> scenarios.sleepFor(100));
    assertTrue(elapsed >= 100, "slept " + elapsed + " ms");
    assertEquals(List.of("both started", "fast", "slow"), runSync(scenarios::sleepersInterleave));
  }

  @Test
  void multiGathersInInputOrder() {
    assertEquals(List.of(1, 2, 3), runSync(scenarios::multiInInputOrder));
    assertEquals(Map.of("b", 2, "a", 1), runSync(scenarios::multiOfAMap));
    assertEquals(List.of("b", "a"), List.copyOf(runSync(scenarios::multiOfAMap).keySet()));
    assertEquals(0, runSync(scenarios::multiOfNothing));
  }

  @Test
  void multiFailsOnTheFirstError() {
    assertEquals("caught boom, never done: false", runSync(scenarios::multiFailsWithTheFirstError));
  }

  @Test
  void withTimeoutRaisesACatchableTimeoutException() {
    assertEquals("timed out; inner cancelled: false", runSync(scenarios::withTimeoutGivesUp));
    assertEquals("value then bad", runSync(scenarios::withTimeoutPassesAValueOrAFailure));
  }

  @Test
  void momentRunsPendingCallbacksFirst() {
    assertEquals(List.of("before", "callback", "after"), runSync(scenarios::momentYieldsToTheLoop));
  }

  @Test
  void waitIteratorYieldsInCompletionOrder() {
    assertEquals(List.of("2=C", "0!A failed", "1=B"), runSync(scenarios::waitIteratorInCompletionOrder));
    List<String> seen = runSync(scenarios::waitIteratorOverAMap);
    assertEquals(List.of("done=1", "slow=2"), seen);
  }
}

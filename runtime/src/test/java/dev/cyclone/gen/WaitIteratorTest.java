package dev.cyclone.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.locks.TestLoop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@link WaitIterator}, after Tornado's gen_test.WaitIteratorTest. */
class WaitIteratorTest {
  private static final TestLoop t = new TestLoop("wait-iterator-test");

  @AfterAll
  static void closeLoop() {
    t.close();
  }

  @Test
  void emptyIteratorIsDoneAtOnce() {
    t.run(
        () -> {
          WaitIterator<Integer, String> it = WaitIterator.of(List.<CompletableFuture<String>>of());
          assertTrue(it.done());
          assertNull(it.currentKey());
          IllegalStateException e = assertThrows(IllegalStateException.class, it::next);
          assertTrue(e.getMessage().startsWith("[WaitIteratorDone]"), e.getMessage());
        });
  }

  @Test
  void alreadyDoneInputsComeOutInInputOrder() {
    t.run(
        () -> {
          CompletableFuture<Integer> f1 = CompletableFuture.completedFuture(24);
          CompletableFuture<Integer> f2 = CompletableFuture.completedFuture(42);
          CompletableFuture<Integer> f3 = CompletableFuture.failedFuture(new ZeroDivisionError());
          WaitIterator<Integer, Integer> it = WaitIterator.of(List.of(f1, f2, f3));
          List<Object> seen = new ArrayList<>();
          while (!it.done()) {
            CompletableFuture<Integer> next = it.next();
            assertTrue(next.isDone());
            assertNotSame(f1, next);
            seen.add(next.isCompletedExceptionally() ? "error" : next.join());
            seen.add(it.currentKey());
            assertSame(List.of(f1, f2, f3).get(it.currentKey()), it.currentFuture());
          }
          assertEquals(List.of(24, 0, 42, 1, "error", 2), seen);
          assertNull(it.currentFuture());
        });
  }

  /** Inputs completed in the order 3, 0, 2, 1 come out in that order, failures included. */
  @Test
  void inputsComeOutInCompletionOrder() {
    List<CompletableFuture<String>> futures =
        List.of(
            new CompletableFuture<>(),
            new CompletableFuture<>(),
            new CompletableFuture<>(),
            new CompletableFuture<>());
    List<Object> seen = new ArrayList<>();
    t.await(
        () -> {
          WaitIterator<Integer, String> it = WaitIterator.of(futures);
          CompletableFuture<Void> all = drain(it, seen);
          t.loop().addCallback(() -> futures.get(3).complete("three"));
          t.loop().addCallback(() -> futures.get(0).complete("zero"));
          t.loop()
              .addCallback(() -> futures.get(2).completeExceptionally(new ZeroDivisionError()));
          t.loop().addCallback(() -> futures.get(1).complete("one"));
          return all;
        });
    assertEquals(
        List.of(3, "three", 0, "zero", 2, "ZeroDivisionError", 1, "one"), seen);
  }

  private static CompletableFuture<Void> drain(WaitIterator<Integer, String> it, List<Object> seen) {
    if (it.done()) {
      return CompletableFuture.completedFuture(null);
    }
    return it.next()
        .handle(
            (value, failure) -> {
              seen.add(it.currentKey());
              seen.add(failure != null ? failure.getClass().getSimpleName() : value);
              return null;
            })
        .thenCompose(v -> drain(it, seen));
  }

  @Test
  void mapInputsAreNamedByKey() {
    t.run(
        () -> {
          Map<String, CompletableFuture<Integer>> in = new LinkedHashMap<>();
          CompletableFuture<Integer> later = new CompletableFuture<>();
          in.put("later", later);
          in.put("now", CompletableFuture.completedFuture(1));
          WaitIterator<String, Integer> it = WaitIterator.of(in);
          assertEquals(1, it.next().join());
          assertEquals("now", it.currentKey());
          CompletableFuture<Integer> next = it.next();
          assertFalse(next.isDone());
          IllegalStateException busy = assertThrows(IllegalStateException.class, it::next);
          assertTrue(busy.getMessage().startsWith("[WaitIteratorBusy]"), busy.getMessage());
          assertFalse(it.done());
          later.complete(2);
          assertEquals(2, next.join());
          assertEquals("later", it.currentKey());
          assertTrue(it.done());
        });
  }

  @Test
  void failureIsPassedUnwrapped() {
    t.run(
        () -> {
          CompletableFuture<Integer> failed =
              CompletableFuture.supplyAsync(
                  () -> {
                    throw new ZeroDivisionError();
                  },
                  Runnable::run);
          CompletableFuture<Integer> next = WaitIterator.of(List.of(failed)).next();
          assertInstanceOf(ZeroDivisionError.class, TestLoop.failure(next));
        });
  }

  /** A stand-in for Python's error in these tests. */
  private static final class ZeroDivisionError extends ArithmeticException {}
}

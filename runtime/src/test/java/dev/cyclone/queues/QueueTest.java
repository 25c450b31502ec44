package dev.cyclone.queues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.locks.TestLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@link Queue}: order, maxsize, waiting getters and putters, timeouts; after Tornado's queues_test. */
class QueueTest {
  private static final TestLoop t = new TestLoop("queue-test");

  @AfterAll
  static void closeLoop() {
    t.close();
  }

  private static <T> void awaitSettled(List<? extends CompletableFuture<?>> futures) {
    t.await(
        () ->
            CompletableFuture.allOf(
                futures.stream().map(f -> f.handle((v, x) -> null)).toArray(CompletableFuture[]::new)));
  }

  @Test
  void toStringShowsMaxsizeWaitersAndTasks() {
    t.run(
        () -> {
          Queue<String> q = new Queue<>(1);
          q.get();
          String s = q.toString();
          assertTrue(s.startsWith("<Queue"), s);
          assertTrue(s.contains("maxsize=1"), s);
          assertTrue(s.contains("getters[1]"), s);
          assertFalse(s.contains("putters"), s);
          assertFalse(s.contains("tasks"), s);
          q.put("a");
          q.put("b");
          q.put("c"); // full: this putter waits
          s = q.toString();
          assertFalse(s.contains("getters"), s);
          assertTrue(s.contains("putters[1]"), s);
          assertTrue(s.contains("tasks=2"), s);
        });
  }

  @Test
  void itemsLeaveInTheOrderTheyCame() {
    t.run(
        () -> {
          Queue<Integer> q = new Queue<>();
          for (int i : new int[] {1, 3, 2}) {
            q.putNowait(i);
          }
          assertEquals(List.of(1, 3, 2), List.of(q.getNowait(), q.getNowait(), q.getNowait()));
        });
  }

  @Test
  void maxsizeMakesPutWait() {
    assertThrows(IllegalArgumentException.class, () -> new Queue<>(-1));
    t.run(
        () -> {
          Queue<Integer> q = new Queue<>(2);
          assertTrue(q.isEmpty());
          assertFalse(q.isFull());
          assertEquals(2, q.maxsize());
          assertTrue(q.put(0).isDone());
          assertTrue(q.put(1).isDone());
          assertFalse(q.isEmpty());
          assertTrue(q.isFull());
          CompletableFuture<Void> put2 = q.put(2);
          assertFalse(put2.isDone());
          assertEquals(0, q.get().join()); // makes room
          assertTrue(put2.isDone());
          assertFalse(q.isEmpty());
          assertTrue(q.isFull());
        });
  }

  @Test
  void getReturnsAnItemAlreadyThere() {
    t.run(
        () -> {
          Queue<Integer> q = new Queue<>();
          q.putNowait(0);
          assertEquals(0, q.get().join());
          q.putNowait(1);
          assertEquals(1, q.getNowait());
          QueueEmptyException e = assertThrows(QueueEmptyException.class, q::getNowait);
          assertTrue(e.getMessage().contains("empty"));
        });
  }

  @Test
  void getMakesRoomForAWaitingPutter() {
    t.run(
        () -> {
          Queue<Integer> q = new Queue<>(1);
          q.putNowait(0);
          CompletableFuture<Void> put = q.put(1);
          assertEquals(0, q.get().join());
          assertTrue(put.isDone());
          assertNull(put.join());
          assertEquals(1, q.getNowait());
        });
  }

  @Test
  void getWaitsForLaterPuts() {
    Queue<Integer> q = new Queue<>();
    CompletableFuture<List<Integer>> got =
        t.call(
            () -> {
              q.put(0);
              t.loop().callLater(Duration.ofMillis(10), () -> q.put(1));
              t.loop().callLater(Duration.ofMillis(20), () -> q.put(2));
              List<Integer> seen = new ArrayList<>();
              return q.get(Duration.ofSeconds(5))
                  .thenCompose(
                      a -> {
                        seen.add(a);
                        return q.get(Duration.ofSeconds(5));
                      })
                  .thenApply(
                      b -> {
                        seen.add(b);
                        return seen;
                      });
            });
    assertEquals(List.of(0, 1), t.await(() -> got));
  }

  @Test
  void getTimesOutAndTheNextGetterStillGetsTheItem() {
    Queue<Integer> q = new Queue<>();
    List<CompletableFuture<Integer>> gets =
        t.call(() -> List.of(q.get(Duration.ofMillis(10)), q.get()));
    awaitSettled(gets.subList(0, 1));
    assertInstanceOf(TimeoutException.class, TestLoop.failure(gets.get(0)));
    t.run(
        () -> {
          q.putNowait(0);
          assertEquals(0, gets.get(1).join());
        });
  }

  @Test
  void timedOutPuttersLeaveTheLine() {
    Queue<Integer> q = new Queue<>(1);
    List<CompletableFuture<Void>> timed = new ArrayList<>();
    CompletableFuture<Void> last =
        t.call(
            () -> {
              for (int i = 0; i < 10; i++) {
                timed.add(q.put(i, Duration.ofMillis(10))); // the first fits, the rest wait
              }
              assertEquals(9, q.putterCount());
              return q.put(10);
            });
    awaitSettled(timed);
    t.run(
        () -> {
          assertEquals(1, q.putterCount());
          assertFalse(last.isDone());
          q.put(11);
          assertEquals(0, q.get().join());
          assertTrue(last.isDone()); // 10 moved in when 0 left
          assertEquals(1, q.putterCount()); // 11 still waits
          assertEquals(10, q.getNowait());
          assertEquals(11, q.getNowait());
        });
    assertTrue(timed.get(0).isDone() && !timed.get(0).isCompletedExceptionally());
    for (CompletableFuture<Void> putter : timed.subList(1, timed.size())) {
      assertInstanceOf(TimeoutException.class, TestLoop.failure(putter));
    }
  }

  @Test
  void timedOutGettersLeaveTheLine() {
    Queue<Integer> q = new Queue<>();
    List<CompletableFuture<Integer>> timed = new ArrayList<>();
    CompletableFuture<Integer> last =
        t.call(
            () -> {
              for (int i = 0; i < 10; i++) {
                timed.add(q.get(Duration.ofMillis(10)));
              }
              CompletableFuture<Integer> f = q.get();
              assertEquals(11, q.getterCount());
              return f;
            });
    awaitSettled(timed);
    t.run(
        () -> {
          assertEquals(1, q.getterCount());
          assertFalse(last.isDone());
          q.put(0);
          assertEquals(0, last.join());
        });
    for (CompletableFuture<Integer> getter : timed) {
      assertInstanceOf(TimeoutException.class, TestLoop.failure(getter));
    }
  }

  @Test
  void putNowaitOnAFullQueueFails() {
    t.run(
        () -> {
          Queue<Integer> q = new Queue<>(1);
          q.put(0);
          assertThrows(QueueFullException.class, () -> q.putNowait(1));
        });
  }

  @Test
  void putHandsItemsToWaitingGettersInOrder() {
    t.run(
        () -> {
          Queue<Integer> q = new Queue<>();
          CompletableFuture<Integer> get0 = q.get();
          CompletableFuture<Integer> get1 = q.get();
          assertTrue(q.put(0).isDone());
          assertEquals(0, get0.join());
          assertFalse(get1.isDone());
          q.putNowait(1);
          assertEquals(1, get1.join());
          assertTrue(q.isEmpty());
        });
  }

  @Test
  void puttersWaitForLaterGets() {
    Queue<Integer> q = new Queue<>(1);
    CompletableFuture<Void> both =
        t.call(
            () -> {
              q.putNowait(0);
              t.loop().callLater(Duration.ofMillis(10), q::get);
              t.loop().callLater(Duration.ofMillis(20), q::get);
              List<CompletableFuture<Void>> puts = List.of(q.put(0), q.put(1));
              assertTrue(puts.stream().noneMatch(CompletableFuture::isDone));
              return CompletableFuture.allOf(puts.toArray(new CompletableFuture<?>[0]));
            });
    t.await(() -> both);
  }

  @Test
  void putTimesOutAndItsItemIsNeverPut() {
    Queue<Integer> q = new Queue<>(1);
    List<CompletableFuture<Void>> puts =
        t.call(
            () -> {
              q.putNowait(0);
              return List.of(q.put(1, Duration.ofMillis(10)), q.put(2));
            });
    awaitSettled(puts.subList(0, 1));
    assertInstanceOf(TimeoutException.class, TestLoop.failure(puts.get(0)));
    t.run(
        () -> {
          assertEquals(0, q.getNowait());
          assertEquals(2, q.get().join()); // 1 was never put
          assertTrue(puts.get(1).isDone());
        });
  }

  @Test
  void nullItemsAreRefused() {
    t.run(
        () -> {
          Queue<String> q = new Queue<>();
          NullPointerException e = assertThrows(NullPointerException.class, () -> q.put(null));
          assertTrue(e.getMessage().startsWith("[QueueNullItem]"));
        });
  }

  @Test
  void queueBelongsToOneLoop() {
    Queue<String> q = new Queue<>();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> q.put("x"));
    assertTrue(e.getMessage().startsWith("[LoopConfined] Queue.put()"), e.getMessage());
  }
}

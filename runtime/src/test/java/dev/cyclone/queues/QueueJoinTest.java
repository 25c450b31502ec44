package dev.cyclone.queues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.locks.TestLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@link Queue#taskDone()} and {@link Queue#join()}, after Tornado's queues_test.QueueJoinTest. */
class QueueJoinTest {
  private static final TestLoop t = new TestLoop("queue-join-test");

  @AfterAll
  static void closeLoop() {
    t.close();
  }

  @Test
  void taskDoneWithoutATaskFails() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> t.run(() -> new Queue<>().taskDone()));
    assertTrue(e.getMessage().startsWith("[TaskDoneTooManyTimes]"), e.getMessage());
  }

  /** Two workers share 100 items, pausing at random; join completes after the last taskDone. */
  @Test
  void joinWaitsForEveryTask() {
    Queue<Integer> q = new Queue<>();
    int[] sum = {0};
    t.await(
        () -> {
          for (int i = 0; i < 100; i++) {
            q.putNowait(i);
          }
          worker(q, sum);
          worker(q, sum);
          return q.join();
        });
    assertEquals(4950, sum[0]);
  }

  private static void worker(Queue<Integer> q, int[] sum) {
    q.get()
        .thenAccept(
            item -> {
              sum[0] += item;
              q.taskDone();
              long pause = ThreadLocalRandom.current().nextLong(0, 2);
              t.loop().callLater(Duration.ofMillis(pause), () -> worker(q, sum));
            });
  }

  @Test
  void joinOnAnEmptyQueueCompletesAtOnce() {
    t.run(
        () -> {
          Queue<Integer> q = new Queue<>();
          assertTrue(q.join().isDone());
          assertTrue(q.join().isDone());
        });
  }

  @Test
  void joinTimesOut() {
    Queue<Integer> q = new Queue<>();
    CompletableFuture<Void> join =
        t.call(
            () -> {
              q.put(0);
              return q.join(Duration.ofMillis(10));
            });
    t.await(() -> join.handle((v, x) -> null));
    assertInstanceOf(TimeoutException.class, TestLoop.failure(join));
  }

  /**
   * A producer that outruns the queue's maxsize and a consumer that marks each item done without
   * pausing: every item is seen, in order, before join completes.
   */
  @Test
  void producerAndConsumer() {
    Queue<Integer> q = new Queue<>(3);
    List<Integer> history = new ArrayList<>();
    t.await(
        () -> {
          produce(q, 0);
          consume(q, history);
          return q.join();
        });
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), history);
  }

  private static void produce(Queue<Integer> q, int item) {
    if (item < 10) {
      q.put(item).thenRun(() -> produce(q, item + 1));
    }
  }

  private static void consume(Queue<Integer> q, List<Integer> history) {
    q.get()
        .thenAccept(
            item -> {
              history.add(item);
              q.taskDone();
              consume(q, history);
            });
  }
}

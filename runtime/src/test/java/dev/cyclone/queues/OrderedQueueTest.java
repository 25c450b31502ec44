package dev.cyclone.queues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.locks.TestLoop;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@link PriorityQueue} and {@link LifoQueue}, after Tornado's queues_test. */
class OrderedQueueTest {
  private static final TestLoop t = new TestLoop("ordered-queue-test");

  @AfterAll
  static void closeLoop() {
    t.close();
  }

  @Test
  void priorityQueueHandsOutTheSmallestFirstCountingWaitingPutters() {
    t.run(
        () -> {
          PriorityQueue<Map.Entry<Integer, String>> q =
              new PriorityQueue<>(2, Map.Entry.comparingByKey());
          q.putNowait(Map.entry(1, "a"));
          q.putNowait(Map.entry(0, "b"));
          assertTrue(q.isFull());
          q.put(Map.entry(3, "c"));
          q.put(Map.entry(2, "d"));
          assertEquals(Map.entry(0, "b"), q.getNowait());
          assertEquals(Map.entry(1, "a"), q.get().join());
          assertEquals(Map.entry(2, "d"), q.getNowait());
          assertEquals(Map.entry(3, "c"), q.get().join());
          assertTrue(q.isEmpty());
        });
  }

  @Test
  void priorityQueueUsesNaturalOrderByDefault() {
    t.run(
        () -> {
          PriorityQueue<Integer> q = new PriorityQueue<>();
          for (int i : new int[] {5, 1, 4, 2, 3}) {
            q.putNowait(i);
          }
          assertEquals(
              List.of(1, 2, 3, 4, 5),
              List.of(q.getNowait(), q.getNowait(), q.getNowait(), q.getNowait(), q.getNowait()));
        });
  }

  @Test
  void priorityQueueWeighsTheWaitingItemAgainstTheQueue() {
    t.run(
        () -> {
          PriorityQueue<Integer> q = new PriorityQueue<>(1, Comparator.naturalOrder());
          q.putNowait(5);
          q.put(1); // waits; joins the queue before get() picks
          assertEquals(1, q.getNowait());
          assertEquals(5, q.getNowait());
        });
  }

  @Test
  void lifoQueueHandsOutTheNewestFirst() {
    t.run(
        () -> {
          LifoQueue<Integer> q = new LifoQueue<>(2);
          q.putNowait(1);
          q.putNowait(0);
          assertTrue(q.isFull());
          q.put(3);
          q.put(2);
          assertEquals(3, q.getNowait());
          assertEquals(2, q.get().join());
          assertEquals(0, q.getNowait());
          assertEquals(1, q.get().join());
          assertTrue(q.isEmpty());
          assertThrows(QueueEmptyException.class, q::getNowait);
        });
  }

  @Test
  void subclassNamesItselfInToStringAndErrors() {
    t.run(() -> assertTrue(new LifoQueue<Integer>(3).toString().startsWith("<LifoQueue maxsize=3")));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> new PriorityQueue<Integer>().get());
    assertTrue(e.getMessage().startsWith("[LoopConfined] PriorityQueue.get()"), e.getMessage());
  }
}

package dev.cyclone.tests.queues;

import static dev.cyclone.concurrent.Coroutines.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.annotations.Coroutine;
import dev.cyclone.gen.Gen;
import dev.cyclone.testing.AsyncTestCase;
import dev.cyclone.queues.LifoQueue;
import dev.cyclone.queues.PriorityQueue;
import dev.cyclone.queues.Queue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * {@code dev.cyclone.queues} from compiled coroutines: producers and consumers with {@code
 * maxsize}, {@code taskDone}/{@code join}, timeouts, and the orders of the three queues.
 */
class QueuesCoroutinesTest extends AsyncTestCase {
  private final Scenarios scenarios = new QueuesCoroutinesTest_Scenarios_Coroutines();

  static class Scenarios {
    final List<String> log = new ArrayList<>();
    final List<Integer> consumed = new ArrayList<>();

    /** Tornado's queue example: a consumer that takes items forever, marking each one done. */
    @Coroutine
    CompletableFuture<Void> consumer(Queue<Integer> queue, String name) {
      while (true) {
        int item = await(queue.get());
        try {
          log.add(name + " got " + item);
          consumed.add(item);
          await(Gen.moment()); // "processing" that yields to the others
        } finally {
          queue.taskDone();
        }
      }
    }

    @Coroutine
    CompletableFuture<Void> producer(Queue<Integer> queue, int count) {
      for (int i = 0; i < count; i++) {
        await(queue.put(i)); // waits while the queue is full
        log.add("put " + i);
      }
      return CompletableFuture.completedFuture(null);
    }

    /** One producer, one consumer, maxsize 2: the producer waits for room; join waits for all. */
    @Coroutine
    CompletableFuture<String> producerConsumerJoin() {
      Queue<Integer> queue = new Queue<>(2);
      CompletableFuture<Void> consuming = consumer(queue, "c");
      await(producer(queue, 6));
      await(queue.join());
      String outcome = "consumed " + consumed + " at join; qsize " + queue.qsize()
          + "; consumer still running: " + !consuming.isDone();
      consuming.cancel(true);
      return CompletableFuture.completedFuture(outcome);
    }

    /** Three workers share ten items; join completes once every item was marked done. */
    @Coroutine
    CompletableFuture<List<Integer>> workersShareTheItems() {
      Queue<Integer> queue = new Queue<>();
      for (int i = 0; i < 10; i++) {
        queue.putNowait(i);
      }
      List<CompletableFuture<Void>> workers = new ArrayList<>();
      for (String name : List.of("w1", "w2", "w3")) {
        workers.add(consumer(queue, name));
      }
      await(queue.join());
      for (CompletableFuture<Void> worker : workers) {
        worker.cancel(true);
      }
      List<Integer> sorted = new ArrayList<>(consumed);
      sorted.sort(null);
      return CompletableFuture.completedFuture(sorted);
    }

    @Coroutine
    CompletableFuture<String> getAndPutTimeOut() {
      Queue<String> queue = new Queue<>(1);
      String outcome;
      try {
        await(queue.get(Duration.ofMillis(20)), TimeoutException.class);
        outcome = "got from an empty queue";
      } catch (TimeoutException e) {
        outcome = "get timed out";
      }
      await(queue.put("first"));
      try {
        await(queue.put("second", Duration.ofMillis(20)), TimeoutException.class);
        outcome += ", put into a full queue";
      } catch (TimeoutException e) {
        outcome += ", put timed out";
      }
      String item = await(queue.get()); // taken, not yet marked done
      try {
        await(queue.join(Duration.ofMillis(20)), TimeoutException.class);
        outcome += ", joined";
      } catch (TimeoutException e) {
        outcome += ", join timed out (" + item + " not done)";
      }
      return CompletableFuture.completedFuture(outcome);
    }

    /** A getter waiting on an empty queue receives the next put. */
    @Coroutine
    CompletableFuture<String> waitingGetterReceivesThePut() {
      Queue<String> queue = new Queue<>();
      CompletableFuture<String> getting = queue.get();
      await(Gen.moment());
      await(queue.put("hand-over"));
      return CompletableFuture.completedFuture(await(getting) + ", qsize " + queue.qsize());
    }

    @Coroutine
    CompletableFuture<List<Integer>> drain(Queue<Integer> queue, List<Integer> items) {
      for (int item : items) {
        await(queue.put(item));
      }
      List<Integer> out = new ArrayList<>();
      while (!queue.isEmpty()) {
        out.add(await(queue.get()));
        queue.taskDone();
      }
      await(queue.join());
      return CompletableFuture.completedFuture(out);
    }
  }

  @Test
  void producerWaitsForRoomAndJoinWaitsForTaskDone() {
    assertEquals(
        "consumed [0, 1, 2, 3, 4, 5] at join; qsize 0; consumer still running: true",
        runSync(scenarios::producerConsumerJoin));
    // The producer could put only while there was room for it: it never ran more than 3 ahead.
    List<String> log = scenarios.log;
    for (int i = 0; i < 6; i++) {
      int put = log.indexOf("put " + i);
      int got = log.indexOf("c got " + i);
      assertTrue(put >= 0 && got >= 0, log.toString());
      if (i >= 3) {
        assertTrue(log.indexOf("c got " + (i - 3)) < put, log.toString());
      }
    }
  }

  @Test
  void workersEachTakeDifferentItems() {
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), runSync(scenarios::workersShareTheItems));
    long byW1 = scenarios.log.stream().filter(s -> s.startsWith("w1 ")).count();
    long byW2 = scenarios.log.stream().filter(s -> s.startsWith("w2 ")).count();
    assertTrue(byW1 > 0 && byW2 > 0, scenarios.log.toString());
  }

  @Test
  void getPutAndJoinTimeOut() {
    assertEquals(
        "get timed out, put timed out, join timed out (first not done)", runSync(scenarios::getAndPutTimeOut));
    assertEquals("hand-over, qsize 0", runSync(scenarios::waitingGetterReceivesThePut));
  }

  @Test
  void priorityAndLifoOrders() {
    assertEquals(List.of(1, 2, 3, 4), runSync(() -> scenarios.drain(new PriorityQueue<>(), List.of(3, 1, 4, 2))));
    assertEquals(List.of(2, 4, 1, 3), runSync(() -> scenarios.drain(new LifoQueue<>(), List.of(3, 1, 4, 2))));
    assertEquals(List.of(3, 1, 4, 2), runSync(() -> scenarios.drain(new Queue<>(), List.of(3, 1, 4, 2))));
  }
}

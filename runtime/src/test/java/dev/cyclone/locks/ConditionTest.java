package dev.cyclone.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Ordering and timeout behaviour of {@link Condition}, after Tornado's locks_test.ConditionTest. */
class ConditionTest {
  private static final TestLoop t = new TestLoop("condition-test");

  @AfterAll
  static void closeLoop() {
    t.close();
  }

  /** Records in {@code history} the key of each waiter as it is woken, or "timeout". */
  private static void record(List<Object> history, CompletableFuture<Boolean> wait, Object key) {
    wait.thenAccept(woken -> history.add(woken ? key : "timeout"));
  }

  @Test
  void signalLaterWakesWaiter() {
    boolean woken =
        t.await(
            () -> {
              Condition c = new Condition();
              t.loop().callLater(Duration.ofMillis(10), c::signal);
              return c.waitFor();
            });
    assertTrue(woken);
  }

  @Test
  void signalOneWakesOneAtATime() {
    t.run(
        () -> {
          List<Object> history = new ArrayList<>();
          Condition c = new Condition();
          record(history, c.waitFor(), "wait1");
          record(history, c.waitFor(), "wait2");
          c.signal(1);
          history.add("notify1");
          c.signal(1);
          history.add("notify2");
          assertEquals(List.of("wait1", "notify1", "wait2", "notify2"), history);
        });
  }

  @Test
  void signalNWakesOldestFirst() {
    t.run(
        () -> {
          List<Object> history = new ArrayList<>();
          Condition c = new Condition();
          for (int i = 0; i < 6; i++) {
            record(history, c.waitFor(), i);
          }
          c.signal(3);
          assertEquals(List.of(0, 1, 2), history);
          c.signal(1);
          assertEquals(List.of(0, 1, 2, 3), history);
          c.signal(2);
          assertEquals(List.of(0, 1, 2, 3, 4, 5), history);
        });
  }

  @Test
  void signalAllWakesEveryoneBeforeReturning() {
    t.run(
        () -> {
          List<Object> history = new ArrayList<>();
          Condition c = new Condition();
          for (int i = 0; i < 4; i++) {
            record(history, c.waitFor(), i);
          }
          c.signalAll();
          history.add("notify_all");
          assertEquals(List.of(0, 1, 2, 3, "notify_all"), history);
        });
  }

  @Test
  void waitTimesOutWithFalse() {
    CompletableFuture<Boolean> wait = t.call(() -> new Condition().waitFor(Duration.ofMillis(10)));
    assertFalse(t.await(() -> wait));
  }

  @Test
  void signalBeforeTimeoutWins() {
    boolean woken =
        t.await(
            () -> {
              Condition c = new Condition();
              t.loop().callLater(Duration.ofMillis(10), c::signal);
              return c.waitFor(Duration.ofSeconds(5));
            });
    assertTrue(woken);
  }

  @Test
  void timedOutWaiterDoesNotCountAgainstSignalN() {
    List<Object> history = new ArrayList<>();
    Condition c = new Condition();
    CompletableFuture<Boolean> timed =
        t.call(
            () -> {
              record(history, c.waitFor(), 0);
              CompletableFuture<Boolean> w = c.waitFor(Duration.ofMillis(10));
              record(history, w, 1);
              record(history, c.waitFor(), 2);
              record(history, c.waitFor(), 3);
              return w;
            });
    t.await(() -> timed);
    t.run(
        () -> {
          assertEquals(List.of("timeout"), history);
          c.signal(2);
          assertEquals(List.of("timeout", 0, 2), history);
          c.signal();
          assertEquals(List.of("timeout", 0, 2, 3), history);
        });
  }

  @Test
  void signalAllSkipsTimedOutWaiter() {
    List<Object> history = new ArrayList<>();
    Condition c = new Condition();
    CompletableFuture<Boolean> timed =
        t.call(
            () -> {
              record(history, c.waitFor(), 0);
              CompletableFuture<Boolean> w = c.waitFor(Duration.ofMillis(10));
              record(history, w, 1);
              record(history, c.waitFor(), 2);
              return w;
            });
    t.await(() -> timed);
    t.run(
        () -> {
          assertEquals(List.of("timeout"), history);
          c.signalAll();
          assertEquals(List.of("timeout", 0, 2), history);
        });
  }

  @Test
  void nestedSignalLosesNoWakeUp() {
    t.run(
        () -> {
          Condition c = new Condition();
          List<CompletableFuture<Boolean>> waits =
              List.of(c.waitFor(), c.waitFor(), c.waitFor());
          // The second waiter, once woken, signals again: that must reach the third.
          waits.get(1).thenRun(c::signal);
          c.signal(2);
          assertTrue(waits.stream().allMatch(CompletableFuture::isDone));
        });
  }

  @Test
  void timedOutWaitersLeaveTheLine() {
    Condition c = new Condition();
    List<CompletableFuture<Boolean>> timed = new ArrayList<>();
    CompletableFuture<Boolean> last =
        t.call(
            () -> {
              for (int i = 0; i < 101; i++) {
                timed.add(c.waitFor(Duration.ofMillis(10)));
              }
              CompletableFuture<Boolean> f = c.waitFor();
              assertEquals(102, c.waiterCount());
              return f;
            });
    t.await(() -> CompletableFuture.allOf(timed.toArray(new CompletableFuture<?>[0])));
    t.run(
        () -> {
          assertEquals(1, c.waiterCount());
          assertFalse(last.isDone());
          c.signal();
          assertTrue(last.isDone());
        });
  }

  @Test
  void cancelledWaiterIsSkipped() {
    t.run(
        () -> {
          Condition c = new Condition();
          CompletableFuture<Boolean> first = c.waitFor();
          CompletableFuture<Boolean> second = c.waitFor();
          first.cancel(false);
          c.signal();
          assertTrue(second.isDone());
          assertEquals(0, c.waiterCount());
        });
  }

  @Test
  void toStringShowsWaiters() {
    t.run(
        () -> {
          Condition c = new Condition();
          assertFalse(c.toString().contains("waiters"));
          c.waitFor();
          assertTrue(c.toString().contains("waiters"), c.toString());
        });
  }
}

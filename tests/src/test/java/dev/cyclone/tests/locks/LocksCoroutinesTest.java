package dev.cyclone.tests.locks;

import static dev.cyclone.concurrent.Coroutines.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cyclone.annotations.Coroutine;
import dev.cyclone.gen.Gen;
import dev.cyclone.testing.AsyncTestCase;
import dev.cyclone.locks.BoundedSemaphore;
import dev.cyclone.locks.Condition;
import dev.cyclone.locks.Event;
import dev.cyclone.locks.Lock;
import dev.cyclone.locks.Permit;
import dev.cyclone.locks.Semaphore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * {@code dev.cyclone.locks} from compiled coroutines: Event, Condition, Semaphore,
 * BoundedSemaphore and Lock, with their timeouts, in the scenarios of Tornado's locks_test.py.
 */
class LocksCoroutinesTest extends AsyncTestCase {
  private final Scenarios scenarios = new LocksCoroutinesTest_Scenarios_Coroutines();

  static class Scenarios {
    final List<String> log = new ArrayList<>();
    int active;
    int mostActive;

    @Coroutine
    CompletableFuture<Void> waitForEvent(Event event, String name) {
      await(event.waitFor());
      log.add(name + " woke");
      return CompletableFuture.completedFuture(null);
    }

    @Coroutine
    CompletableFuture<List<String>> eventWakesEveryWaiter() {
      Event event = new Event();
      CompletableFuture<Void> a = waitForEvent(event, "a");
      CompletableFuture<Void> b = waitForEvent(event, "b");
      await(Gen.moment());
      log.add("setting");
      event.set();
      await(Gen.multi(List.of(a, b)));
      await(event.waitFor()); // set: completes at once
      log.add("set stays set");
      return CompletableFuture.completedFuture(log);
    }

    @Coroutine
    CompletableFuture<String> eventWaitTimesOut() {
      Event event = new Event();
      try {
        await(event.waitFor(Duration.ofMillis(30)), TimeoutException.class);
        return CompletableFuture.completedFuture("woke");
      } catch (TimeoutException e) {
        event.set();
        event.clear();
        try {
          await(event.waitFor(Duration.ofMillis(30)), TimeoutException.class);
          return CompletableFuture.completedFuture("cleared event woke");
        } catch (TimeoutException again) {
          return CompletableFuture.completedFuture("timed out twice; set " + event.isSet());
        }
      }
    }

    @Coroutine
    CompletableFuture<Void> waitForCondition(Condition condition, String name) {
      boolean signalled = await(condition.waitFor());
      log.add(name + (signalled ? " signalled" : " timed out"));
      return CompletableFuture.completedFuture(null);
    }

    @Coroutine
    CompletableFuture<List<String>> conditionWakesInOrder() {
      Condition condition = new Condition();
      condition.signal(); // nobody waits: lost, as in Tornado
      CompletableFuture<Void> a = waitForCondition(condition, "a");
      CompletableFuture<Void> b = waitForCondition(condition, "b");
      CompletableFuture<Void> c = waitForCondition(condition, "c");
      condition.signal();
      log.add("after signal");
      condition.signalAll();
      await(Gen.multi(List.of(a, b, c)));
      boolean timedOutValue = await(condition.waitFor(Duration.ofMillis(20)));
      log.add("timed wait: " + timedOutValue);
      return CompletableFuture.completedFuture(log);
    }

    /** A worker holding one of the semaphore's permits across an await. */
    @Coroutine
    CompletableFuture<Void> worker(Semaphore semaphore, int id) {
      try (Permit permit = await(semaphore.acquire())) {
        active++;
        mostActive = Math.max(mostActive, active);
        log.add("start " + id);
        await(Gen.sleep(Duration.ofMillis(10)));
        log.add("end " + id);
        active--;
      }
      return CompletableFuture.completedFuture(null);
    }

    @Coroutine
    CompletableFuture<String> semaphoreLimitsConcurrency() {
      Semaphore semaphore = new Semaphore(2);
      List<CompletableFuture<Void>> workers = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        workers.add(worker(semaphore, i));
      }
      await(Gen.multi(workers));
      return CompletableFuture.completedFuture(
          "most active " + mostActive + ", value " + semaphore.value() + ", " + log.size() + " steps");
    }

    @Coroutine
    CompletableFuture<String> semaphoreAcquireTimesOut() {
      Semaphore semaphore = new Semaphore(1);
      Permit held = await(semaphore.acquire());
      try {
        await(semaphore.acquire(Duration.ofMillis(20)), TimeoutException.class);
        return CompletableFuture.completedFuture("acquired twice");
      } catch (TimeoutException e) {
        held.close();
        Permit again = await(semaphore.acquire(Duration.ofMillis(20)));
        again.close();
        return CompletableFuture.completedFuture("timed out, then acquired; value " + semaphore.value());
      }
    }

    @Coroutine
    CompletableFuture<String> boundedSemaphoreRefusesOverRelease() {
      BoundedSemaphore semaphore = new BoundedSemaphore(1);
      Permit permit = await(semaphore.acquire());
      permit.close();
      try {
        semaphore.release();
        return CompletableFuture.completedFuture("released beyond the bound");
      } catch (IllegalStateException e) {
        return CompletableFuture.completedFuture(e.getMessage().substring(0, e.getMessage().indexOf(']') + 1));
      }
    }

    /** Appends to the log in two steps with an await between; the lock keeps the steps together. */
    @Coroutine
    CompletableFuture<Void> critical(Lock lock, String name) {
      try (Permit held = await(lock.acquire())) {
        log.add(name + " in");
        await(Gen.moment());
        log.add(name + " out");
      }
      return CompletableFuture.completedFuture(null);
    }

    @Coroutine
    CompletableFuture<List<String>> lockSerializesInArrivalOrder() {
      Lock lock = new Lock();
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (String name : List.of("a", "b", "c")) {
        all.add(critical(lock, name));
      }
      await(Gen.multi(all));
      log.add("locked " + lock.isLocked());
      return CompletableFuture.completedFuture(log);
    }

    @Coroutine
    CompletableFuture<String> lockAcquireTimesOutAndReleaseChecks() {
      Lock lock = new Lock();
      Permit held = await(lock.acquire());
      String outcome;
      try {
        await(lock.acquire(Duration.ofMillis(20)), TimeoutException.class);
        outcome = "acquired a held lock";
      } catch (TimeoutException e) {
        outcome = "timed out";
      }
      held.close();
      try {
        lock.release();
        outcome += ", released twice";
      } catch (IllegalStateException e) {
        outcome += ", " + e.getMessage().substring(0, e.getMessage().indexOf(']') + 1);
      }
      return CompletableFuture.completedFuture(outcome);
    }
  }

  @Test
  void eventWakesAllWaitersAndStaysSet() {
    assertEquals(List.of("setting", "a woke", "b woke", "set stays set"), runSync(scenarios::eventWakesEveryWaiter));
  }

  @Test
  void eventWaitTimesOut() {
    assertEquals("timed out twice; set false", runSync(scenarios::eventWaitTimesOut));
  }

  @Test
  void conditionSignalWakesTheOldestWaiter() {
    assertEquals(
        List.of("a signalled", "after signal", "b signalled", "c signalled", "timed wait: false"),
        runSync(scenarios::conditionWakesInOrder));
  }

  @Test
  void semaphoreLetsTwoWorkersInAtATime() {
    assertEquals("most active 2, value 2, 10 steps", runSync(scenarios::semaphoreLimitsConcurrency));
    assertEquals("timed out, then acquired; value 1", runSync(scenarios::semaphoreAcquireTimesOut));
  }

  @Test
  void boundedSemaphoreRefusesToGoAboveItsStart() {
    assertEquals("[SemaphoreOverRelease]", runSync(scenarios::boundedSemaphoreRefusesOverRelease));
  }

  @Test
  void lockKeepsCriticalSectionsWhole() {
    assertEquals(
        List.of("a in", "a out", "b in", "b out", "c in", "c out", "locked false"),
        runSync(scenarios::lockSerializesInArrivalOrder));
    assertEquals("timed out, [LockNotHeld]", runSync(scenarios::lockAcquireTimesOutAndReleaseChecks));
  }
}

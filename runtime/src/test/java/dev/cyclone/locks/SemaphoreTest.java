package dev.cyclone.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@link Semaphore} and {@link BoundedSemaphore}, after Tornado's locks_test. */
class SemaphoreTest {
  private static final TestLoop t = new TestLoop("semaphore-test");

  @AfterAll
  static void closeLoop() {
    t.close();
  }

  @Test
  void negativeValueIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
    assertTrue(e.getMessage().startsWith("[SemaphoreValue]"), e.getMessage());
  }

  @Test
  void toStringShowsStateAndWaiters() {
    t.run(
        () -> {
          Semaphore sem = new Semaphore();
          assertTrue(sem.toString().contains("Semaphore"));
          assertTrue(sem.toString().contains("unlocked,value:1"));
          sem.acquire();
          assertTrue(sem.toString().contains("locked"));
          assertFalse(sem.toString().contains("waiters"));
          sem.acquire();
          assertTrue(sem.toString().contains("waiters"), sem.toString());
        });
  }

  @Test
  void acquirersAreServedInOrderByRelease() {
    t.run(
        () -> {
          Semaphore sem = new Semaphore();
          assertTrue(sem.acquire().isDone());
          CompletableFuture<Permit> f1 = sem.acquire();
          assertFalse(f1.isDone());
          CompletableFuture<Permit> f2 = sem.acquire();
          sem.release();
          assertTrue(f1.isDone());
          assertFalse(f2.isDone());
          sem.release();
          assertTrue(f2.isDone());
          sem.release();
          assertTrue(sem.acquire().isDone());
          assertEquals(0, sem.waiterCount());
        });
  }

  @Test
  void acquireTimesOutAndLeavesCountUnchanged() {
    Semaphore sem = new Semaphore(2);
    CompletableFuture<Permit> timed =
        t.call(
            () -> {
              sem.acquire();
              sem.acquire();
              return sem.acquire(Duration.ofMillis(10));
            });
    t.await(() -> timed.handle((v, x) -> null));
    assertInstanceOf(TimeoutException.class, TestLoop.failure(timed));
    t.run(
        () -> {
          sem.release(); // a late release goes to the count, not to the timed-out waiter
          assertTrue(sem.acquire().isDone());
          CompletableFuture<Permit> f = sem.acquire();
          assertFalse(f.isDone());
          sem.release();
          assertTrue(f.isDone());
        });
  }

  @Test
  void releaseBeforeTimeoutWins() {
    Permit permit =
        t.await(
            () -> {
              Semaphore sem = new Semaphore(1);
              sem.acquire();
              t.loop().callLater(Duration.ofMillis(10), sem::release);
              return sem.acquire(Duration.ofSeconds(5));
            });
    assertTrue(permit.toString().contains("held"));
  }

  @Test
  void unboundedReleaseRaisesTheCount() {
    t.run(
        () -> {
          Semaphore sem = new Semaphore();
          sem.release();
          sem.release();
          assertTrue(sem.acquire().isDone());
          assertTrue(sem.acquire().isDone());
          assertTrue(sem.acquire().isDone());
          assertFalse(sem.acquire().isDone());
        });
  }

  @Test
  void timedOutAcquirersLeaveTheLine() {
    Semaphore sem = new Semaphore(0);
    List<CompletableFuture<Permit>> timed = new ArrayList<>();
    CompletableFuture<Permit> last =
        t.call(
            () -> {
              for (int i = 0; i < 101; i++) {
                timed.add(sem.acquire(Duration.ofMillis(10)));
              }
              CompletableFuture<Permit> f = sem.acquire();
              assertEquals(102, sem.waiterCount());
              return f;
            });
    t.await(
        () ->
            CompletableFuture.allOf(
                timed.stream().map(f -> f.handle((v, x) -> null)).toArray(CompletableFuture[]::new)));
    t.run(
        () -> {
          assertEquals(1, sem.waiterCount());
          assertFalse(last.isDone());
          sem.release();
          assertTrue(last.isDone());
        });
    for (CompletableFuture<Permit> f : timed) {
      assertInstanceOf(TimeoutException.class, TestLoop.failure(f));
    }
  }

  @Test
  @SuppressWarnings("try") // closing inside the block is the point of the test
  void closingThePermitReleasesOnce() {
    t.run(
        () -> {
          Semaphore sem = new Semaphore();
          try (Permit permit = sem.acquire().join()) {
            assertTrue(sem.isLocked());
            permit.close(); // closing twice (here and at the end of the block) releases once
          }
          assertEquals(1, sem.value());
          assertTrue(sem.acquire().isDone());
        });
  }

  @Test
  @SuppressWarnings("try") // the permit is held for the block, not used in it
  void permitIsReleasedWhenTheBodyThrows() {
    Semaphore sem = new Semaphore();
    assertThrows(
        ArithmeticException.class,
        () ->
            t.run(
                () -> {
                  try (Permit permit = sem.acquire().join()) {
                    int zero = 0;
                    System.out.println(1 / zero);
                  }
                }));
    t.run(() -> assertTrue(sem.acquire().isDone()));
  }

  @Test
  void timedOutAcquireIsNotHeld() {
    Semaphore sem = new Semaphore(0);
    CompletableFuture<Permit> timed = t.call(() -> sem.acquire(Duration.ofMillis(10)));
    t.await(() -> timed.handle((v, x) -> null));
    assertInstanceOf(TimeoutException.class, TestLoop.failure(timed));
    t.run(() -> assertFalse(sem.acquire().isDone()));
  }

  @Test
  void contendedHoldersRunOneAfterTheOther() {
    Semaphore sem = new Semaphore();
    List<String> history = new ArrayList<>();
    t.await(
        () -> {
          List<CompletableFuture<Void>> all = new ArrayList<>();
          for (int i = 0; i < 2; i++) {
            int index = i;
            all.add(
                sem.acquire()
                    .thenCompose(
                        permit -> {
                          history.add("acquired " + index);
                          CompletableFuture<Void> later = new CompletableFuture<>();
                          t.loop()
                              .callLater(
                                  Duration.ofMillis(10),
                                  () -> {
                                    history.add("release " + index);
                                    permit.close();
                                    later.complete(null);
                                  });
                          return later;
                        }));
          }
          return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]));
        });
    assertEquals(List.of("acquired 0", "release 0", "acquired 1", "release 1"), history);
  }

  @Test
  void boundedSemaphoreRefusesReleaseBeyondItsStart() {
    t.run(
        () -> {
          BoundedSemaphore sem = new BoundedSemaphore();
          IllegalStateException e = assertThrows(IllegalStateException.class, sem::release);
          assertTrue(e.getMessage().startsWith("[SemaphoreOverRelease]"), e.getMessage());
          sem.acquire();
          CompletableFuture<Permit> waiting = sem.acquire();
          assertFalse(waiting.isDone());
          sem.release();
          assertTrue(waiting.isDone());
          sem.release();
          assertThrows(IllegalStateException.class, sem::release);
        });
  }
}

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

/** {@link Lock}, after Tornado's locks_test.LockTests. */
class LockTest {
  private static final TestLoop t = new TestLoop("lock-test");

  @AfterAll
  static void closeLoop() {
    t.close();
  }

  @Test
  void toStringWorksLockedAndUnlocked() {
    t.run(
        () -> {
          Lock lock = new Lock();
          assertEquals("Lock[unlocked]", lock.toString());
          lock.acquire();
          assertEquals("Lock[locked]", lock.toString());
        });
  }

  @Test
  void releaseHandsTheLockToTheWaiter() {
    t.run(
        () -> {
          Lock lock = new Lock();
          assertTrue(lock.acquire().isDone());
          CompletableFuture<Permit> next = lock.acquire();
          assertFalse(next.isDone());
          lock.release();
          assertTrue(next.isDone());
          assertTrue(lock.isLocked());
        });
  }

  @Test
  void acquirersGetTheLockFirstComeFirstServed() {
    Lock lock = new Lock();
    List<Integer> history = new ArrayList<>();
    t.await(
        () -> {
          assertTrue(lock.acquire().isDone());
          List<CompletableFuture<Void>> all = new ArrayList<>();
          for (int i = 0; i < 5; i++) {
            int index = i;
            all.add(
                lock.acquire()
                    .thenAccept(
                        permit -> {
                          try (permit) {
                            history.add(index);
                          }
                        }));
          }
          assertTrue(all.stream().noneMatch(CompletableFuture::isDone));
          lock.release();
          return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]));
        });
    assertEquals(List.of(0, 1, 2, 3, 4), history);
  }

  @Test
  void acquireTimesOutAndTheLockStaysHeld() {
    Lock lock = new Lock();
    CompletableFuture<Permit> timed =
        t.call(
            () -> {
              lock.acquire();
              return lock.acquire(Duration.ofMillis(10));
            });
    t.await(() -> timed.handle((v, x) -> null));
    assertInstanceOf(TimeoutException.class, TestLoop.failure(timed));
    t.run(() -> assertFalse(lock.acquire().isDone()));
  }

  @Test
  void releasingAnUnheldLockFailsLoudly() {
    t.run(
        () -> {
          Lock lock = new Lock();
          IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
          assertTrue(e.getMessage().startsWith("[LockNotHeld]"), e.getMessage());
          lock.acquire();
          lock.release();
          assertThrows(IllegalStateException.class, lock::release);
        });
  }

  @Test
  void closingAPermitAfterReleaseFailsLoudly() {
    t.run(
        () -> {
          Lock lock = new Lock();
          Permit permit = lock.acquire().join();
          lock.release();
          IllegalStateException e = assertThrows(IllegalStateException.class, permit::close);
          assertTrue(e.getMessage().startsWith("[SemaphoreOverRelease] Lock"), e.getMessage());
        });
  }
}

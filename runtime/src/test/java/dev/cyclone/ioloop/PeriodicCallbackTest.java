package dev.cyclone.ioloop;

import dev.cyclone.testing.ExpectLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeriodicCallbackTest {
  private final IOLoop loop = IOLoop.create("periodic-test");

  @AfterEach
  void tearDown() {
    loop.close();
  }

  @Test
  void runsRepeatedlyOnTheLoopUntilStopped() {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch three = new CountDownLatch(3);
    PeriodicCallback pc =
        new PeriodicCallback(
            () -> {
              assertTrue(loop.inLoop());
              runs.incrementAndGet();
              three.countDown();
            },
            Duration.ofMillis(10));
    pc.start(loop);
    assertTrue(pc.isRunning());
    IOLoopTest.awaitLatch(three);
    pc.stop();
    assertFalse(pc.isRunning());
    // After the stop has been processed, no run may follow: wait several periods and compare.
    loop.runSync(() -> CompletableFuture.completedFuture(null));
    int stoppedAt = runs.get();
    CountDownLatch later = new CountDownLatch(1);
    loop.callLater(Duration.ofMillis(60), later::countDown);
    IOLoopTest.awaitLatch(later);
    assertEquals(stoppedAt, runs.get());
  }

  @Test
  @SuppressWarnings("try") // the expectation is checked when it closes
  void aThrowingCallbackKeepsBeingCalled() {
    try (ExpectLog logged = ExpectLog.of("dev.cyclone.ioloop.PeriodicCallback", "Exception in periodic callback")) {
      throwTwice();
    }
  }

  private void throwTwice() {
    CountDownLatch twice = new CountDownLatch(2);
    PeriodicCallback pc =
        new PeriodicCallback(
            () -> {
              twice.countDown();
              throw new RuntimeException("expected: thrown by a periodic test callback");
            },
            Duration.ofMillis(5));
    pc.start(loop);
    IOLoopTest.awaitLatch(twice);
    // stopped on the loop, so that no third call can fail after the expectation closed
    loop.runSync(() -> {
      pc.stop();
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    });
  }

  @Test
  void startUsesTheCurrentLoop() {
    CountDownLatch ran = new CountDownLatch(1);
    AtomicInteger onLoop = new AtomicInteger();
    loop.addCallback(
        () ->
            new PeriodicCallback(
                    () -> {
                      if (loop.inLoop()) {
                        onLoop.incrementAndGet();
                      }
                      ran.countDown();
                    },
                    Duration.ofMillis(5))
                .start());
    IOLoopTest.awaitLatch(ran);
    assertEquals(1, Math.min(1, onLoop.get()));
  }

  @Test
  void rejectsABadPeriodOrJitter() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new PeriodicCallback(() -> {}, Duration.ZERO));
    assertTrue(e.getMessage().startsWith("[PeriodicCallbackPeriod]"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new PeriodicCallback(() -> {}, Duration.ofSeconds(1), 1.5));
  }
}

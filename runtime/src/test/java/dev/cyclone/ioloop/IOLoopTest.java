package dev.cyclone.ioloop;

import dev.cyclone.testing.ExpectLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IOLoopTest {
  private IOLoop loop;

  @BeforeEach
  void setUp() {
    loop = IOLoop.create("ioloop-test");
  }

  @AfterEach
  void tearDown() {
    loop.close();
  }

  /** Waits until everything scheduled on the loop so far has run. */
  private void drain() {
    loop.runSync(() -> CompletableFuture.completedFuture(null), Duration.ofSeconds(5));
  }

  @Test
  void callbacksRunInTheOrderTheyWereAdded() {
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 100; i++) {
      int n = i;
      loop.addCallback(() -> order.add(n));
    }
    drain();
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      expected.add(i);
    }
    assertEquals(expected, order);
  }

  @Test
  void callbackAddedFromTheLoopRunsAfterTheCurrentOne() {
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch all = new CountDownLatch(3);
    // Both callbacks are added by one loop task, so the test thread cannot race them.
    loop.addCallback(
        () -> {
          loop.addCallback(
              () -> {
                loop.addCallback(() -> { order.add("inner"); all.countDown(); });
                order.add("outer");
                all.countDown();
              });
          loop.addCallback(() -> { order.add("second"); all.countDown(); });
        });
    awaitLatch(all);
    assertEquals(List.of("outer", "second", "inner"), order);
  }

  @Test
  void addCallbackFromAnotherThreadRunsOnTheLoopThread() throws Exception {
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    AtomicReference<IOLoop> current = new AtomicReference<>();
    Thread loopThread = loop.runSync(() -> CompletableFuture.completedFuture(Thread.currentThread()));
    CountDownLatch done = new CountDownLatch(1);
    Thread other =
        new Thread(
            () ->
                loop.addCallback(
                    () -> {
                      ranOn.set(Thread.currentThread());
                      current.set(IOLoop.current());
                      done.countDown();
                    }));
    other.start();
    assertTrue(done.await(5, TimeUnit.SECONDS));
    assertSame(loopThread, ranOn.get());
    assertSame(loop, current.get());
    assertNull(IOLoop.currentOrNull(), "the test thread is not a loop thread");
  }

  @Test
  void callLaterRunsInDeadlineOrder() {
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(3);
    // Scheduled by one loop task, 50 ms apart: a pause of the test thread cannot reorder them.
    loop.addCallback(
        () -> {
          loop.callLater(Duration.ofMillis(150), () -> { order.add(150); done.countDown(); });
          loop.callLater(Duration.ofMillis(50), () -> { order.add(50); done.countDown(); });
          loop.callLater(Duration.ofMillis(100), () -> { order.add(100); done.countDown(); });
        });
    awaitLatch(done);
    assertEquals(List.of(50, 100, 150), order);
  }

  @Test
  void callAtDeadlinesAreAbsolute() {
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(3);
    // Deadlines 100 ms apart: a deadline already past when callAt runs is clamped to "now", so a
    // loaded machine that pauses this thread for longer than the gap could reorder closer ones.
    double base = loop.time();
    loop.callAt(base + 0.3, () -> { order.add(60); done.countDown(); });
    loop.callAt(base + 0.1, () -> { order.add(20); done.countDown(); });
    loop.callAt(base + 0.2, () -> { order.add(40); done.countDown(); });
    awaitLatch(done);
    assertEquals(List.of(20, 40, 60), order);
  }

  @Test
  void cancelledCallLaterNeverRuns() throws Exception {
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    Timeout cancelled = loop.callLater(Duration.ofMillis(20), () -> ran.add("cancelled"));
    CountDownLatch later = new CountDownLatch(1);
    loop.callLater(Duration.ofMillis(60), later::countDown);
    assertTrue(cancelled.cancel());
    assertTrue(cancelled.isCancelled());
    awaitLatch(later);
    assertEquals(List.of(), ran);
    assertFalse(cancelled.cancel(), "a second cancel prevents nothing");
  }

  @Test
  void callAtUsesTheLoopClockAndCanBeCancelled() {
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(2);
    double now = loop.time();
    loop.callAt(now + 0.05, () -> { ran.add("soon"); done.countDown(); });
    loop.callAt(now - 10, () -> { ran.add("past"); done.countDown(); });
    loop.callAt(now + 0.02, () -> ran.add("cancelled")).cancel();
    awaitLatch(done);
    assertEquals(List.of("past", "soon"), ran);
    assertTrue(loop.time() - now >= 0.05);
  }

  @Test
  void runSyncReturnsTheValue() {
    String value = loop.runSync(() -> {
      CompletableFuture<String> f = new CompletableFuture<>();
      IOLoop.current().callLater(Duration.ofMillis(10), () -> f.complete("done"));
      return f;
    });
    assertEquals("done", value);
  }

  @Test
  void runSyncThrowsTheExceptionUnwrapped() {
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    IllegalArgumentException thrown =
        assertThrows(
            IllegalArgumentException.class,
            () -> loop.runSync(() -> CompletableFuture.failedFuture(boom)));
    assertSame(boom, thrown);
    assertThrows(
        IllegalStateException.class,
        () -> loop.runSync(() -> { throw new IllegalStateException("thrown by fn"); }));
  }

  @Test
  void runSyncTimesOut() {
    CompletionException e =
        assertThrows(
            CompletionException.class,
            () -> loop.runSync(CompletableFuture::new, Duration.ofMillis(50)));
    assertInstanceOf(TimeoutException.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("[RunSyncTimeout]"));
  }

  @Test
  void runSyncOnTheLoopThreadIsRefused() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                loop.runSync(
                    () -> CompletableFuture.completedFuture(
                        loop.runSync(() -> CompletableFuture.completedFuture(1)))));
    assertTrue(e.getMessage().contains("[IOLoopRunSync]"));
  }

  @Test
  void aThrowingCallbackDoesNotKillTheLoop() {
    try (ExpectLog logged = ExpectLog.of("dev.cyclone.ioloop.IOLoop", "Exception in callback")) {
      loop.addCallback(() -> { throw new RuntimeException("expected: thrown by a test callback"); });
      loop.callLater(Duration.ZERO, () -> { throw new Error("expected: thrown by a test timer"); });
      CountDownLatch after = new CountDownLatch(1);
      loop.callLater(Duration.ofMillis(20), after::countDown); // after both
      awaitLatch(after);
      assertEquals(42, loop.runSync(() -> CompletableFuture.completedFuture(42)));
      assertEquals(2, logged.lines().size(), "each failure is logged: " + logged.lines());
    }
  }

  @Test
  void spawnCallbackFailureIsOnlyLogged() {
    try (ExpectLog logged = ExpectLog.of("dev.cyclone.ioloop.IOLoop", "Exception in spawned callback")) {
      loop.spawnCallback(() -> CompletableFuture.failedFuture(new RuntimeException("expected: spawned")));
      assertEquals(1, loop.runSync(() -> CompletableFuture.completedFuture(1)));
    }
  }

  @Test
  void addFutureCallsBackOnTheLoop() throws Exception {
    CompletableFuture<String> f = new CompletableFuture<>();
    AtomicReference<IOLoop> ranOn = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    loop.addFuture(f, stage -> { ranOn.set(IOLoop.currentOrNull()); done.countDown(); });
    f.complete("x"); // completed on the test thread
    awaitLatch(done);
    assertSame(loop, ranOn.get());
  }

  @Test
  void runInExecutorDeliversTheResultOnTheLoop() {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      String result =
          loop.runSync(
              () ->
                  loop.runInExecutor(pool, () -> Thread.currentThread().getName())
                      .thenApply(name -> {
                        assertTrue(loop.inLoop(), "continuation is back on the loop");
                        return name;
                      }));
      assertFalse(result.startsWith("ioloop-test"), "the work ran off the loop: " + result);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void stopBeforeStartMakesStartReturn() {
    loop.addCallback(loop::stop);
    drain();
    loop.start(); // would hang forever if the early stop were lost
  }

  @Test
  void startBlocksUntilStop() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    Thread runner = new Thread(() -> { started.countDown(); loop.start(); });
    runner.start();
    started.await();
    runner.join(100);
    assertTrue(runner.isAlive(), "start() is still waiting");
    loop.callLater(Duration.ofMillis(10), loop::stop);
    runner.join(5000);
    assertFalse(runner.isAlive());
  }

  @Test
  void ofWrapsAnEventLoopOnceAndCurrentSeesIt() {
    io.netty.channel.EventLoopGroup group = Transports.newGroup(1, "of-test");
    try {
      io.netty.channel.EventLoop eventLoop = group.next();
      IOLoop wrapped = IOLoop.of(eventLoop);
      assertSame(wrapped, IOLoop.of(eventLoop));
      assertSame(wrapped, wrapped.runSync(() -> CompletableFuture.completedFuture(IOLoop.current())));
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  static void awaitLatch(CountDownLatch latch) {
    try {
      assertTrue(latch.await(5, TimeUnit.SECONDS), "timed out");
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}

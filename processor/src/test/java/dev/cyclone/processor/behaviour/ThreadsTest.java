package dev.cyclone.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.concurrent.CoroutineFuture;
import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.processor.testing.Fixture;
import dev.cyclone.processor.testing.Outcome;
import dev.cyclone.processor.testing.TestLoop;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Thread affinity, synchronous start, completed-future fast path and constant stack. */
class ThreadsTest {
  private static final Fixture AFFINITY = Fixture.of("fixtures/threads/Affinity.java", "fixtures.threads.Affinity");
  private static final IOLoop OTHER = IOLoop.create("other-test-loop");

  @AfterAll
  static void closeOtherLoop() {
    OTHER.close();
  }

  private static String loopThread(IOLoop loop) {
    return TestLoop.onLoop(loop, () -> Thread.currentThread().getName());
  }

  @Test
  void resumesOnTheLoopItStartedOn() {
    String loop = loopThread(TestLoop.get());
    Outcome o = AFFINITY.runCompiled("resumesOnItsLoop");
    assertEquals(List.of(loop, loop, loop, loop), o.value());
  }

  @Test
  void resumesOnItsLoopWhenAForeignThreadCompletesTheFuture() {
    String loop = loopThread(TestLoop.get());
    @SuppressWarnings("unchecked")
    List<String> threads = (List<String>) AFFINITY.runCompiled("resumesOnItsLoopWhenAForeignThreadCompletes").value();
    assertEquals(loop, threads.get(0));
    assertEquals(loop, threads.get(1), "resumed on the completing thread instead of the coroutine's loop");
    assertNotEquals(loop, threads.get(2));
    assertEquals(loop, threads.get(3), "resumed on a ForkJoinPool thread instead of the coroutine's loop");
  }

  @Test
  void resumesOnItsLoopWhenAnotherLoopCompletesTheFuture() {
    String loop = loopThread(TestLoop.get());
    String other = loopThread(OTHER);
    @SuppressWarnings("unchecked")
    List<String> threads =
        (List<String>) AFFINITY.runCompiled("resumesOnItsLoopWhenAnotherLoopCompletes", OTHER).value();
    assertEquals(List.of(loop, loop, other), threads);
  }

  @Test
  void resumesOnItsLoopWhenANettyPromiseOfAnotherLoopCompletes() {
    String loop = loopThread(TestLoop.get());
    String other = loopThread(OTHER);
    @SuppressWarnings("unchecked")
    List<String> threads =
        (List<String>) AFFINITY.runCompiled("resumesOnItsLoopWhenANettyPromiseOfAnotherLoopCompletes", OTHER).value();
    assertEquals(List.of(loop, loop, other), threads);
  }

  @Test
  void startedOnALoopThreadRunsSynchronouslyUntilItsFirstSuspension() throws Exception {
    AFFINITY.checkCompiled("recordsStartThread");
    Object target = AFFINITY.newCompiled();
    List<String> startedOn = Collections.synchronizedList(new ArrayList<>());
    String loop = loopThread(TestLoop.get());
    CompletableFuture<?> f =
        TestLoop.onLoop(
            () -> {
              CompletableFuture<?> started = TestLoop.start(target, "recordsStartThread", startedOn);
              assertEquals(List.of(loop), startedOn, "the body did not start synchronously in the call");
              assertTrue(!started.isDone(), "completed before its pending await completed");
              return started;
            });
    assertEquals(loop + "x", TestLoop.join(f));
  }

  @Test
  void startedOffTheLoopRunsOnIOLoopCurrent() throws Exception {
    AFFINITY.checkCompiled("recordsStartThread");
    String current = IOLoop.current().runSync(() -> CompletableFuture.completedFuture(Thread.currentThread().getName()));
    Object target = AFFINITY.newCompiled();
    List<String> startedOn = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<?> f = TestLoop.start(target, "recordsStartThread", startedOn);
    assertEquals(current + "x", TestLoop.join(f));
    assertEquals(List.of(current), startedOn);
  }

  @Test
  void aCoroutineThatNeverSuspendsReturnsACompletedFuture() throws Exception {
    AFFINITY.checkCompiled("neverSuspends");
    Object target = AFFINITY.newCompiled();
    String loop = loopThread(TestLoop.get());
    CompletableFuture<?> g =
        TestLoop.onLoop(
            () -> {
              CompletableFuture<?> started = TestLoop.start(target, "neverSuspends");
              assertTrue(started.isDone(), "a coroutine awaiting only completed futures must return a completed future");
              return started;
            });
    assertEquals(List.of(loop, loop + "1"), g.getNow(null));
  }

  @Test
  void aCoroutineThatNeverSuspendsAndFailsReturnsAFailedFuture() {
    AFFINITY.checkCompiled("neverSuspendsFails");
    Object target = AFFINITY.newCompiled();
    boolean failedAtReturn =
        TestLoop.onLoop(() -> TestLoop.start(target, "neverSuspendsFails").isCompletedExceptionally());
    assertTrue(failedAtReturn);
  }

  @Test
  void aSuspendedCoroutineIsItsOwnFutureAndDerivedFuturesArePlain() throws Exception {
    AFFINITY.checkCompiled("recordsStartThread");
    Object target = AFFINITY.newCompiled();
    CompletableFuture<?> f =
        TestLoop.onLoop(() -> TestLoop.start(target, "recordsStartThread", new ArrayList<String>()));
    assertTrue(f instanceof CoroutineFuture, "not a CoroutineFuture: " + f.getClass());
    assertTrue(f.getClass().getName().endsWith("$RecordsStartThread$Coroutine"), "not the state machine: " + f.getClass());
    assertEquals(CompletableFuture.class, f.thenApply(v -> v).getClass(), "newIncompleteFuture made a coroutine");
    assertEquals(CompletableFuture.class, f.copy().getClass());
    TestLoop.join(f);
  }

  @Test
  void aCoroutineThatEndsWithoutSuspendingReturnsAPlainCompletedFuture() throws Exception {
    AFFINITY.checkCompiled("neverSuspends");
    AFFINITY.checkCompiled("neverSuspendsFails");
    Object target = AFFINITY.newCompiled();
    CompletableFuture<?> done = TestLoop.onLoop(() -> TestLoop.start(target, "neverSuspends"));
    CompletableFuture<?> failed = TestLoop.onLoop(() -> TestLoop.start(target, "neverSuspendsFails"));
    assertEquals(CompletableFuture.class, done.getClass());
    assertTrue(done.isDone() && !done.isCompletedExceptionally());
    assertFalse(done.cancel(false), "cancelled a completed call");
    assertEquals(CompletableFuture.class, failed.getClass());
    assertTrue(failed.isCompletedExceptionally());
    assertEquals(
        IllegalStateException.class,
        assertThrows(java.util.concurrent.ExecutionException.class, failed::get).getCause().getClass());
  }

  @Test
  void aMillionAwaitsOnCompletedFuturesRunInConstantStack() {
    Outcome o = AFFINITY.runCompiled("millionAwaitsOnCompletedFutures");
    assertEquals(null, o.failure());
    assertEquals(1_000_000, o.value());
  }

  @Test
  void aMillionAwaitsOnCompletedNettyFuturesRunInConstantStack() {
    Outcome o = AFFINITY.runCompiled("millionAwaitsOnCompletedNettyFutures");
    assertEquals(null, o.failure());
    assertEquals(1_000_000, o.value());
  }

  @Test
  void aChainOfCoroutinesAwaitingEachOther() {
    assertEquals(200, AFFINITY.assertSameAsBlocking("deepChainOfCoroutines", 200).value());
  }

  @Test
  void manySuspensionsThroughTheLoop() {
    assertEquals(2_000, AFFINITY.runCompiled("manySuspensionsThroughTheLoop", 2_000).value());
  }
}

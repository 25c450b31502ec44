package dev.cyclone.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.processor.testing.Fixture;
import dev.cyclone.processor.testing.TestLoop;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cancelling a suspended coroutine's future raises CancellationException at its await, so its
 * finally blocks run, and cancels the coroutine it awaits. Compiled side only: a blocking await
 * cannot be cancelled.
 */
class CancellationTest {
  private static final Fixture CANCEL = Fixture.of("fixtures/cancel/Cancellation.java", "fixtures.cancel.Cancellation");

  private Object target;

  @BeforeEach
  void newInstance() {
    target = CANCEL.newCompiled();
    Fixture.resetTrace(CANCEL.compiledLoader());
  }

  private List<String> trace() {
    return Fixture.trace(CANCEL.compiledLoader());
  }

  /** Waits until the trace satisfies {@code condition}; fails with the trace after a timeout. */
  private List<String> awaitTrace(Predicate<List<String>> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Fixture.TIMEOUT_SECONDS * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      List<String> trace = trace();
      if (condition.test(trace)) {
        return trace;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("trace never reached the expected state: " + trace());
  }

  private CompletableFuture<?> startOnLoop(String method) {
    CANCEL.checkCompiled(method);
    return TestLoop.onLoop(() -> TestLoop.start(target, method));
  }

  @SuppressWarnings("unchecked")
  private CompletableFuture<String> field(String name) throws ReflectiveOperationException {
    return (CompletableFuture<String>) CANCEL.compiledClass("fixtures.cancel.Cancellation").getField(name).get(target);
  }

  @Test
  void cancellingRunsTheFinallyBlockAndNotTheRest() throws Exception {
    CompletableFuture<?> f = startOnLoop("suspendedInTryFinally");
    assertEquals(List.of("suspending"), trace());
    assertTrue(f.cancel(false));
    assertEquals(List.of("suspending", "finally"), awaitTrace(t -> t.contains("finally")));
    assertTrue(f.isCancelled());
    Thread.sleep(20);
    assertEquals(List.of("suspending", "finally"), trace(), "the finally block must run exactly once");
    assertFalse(field("gate").isCancelled(), "a plain awaited future is not the coroutine's to cancel");
  }

  @Test
  void cancellationIsACancellationExceptionAtTheAwait() throws Exception {
    CompletableFuture<?> f = startOnLoop("catchesCancellation");
    f.cancel(false);
    assertEquals(List.of("caught CancellationException"), awaitTrace(t -> !t.isEmpty()));
    assertTrue(f.isCancelled());
  }

  @Test
  void cancellingFromTheLoopThread() throws Exception {
    CompletableFuture<?> f = startOnLoop("suspendedInTryFinally");
    assertTrue(TestLoop.onLoop(() -> f.cancel(false)));
    awaitTrace(t -> t.contains("finally"));
  }

  @Test
  void finallyThatAwaitsStartsAfterCancellation() throws Exception {
    CompletableFuture<?> f = startOnLoop("finallyThatAwaits");
    f.cancel(false);
    // Cancellation is raised once, at the suspended await (asyncio's rule): the finally's own
    // await then completes normally.
    List<String> trace = awaitTrace(t -> t.contains("finally awaited in finally"));
    assertEquals(List.of("finally starts", "finally awaited in finally"), trace);
    assertTrue(f.isCancelled());
  }

  @Test
  void cancellingTwiceRaisesOnce() throws Exception {
    CompletableFuture<?> f = startOnLoop("finallyAwaitsTheSecondGate");
    assertTrue(f.cancel(false));
    awaitTrace(t -> t.contains("finally starts"));
    // suspended again, in the finally block: a second cancel() answers true (the future is
    // cancelled) but must not raise at this await too
    assertTrue(f.cancel(false));
    TestLoop.onLoop(() -> null); // the second cancellation has reached the loop
    field("secondGate").complete("opened");
    List<String> trace = awaitTrace(t -> t.size() == 2);
    assertEquals(List.of("finally starts", "finally opened"), trace);
    assertTrue(f.isCancelled());
  }

  @Test
  void cancellingAnOuterCoroutineCancelsTheCoroutineItAwaits() throws Exception {
    CompletableFuture<?> f = startOnLoop("outer");
    assertEquals(List.of("inner suspending", "outer awaits inner"), trace());
    f.cancel(false);
    List<String> trace = awaitTrace(t -> t.contains("outer finally") && t.contains("inner finally"));
    assertTrue(trace.containsAll(List.of("inner cancelled", "inner finally", "outer finally")), trace::toString);
    assertTrue(field("innerFuture").isCancelled(), "the awaited coroutine's future was not cancelled");
    assertFalse(field("gate").isCancelled());
  }

  @Test
  void cancellingWhileSuspendedOnANettyPromise() throws Exception {
    CompletableFuture<?> f = startOnLoop("suspendedOnNettyPromise");
    f.cancel(false);
    assertEquals(List.of("suspending on netty", "netty finally"), awaitTrace(t -> t.contains("netty finally")));
    assertTrue(f.isCancelled());
  }

  @Test
  void cancellingALoopThatKeepsSuspending() throws Exception {
    CompletableFuture<?> f = startOnLoop("loopUntilCancelled");
    Thread.sleep(20);
    f.cancel(false);
    awaitTrace(t -> t.contains("loop finally"));
    Thread.sleep(20);
    assertEquals(List.of("loop finally"), trace());
  }

  @Test
  void cancellingACompletedCoroutineDoesNothing() throws Exception {
    CompletableFuture<?> f = startOnLoop("suspendedInTryFinally");
    field("gate").complete("opened");
    assertEquals("opened", TestLoop.join(f));
    assertFalse(f.cancel(false));
    assertEquals(List.of("suspending", "resumed normally opened", "finally"), trace());
  }
}

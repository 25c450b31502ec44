package dev.cyclone.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.processor.testing.Fixture;
import dev.cyclone.processor.testing.Outcome;
import dev.cyclone.processor.testing.TestLoop;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Anything the body throws completes the coroutine's future; the call itself never throws. */
class ExceptionsTest {
  private static final Fixture FAILURES = Fixture.of("fixtures/exceptions/Failures.java", "fixtures.exceptions.Failures");

  @Test
  void exceptionBeforeTheFirstAwaitGoesIntoTheFuture() {
    Outcome o = FAILURES.assertSameAsBlocking("throwsBeforeFirstAwait", (Object) null);
    assertFalse(o.callThrew(), "the coroutine call threw instead of returning a failed future");
    assertEquals(IllegalArgumentException.class, o.failure().getClass());
    assertEquals(List.of("start"), o.trace());
  }

  @Test
  void nullPointerBeforeTheFirstAwaitGoesIntoTheFuture() {
    Outcome o = FAILURES.assertSameAsBlocking("npeBeforeFirstAwait", (Object) null);
    assertFalse(o.callThrew(), "the coroutine call threw instead of returning a failed future");
    assertEquals(NullPointerException.class, o.failure().getClass());
  }

  @Test
  void exceptionWhenNoAwaitIsReached() {
    Outcome o = FAILURES.assertSameAsBlocking("throwsWithoutAnyAwaitReached", 0);
    assertFalse(o.callThrew());
    FAILURES.assertSameAsBlocking("throwsWithoutAnyAwaitReached", 1);
  }

  @Test
  void callFromOffTheLoopDoesNotThrowEither() throws Exception {
    FAILURES.checkCompiled("throwsBeforeFirstAwait");
    Object target = FAILURES.newCompiled();
    CompletableFuture<?> f = TestLoop.start(target, "throwsBeforeFirstAwait", (Object) null);
    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(Fixture.TIMEOUT_SECONDS, TimeUnit.SECONDS));
    assertEquals(IllegalArgumentException.class, e.getCause().getClass());
  }

  @Test
  void checkedExceptionFromAnAwaitedFutureCompletesTheFutureAsItIs() {
    Outcome o = FAILURES.assertSameAsBlocking("checkedExceptionFromAwaitPropagates");
    assertEquals(IOException.class, o.failure().getClass());
  }

  @Test
  void alreadyFailedFutureThrowsAtTheAwait() {
    Outcome o = FAILURES.assertSameAsBlocking("alreadyFailedFutureThrowsAtAwait");
    assertEquals(List.of("before"), o.trace());
  }

  @Test
  void completionAndExecutionExceptionsAreUnwrapped() {
    Outcome o = FAILURES.assertSameAsBlocking("wrappedFailuresAreUnwrapped");
    assertEquals(
        List.of("unwrapped completion inner of completion", "unwrapped execution IOException inner of execution"),
        o.trace());
  }

  @Test
  void dependentStageFailureIsUnwrapped() {
    assertEquals("unwrapped source", FAILURES.assertSameAsBlocking("dependentStageFailureUnwrapped").value());
  }

  @Test
  void errorsCompleteTheFuture() {
    assertEquals(StackOverflowError.class, FAILURES.assertSameAsBlocking("errorsPropagate").failure().getClass());
  }

  @Test
  void theAwaitedExceptionObjectItselfIsThrown() {
    assertEquals("same=true", FAILURES.assertSameAsBlocking("exceptionIdentityPreserved").value());
  }

  @Test
  void runtimeExceptionsOfOrdinaryCallsAfterAnAwait() {
    assertEquals(
        UnsupportedOperationException.class,
        FAILURES.assertSameAsBlocking("runtimeExceptionFromLibraryCall").failure().getClass());
  }

  @Test
  void classCastAfterAwait() {
    assertEquals(ClassCastException.class, FAILURES.assertSameAsBlocking("classCastAfterAwait").failure().getClass());
  }

  @Test
  void arrayIndexOutOfBoundsWithAwaitedIndex() {
    assertTrue(FAILURES.assertSameAsBlocking("arrayIndexOutOfBounds").failure() instanceof ArrayIndexOutOfBoundsException);
  }
}

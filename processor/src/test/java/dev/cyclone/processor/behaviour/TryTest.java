package dev.cyclone.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cyclone.processor.testing.Fixture;
import dev.cyclone.processor.testing.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** try/catch, multi-catch, and try/finally with awaits in every part. */
class TryTest {
  private static final Fixture CATCH = Fixture.of("fixtures/statements/TryCatch.java", "fixtures.statements.TryCatch");
  private static final Fixture FINALLY = Fixture.of("fixtures/statements/TryFinally.java", "fixtures.statements.TryFinally");

  @Test
  void catchesFailuresOfPendingAndOfFailedFutures() {
    Outcome o = CATCH.assertSameAsBlocking("catchFailedAwait");
    assertEquals(List.of("try", "caught late", "caught early"), o.trace());
  }

  @Test
  void checkedExceptionOfAFutureIsCaughtAsItIs() {
    assertEquals("IOException io", CATCH.assertSameAsBlocking("catchCheckedFromFuture").value());
  }

  @Test
  void awaitInCatchKeepsTheCatchParameter() {
    assertEquals("a caught thrown", CATCH.assertSameAsBlocking("awaitInCatch").value());
  }

  @Test
  void multiCatchWithAwaitInHandler() {
    assertEquals("multi IllegalStateException", CATCH.assertSameAsBlocking("multiCatch", 0).value());
    assertEquals("multi UncheckedIOException", CATCH.assertSameAsBlocking("multiCatch", 1).value());
    assertEquals("runtime arith", CATCH.assertSameAsBlocking("multiCatch", 2).value());
  }

  @Test
  void firstMatchingCatchWins() {
    assertEquals("nfe", CATCH.assertSameAsBlocking("catchOrderFirstMatchWins").value());
  }

  @Test
  void uncaughtTypePropagatesToTheFuture() {
    assertEquals(ArithmeticException.class, CATCH.assertSameAsBlocking("uncaughtTypePropagates").failure().getClass());
  }

  @Test
  void rethrowFromCatchAfterAwaitKeepsTheCause() {
    Outcome o = CATCH.assertSameAsBlocking("rethrowFromCatchAfterAwait");
    assertEquals("first", o.failure().getCause().getMessage());
  }

  @Test
  void exceptionFromCatchIsNotCaughtBySiblingCatch() {
    Outcome o = CATCH.assertSameAsBlocking("exceptionInCatchNotCaughtBySiblingCatch");
    assertEquals(List.of("outer from catch"), o.trace());
  }

  @Test
  void nestedTryRethrowsToOuter() {
    assertEquals("in outer deep", CATCH.assertSameAsBlocking("nestedTryInnerRethrowsToOuter").value());
  }

  @Test
  void tryCatchFinallyAllAwaiting() {
    assertEquals("try finally", CATCH.assertSameAsBlocking("tryCatchFinallyAllAwait", false).value());
    assertEquals("try catch finally", CATCH.assertSameAsBlocking("tryCatchFinallyAllAwait", true).value());
  }

  @Test
  void catchParameterInLoop() {
    assertEquals("e0e1e2", CATCH.assertSameAsBlocking("catchParameterLivesAcrossAwaitInLoop").value());
  }

  @Test
  void errorsAreCaughtByThrowable() {
    CATCH.assertSameAsBlocking("errorsAreCaughtToo");
  }

  @Test
  void nonAwaitExceptionInTry() {
    assertEquals("npe", CATCH.assertSameAsBlocking("nonAwaitExceptionInTryWithAwaitBefore").value());
  }

  @Test
  void returnThroughAwaitingFinallyKeepsTheReturnValue() {
    Outcome o = FINALLY.assertSameAsBlocking("returnThroughAwaitingFinallyKeepsValue");
    assertEquals("returned", o.value());
    assertEquals(List.of("finally runs", "r changed in finally"), o.trace());
  }

  @Test
  void returnExpressionIsEvaluatedBeforeTheFinally() {
    assertEquals(200, FINALLY.assertSameAsBlocking("returnValueEvaluatedBeforeFinally").value());
  }

  @Test
  void returnInFinallyOverridesReturn() {
    assertEquals("from finally", FINALLY.assertSameAsBlocking("returnInFinallyOverridesReturn").value());
  }

  @Test
  void returnInFinallyDiscardsPendingException() {
    assertEquals("finally wins", FINALLY.assertSameAsBlocking("returnInFinallyDiscardsException").value());
  }

  @Test
  void exceptionPassesThroughAwaitingFinally() {
    Outcome o = FINALLY.assertSameAsBlocking("exceptionPassesThroughAwaitingFinally");
    assertEquals("pending", o.failure().getMessage());
    assertEquals(List.of("try", "finally awaited"), o.trace());
  }

  @Test
  void exceptionFromFinallyReplacesThePendingOne() {
    Outcome o = FINALLY.assertSameAsBlocking("exceptionFromFinallyReplacesPending");
    assertEquals(IllegalArgumentException.class, o.failure().getClass());
  }

  @Test
  void exceptionFromFinallyReplacesAPendingReturn() {
    assertEquals("finally failed", FINALLY.assertSameAsBlocking("exceptionFromFinallyReplacesReturn").failure().getMessage());
  }

  @Test
  void breakThroughAwaitingFinally() {
    Outcome o = FINALLY.assertSameAsBlocking("breakThroughAwaitingFinally");
    assertEquals("0f1ff", o.value());
    assertEquals(List.of("finally 0", "finally 1", "finally 2"), o.trace());
  }

  @Test
  void continueThroughAwaitingFinally() {
    assertEquals("<f1>2<f2>;<f3>4<f4>;", FINALLY.assertSameAsBlocking("continueThroughAwaitingFinally").value());
  }

  @Test
  void labeledBreakThroughTwoFinallies() {
    assertEquals("00[inner][inner][outer]", FINALLY.assertSameAsBlocking("labeledBreakThroughTwoFinallies").value());
  }

  @Test
  void finallyRunsOnce() {
    Outcome o = FINALLY.assertSameAsBlocking("finallyRunsOnceOnNormalCompletion");
    assertEquals("runs=1", o.value());
    assertEquals(List.of("runs 1"), o.trace());
  }

  @Test
  void nestedFinalliesRunInnerFirst() {
    Outcome o = FINALLY.assertSameAsBlocking("nestedFinallyOrder");
    assertEquals(List.of("inner finally 1", "outer finally 2"), o.trace());
  }

  @Test
  void finallyAfterCatchThatReturns() {
    Outcome o = FINALLY.assertSameAsBlocking("finallyAfterCatchThatReturns");
    assertEquals("catch x", o.value());
    assertEquals(List.of("finally after catch"), o.trace());
  }

  @Test
  void exceptionCaughtInsideFinallyKeepsThePendingOne() {
    Outcome o = FINALLY.assertSameAsBlocking("catchInsideFinallyDoesNotLosePending");
    assertEquals("pending", o.failure().getMessage());
  }

  @Test
  void returnFromLoopRunsFinallyOfThatIterationOnly() {
    Outcome o = FINALLY.assertSameAsBlocking("returnInsideFinallyLoopBreak");
    assertEquals("r1", o.value());
    assertEquals(List.of("finally 0", "finally 1"), o.trace());
  }
}

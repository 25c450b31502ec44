package dev.cyclone.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cyclone.processor.testing.Fixture;
import dev.cyclone.processor.testing.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** return of a future's value, of a pending stage, of another coroutine; throw. */
class ReturnTest {
  private static final Fixture RETURNS = Fixture.of("fixtures/statements/Returns.java", "fixtures.statements.Returns");

  @Test
  void returnCompletedFuture() {
    assertEquals("value", RETURNS.assertSameAsBlocking("returnCompletedValue").value());
  }

  @Test
  void returnPendingStageCompletesWithItsOutcome() {
    assertEquals("pending", RETURNS.assertSameAsBlocking("returnPendingStage").value());
  }

  @Test
  void returnStageThatFailsLater() {
    assertEquals("returned failure", RETURNS.assertSameAsBlocking("returnFailedStage").failure().getMessage());
  }

  @Test
  void returnAlreadyFailedStage() {
    assertEquals("already failed", RETURNS.assertSameAsBlocking("returnAlreadyFailedStage").failure().getMessage());
  }

  @Test
  void returnOtherCoroutine() {
    Outcome o = RETURNS.assertSameAsBlocking("returnOtherCoroutine");
    assertEquals("outer+inner", o.value());
    assertEquals(List.of("calling inner", "inner starts", "inner done"), o.trace());
  }

  @Test
  void returnDependentStage() {
    assertEquals("vv", RETURNS.assertSameAsBlocking("returnChainedStage").value());
  }

  @Test
  void earlyReturnSkipsTheRest() {
    assertEquals("early", RETURNS.assertSameAsBlocking("earlyReturnSkipsRest", true).value());
    assertEquals("late", RETURNS.assertSameAsBlocking("earlyReturnSkipsRest", false).value());
  }

  @Test
  void throwAfterAwait() {
    assertEquals("thrown s", RETURNS.assertSameAsBlocking("throwAfterAwait").failure().getMessage());
  }

  @Test
  void throwAnAwaitedException() {
    RETURNS.assertSameAsBlocking("throwAwaitedException");
  }

  @Test
  void throwNullIsANullPointerException() {
    assertEquals(NullPointerException.class, RETURNS.assertSameAsBlocking("throwNullGivesNpe").failure().getClass());
  }

  @Test
  void returnFromInsideAnEndlessLoop() {
    assertEquals("at 3", RETURNS.assertSameAsBlocking("returnInsideLoop").value());
  }
}

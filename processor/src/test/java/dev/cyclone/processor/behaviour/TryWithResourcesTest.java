package dev.cyclone.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cyclone.processor.testing.Fixture;
import dev.cyclone.processor.testing.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** try-with-resources across awaits: reverse close order, suppressed close failures. */
class TryWithResourcesTest {
  private static final Fixture RES = Fixture.of("fixtures/statements/Resources.java", "fixtures.statements.Resources");

  @Test
  void resourcesClosedInReverseOrderAfterTheAwaits() {
    Outcome o = RES.assertSameAsBlocking("closedInReverseOrderAfterAwaits");
    assertEquals(List.of("open a", "open b", "use a", "use b", "body ab", "close b", "close a", "after"), o.trace());
  }

  @Test
  void bodyFailureCarriesCloseFailuresAsSuppressed() {
    Outcome o = RES.assertSameAsBlocking("bodyThrowsCloseFailuresSuppressed");
    assertEquals("body", o.failure().getMessage());
    assertEquals(2, o.failure().getSuppressed().length);
    assertEquals("close b", o.failure().getSuppressed()[0].getMessage());
  }

  @Test
  void closeFailureWithoutBodyFailure() {
    Outcome o = RES.assertSameAsBlocking("closeFailureAloneIsThrownAfterAllClosed");
    assertEquals("close c", o.failure().getMessage());
    assertEquals(List.of("open a", "open b", "open c", "body 1", "close c", "close b", "close a"), o.trace());
  }

  @Test
  void awaitedFailureClosesBeforeCatchAndFinally() {
    Outcome o = RES.assertSameAsBlocking("awaitedFailureInBodyStillCloses");
    assertEquals("handled", o.value());
    assertEquals(List.of("open a", "close a", "catch sees closed awaited 0", "finally 0"), o.trace());
  }

  @Test
  void failingResourceInitializerClosesOnlyTheEarlierResources() {
    Outcome o = RES.assertSameAsBlocking("resourceInitializerFailsClosesEarlierOnly");
    assertEquals(List.of("open a", "close a"), o.trace());
    assertEquals("init b", o.failure().getMessage());
  }

  @Test
  void returnFromBodyClosesTheResources() {
    Outcome o = RES.assertSameAsBlocking("returnFromBodyClosesBeforeCompleting");
    assertEquals("a!", o.value());
    assertEquals(List.of("open a", "use a", "close a"), o.trace());
  }

  @Test
  void nullResourceIsNotClosed() {
    RES.assertSameAsBlocking("nullResourceIsSkipped");
  }

  @Test
  void existingEffectivelyFinalVariableAsResource() {
    RES.assertSameAsBlocking("existingVariableAsResource");
  }

  @Test
  void breakAndContinueOutOfTryWithResourcesInALoop() {
    Outcome o = RES.assertSameAsBlocking("resourcesInLoopWithBreakAndContinue");
    assertEquals(List.of("open r0", "use r0", "close r0", "open r1", "close r1", "open r2", "close r2"), o.trace());
  }

  @Test
  void nestedTryWithResourcesAndCatch() {
    RES.assertSameAsBlocking("nestedTryWithResources");
  }
}

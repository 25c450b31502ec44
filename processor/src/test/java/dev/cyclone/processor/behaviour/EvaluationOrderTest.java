package dev.cyclone.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cyclone.processor.testing.Fixture;
import dev.cyclone.processor.testing.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Left-to-right evaluation: everything left of an await is evaluated once, before it. */
class EvaluationOrderTest {
  private static final Fixture ORDER = Fixture.of("fixtures/expressions/Order.java", "fixtures.expressions.Order");

  @Test
  void argumentsLeftOfAnAwaitAreEvaluatedFirst() {
    Outcome o = ORDER.assertSameAsBlocking("argumentsLeftToRight");
    assertEquals(List.of("a A", "b B", "c C"), o.trace());
    assertEquals("ABC", o.value());
  }

  @Test
  void receiverIsEvaluatedBeforeAwaitingArguments() {
    Outcome o = ORDER.assertSameAsBlocking("receiverBeforeArguments");
    assertEquals(List.of("receiver", "arg1 1", "arg2 2"), o.trace());
  }

  @Test
  void leftOperandWithSideEffectEvaluatedOnce() {
    Outcome o = ORDER.assertSameAsBlocking("leftOperandEvaluatedOnce");
    assertEquals(32, o.value());
    assertEquals(List.of("left 1", "right 2"), o.trace());
  }

  @Test
  void compoundAssignmentOnLocal() {
    assertEquals(11, ORDER.assertSameAsBlocking("compoundAssignmentReadsLeftFirst").value());
  }

  @Test
  void compoundAssignmentReadsTheFieldBeforeTheRightSide() {
    assertEquals(6, ORDER.assertSameAsBlocking("compoundAssignmentOnFieldReadsLeftFirst").value());
  }

  @Test
  void compoundStringAssignment() {
    assertEquals("start+tail", ORDER.assertSameAsBlocking("compoundAssignmentSeesOldValueNotChangedDuringAwait").value());
  }

  @Test
  void arrayIndexWithPostIncrementEvaluatedBeforeAwait() {
    assertEquals("1,20,0 i=2", ORDER.assertSameAsBlocking("arrayIndexEvaluatedBeforeAwait").value());
  }

  @Test
  void arrayReferenceEvaluatedBeforeAwait() {
    Outcome o = ORDER.assertSameAsBlocking("arrayReferenceEvaluatedBeforeAwait");
    assertEquals("7 0", o.value());
    assertEquals(List.of("index 0", "array replaced"), o.trace());
  }

  @Test
  void arrayCompoundAssignmentReadsElementBeforeAwait() {
    assertEquals("1,202,3 i=2", ORDER.assertSameAsBlocking("arrayCompoundAssignment").value());
  }

  @Test
  void fieldAssignmentTargetObjectEvaluatedBeforeAwait() {
    assertEquals("42 0", ORDER.assertSameAsBlocking("fieldAssignmentTargetEvaluatedFirst").value());
  }

  @Test
  void andAndDoesNotEvaluateAwaitWhenLeftIsFalse() {
    Outcome skipped = ORDER.assertSameAsBlocking("andAndShortCircuits", false);
    assertEquals(List.of(), skipped.trace());
    Outcome taken = ORDER.assertSameAsBlocking("andAndShortCircuits", true);
    assertEquals(List.of("second evaluated true"), taken.trace());
  }

  @Test
  void orOrDoesNotEvaluateAwaitWhenLeftIsTrue() {
    assertEquals(List.of(), ORDER.assertSameAsBlocking("orOrShortCircuits", true).trace());
    assertEquals(List.of("second evaluated false"), ORDER.assertSameAsBlocking("orOrShortCircuits", false).trace());
  }

  @Test
  void conditionalEvaluatesOnlyTheChosenBranch() {
    assertEquals(List.of("then T"), ORDER.assertSameAsBlocking("conditionalEvaluatesOneBranch", true).trace());
    assertEquals(List.of("else E"), ORDER.assertSameAsBlocking("conditionalEvaluatesOneBranch", false).trace());
  }

  @Test
  void shortCircuitInLoopCondition() {
    ORDER.assertSameAsBlocking("shortCircuitInLoopCondition");
  }

  @Test
  void awaitedFutureExpressionEvaluatedOnce() {
    assertEquals(List.of("future made"), ORDER.assertSameAsBlocking("awaitedFutureExpressionEvaluatedOnce").trace());
  }

  @Test
  void incrementsAroundAnAwait() {
    assertEquals(1807, ORDER.assertSameAsBlocking("preAndPostIncrementAroundAwait").value());
  }

  @Test
  void bothOperandsAwaitInOrder() {
    assertEquals(List.of("left L", "right R"), ORDER.assertSameAsBlocking("binaryOperandsBothSidesAwait").trace());
  }

  @Test
  void valueOfAnAssignmentExpression() {
    assertEquals("3 6 xx", ORDER.assertSameAsBlocking("assignmentValueUsed").value());
  }
}

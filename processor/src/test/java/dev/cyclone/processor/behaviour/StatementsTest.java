package dev.cyclone.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cyclone.processor.testing.Fixture;
import dev.cyclone.processor.testing.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Blocks, locals, if/else, loops and labels: each compiled coroutine against the blocking oracle. */
class StatementsTest {
  private static final Fixture BLOCKS = Fixture.of("fixtures/statements/Blocks.java", "fixtures.statements.Blocks");
  private static final Fixture LOOPS = Fixture.of("fixtures/statements/Loops.java", "fixtures.statements.Loops");
  private static final Fixture LABELS = Fixture.of("fixtures/statements/Labels.java", "fixtures.statements.Labels");

  @Test
  void nestedBlocksAndSiblingScopesWithTheSameNames() {
    Outcome o = BLOCKS.assertSameAsBlocking("nestedBlocks");
    assertEquals(List.of("block1 oi1", "block2 i12", "sibling 28"), o.trace());
  }

  @Test
  void localsKeepTheirValuesAcrossAwaits() {
    assertEquals(26, BLOCKS.assertSameAsBlocking("localsKeepValuesAcrossAwaits", 1).value());
  }

  @Test
  void declarationsWithSeveralAwaitingInitializers() {
    assertEquals("s4134", BLOCKS.assertSameAsBlocking("declarationsWithAwaitInitializers").value());
  }

  @Test
  void ifElseChainsWithAwaitInConditionsAndBranches() {
    for (int n : new int[] {0, 3, 7, 8}) {
      BLOCKS.assertSameAsBlocking("ifElse", n);
    }
  }

  @Test
  void finalLocalDefinitelyAssignedInBranches() {
    assertEquals("yes", BLOCKS.assertSameAsBlocking("definiteAssignmentInBranches", true).value());
    assertEquals("no", BLOCKS.assertSameAsBlocking("definiteAssignmentInBranches", false).value());
  }

  @Test
  void parametersAreLocalsThatLiveAcrossAwaits() {
    assertEquals("a2:8", BLOCKS.assertSameAsBlocking("parametersAreLocalsToo", 1, "a").value());
  }

  @Test
  void coroutineDeclaredToReturnCompletionStage() {
    assertEquals("stage", BLOCKS.assertSameAsBlocking("returnsCompletionStage").value());
  }

  @Test
  void voidResult() {
    BLOCKS.assertSameAsBlocking("voidResult");
  }

  @Test
  void emptyAndExpressionStatements() {
    BLOCKS.assertSameAsBlocking("emptyStatementsAndExpressionStatements");
  }

  @Test
  void whileWithAwaitInConditionAndBody() {
    Outcome o = LOOPS.assertSameAsBlocking("whileAwaitInConditionAndBody", 3);
    assertEquals(30, o.value());
    assertEquals(List.of("while 0", "while 1", "while 2"), o.trace());
  }

  @Test
  void whileNeverEntered() {
    assertEquals(0, LOOPS.assertSameAsBlocking("whileNeverEntered").value());
  }

  @Test
  void doWhileRunsBodyFirst() {
    LOOPS.assertSameAsBlocking("doWhile", 3);
    LOOPS.assertSameAsBlocking("doWhile", 0);
  }

  @Test
  void classicForWithAwaitInInitConditionUpdateAndBody() {
    assertEquals("0:100 1:99 2:98 ", LOOPS.assertSameAsBlocking("forWithAwaitEverywhere", 3).value());
    LOOPS.assertSameAsBlocking("forWithAwaitEverywhere", 0);
  }

  @Test
  void forWithoutPartsAndBreak() {
    assertEquals(3, LOOPS.assertSameAsBlocking("forWithoutParts").value());
  }

  @Test
  void continueRunsTheUpdate() {
    assertEquals(9, LOOPS.assertSameAsBlocking("forContinue").value());
  }

  @Test
  void enhancedForOverArrays() {
    assertEquals("XY6", LOOPS.assertSameAsBlocking("enhancedForOverArray", (Object) new String[] {"x", "y"}).value());
  }

  @Test
  void enhancedForOverIterables() {
    assertEquals("aa,bb,cc", LOOPS.assertSameAsBlocking("enhancedForOverIterable").value());
  }

  @Test
  void enhancedForEvaluatesItsIterableOnce() {
    Outcome o = LOOPS.assertSameAsBlocking("enhancedForIterableEvaluatedOnce");
    assertEquals(List.of("iterable [x, y]"), o.trace());
  }

  @Test
  void enhancedForKeepsIteratingTheOriginalArray() {
    assertEquals("123", LOOPS.assertSameAsBlocking("enhancedForArrayEvaluatedOnceAndSnapshotted").value());
  }

  @Test
  void iteratorUsedByHand() {
    LOOPS.assertSameAsBlocking("iteratorByHand");
  }

  @Test
  void nestedLoops() {
    assertEquals("10 20 21 ", LOOPS.assertSameAsBlocking("nestedLoops").value());
  }

  @Test
  void sameLoopVariableNameWithDifferentTypes() {
    LOOPS.assertSameAsBlocking("loopVariableShadowsNothing");
  }

  @Test
  void manyIterationsOnCompletedFutures() {
    assertEquals(10_000, LOOPS.assertSameAsBlocking("manyIterationsOnCompletedFutures").value());
  }

  @Test
  void labeledBreakOutOfNestedLoops() {
    LABELS.assertSameAsBlocking("breakOuter");
  }

  @Test
  void labeledContinueOfOuterLoopFromWhileTrue() {
    LABELS.assertSameAsBlocking("continueOuter");
  }

  @Test
  void labeledContinueFromDoWhile() {
    LABELS.assertSameAsBlocking("continueOuterFromDoWhile");
  }

  @Test
  void breakOutOfLabeledBlock() {
    for (int n : new int[] {1, 2, 3}) {
      LABELS.assertSameAsBlocking("labeledBlock", n);
    }
  }

  @Test
  void breakOfInnerLabeledLoopOnly() {
    assertEquals(6, LABELS.assertSameAsBlocking("breakFromInnerLabeledLoopOnly").value());
  }

  @Test
  void sameLabelOnSiblingLoops() {
    assertEquals("0256", LABELS.assertSameAsBlocking("sameLabelReused").value());
  }
}

package dev.cyclone.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cyclone.processor.testing.Fixture;
import dev.cyclone.processor.testing.Outcome;
import org.junit.jupiter.api.Test;

/**
 * Java 17 forms around awaits (var lambda parameters, nested try-with-resources with suppressed
 * failures, text blocks, yield), each compiled as a coroutine and run against the same body with a
 * blocking await; and, on JDK 21 and later, Java 21's patterns next to awaits, which are compile
 * errors that say what to write instead. CI runs the processor suite on JDK 17 and again on JDK
 * 25, where the Java 21 case runs.
 */
class LanguageLevelTest {
  private static final Fixture LEVEL =
      Fixture.of("fixtures/expressions/LanguageLevel.java", "fixtures.expressions.LanguageLevel");

  @Test
  void varLambdaParametersCapturedAcrossAnAwait() {
    assertEquals("A6b7", LEVEL.assertSameAsBlocking("varLambdaParametersAcrossAwait", 5).value());
  }

  @Test
  void nestedResourcesCarrySuppressedFailuresAcrossAwaits() {
    Outcome thrown = LEVEL.assertSameAsBlocking("nestedResourcesCarrySuppressedFailures", true);
    assertEquals("body", thrown.failure().getMessage());
    Outcome closing = LEVEL.assertSameAsBlocking("nestedResourcesCarrySuppressedFailures", false);
    assertEquals("close inner", closing.failure().getMessage());
    assertEquals("close outer", closing.failure().getSuppressed()[0].getMessage());
  }

  @Test
  void textBlocksAroundAwaits() {
    assertEquals("Hello, text!\n  indented joined\n2", LEVEL.assertSameAsBlocking("textBlockAroundAwaits").value());
  }

  @Test
  void switchExpressionYieldsAcrossAwaits() {
    assertEquals(1, LEVEL.assertSameAsBlocking("switchExpressionYieldsAcrossAwaits", "b").value());
    assertEquals(15, LEVEL.assertSameAsBlocking("switchExpressionYieldsAcrossAwaits", "c").value());
    assertEquals(400, LEVEL.assertSameAsBlocking("switchExpressionYieldsAcrossAwaits", "dddd").value());
    assertEquals(-1, LEVEL.assertSameAsBlocking("switchExpressionYieldsAcrossAwaits", "").value());
  }

  @Test
  void java21PatternsNextToAwaitsAreCompileErrorsThatSayWhatToDo() {
    assumeTrue(Runtime.version().feature() >= 21, "Java 21 patterns: run in CI's JDK 25 pass");
    String errors = Fixture.of("fixtures/expressions/Java21Patterns.java", "fixtures.expressions.Java21Patterns")
        .compiled().errors().stream()
        .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(null))
        .collect(java.util.stream.Collectors.joining("\n"));
    assertTrue(errors.contains("[CoroutinePatternSwitch]"), errors);
    assertTrue(errors.contains("[CoroutineRecordPattern]"), errors);
    assertFalse(errors.contains("_Coroutines.java"), "no error in generated code: " + errors);
  }
}

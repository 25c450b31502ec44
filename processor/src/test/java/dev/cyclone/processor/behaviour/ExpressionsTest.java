package dev.cyclone.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cyclone.processor.testing.Fixture;
import dev.cyclone.processor.testing.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** await wherever an expression may stand (outside lambdas and class bodies). */
class ExpressionsTest {
  private static final Fixture OPS = Fixture.of("fixtures/expressions/Operands.java", "fixtures.expressions.Operands");
  private static final Fixture JAVA17 =
      Fixture.of("fixtures/expressions/Java17Expressions.java", "fixtures.expressions.Java17Expressions");

  @Test
  void inMethodArguments() {
    assertEquals("abc3", OPS.assertSameAsBlocking("inArguments").value());
  }

  @Test
  void inArithmeticBitwiseAndUnaryOperands() {
    assertEquals(54, OPS.assertSameAsBlocking("inOperands").value());
  }

  @Test
  void inConditions() {
    assertEquals("gttrue", OPS.assertSameAsBlocking("inConditions").value());
  }

  @Test
  void inArrayIndexesDimensionsAndInitializers() {
    assertEquals("two342135", OPS.assertSameAsBlocking("inArrayIndexesAndCreation").value());
  }

  @Test
  void asMethodReceiver() {
    assertEquals("padded3dcba", OPS.assertSameAsBlocking("asReceiver").value());
  }

  @Test
  void nestedInsideAnotherAwait() {
    assertEquals("nested4future of future", OPS.assertSameAsBlocking("nestedAwaits").value());
  }

  @Test
  void inStringConcatenationIncludingLoops() {
    assertEquals("a1c2.5truenullnull0-0|1-1|2-2|", OPS.assertSameAsBlocking("stringConcatenation").value());
  }

  @Test
  void asConstructorArguments() {
    Outcome o = OPS.assertSameAsBlocking("constructorArguments");
    assertEquals(List.of("new Point 1,2", "new Point 3,4"), o.trace());
  }

  @Test
  void inCastsAndInstanceof() {
    assertEquals("texttrue7", OPS.assertSameAsBlocking("castsAndInstanceof").value());
  }

  @Test
  void qualifiedAndFullyQualifiedAwait() {
    assertEquals("qualified fully", OPS.assertSameAsBlocking("qualifiedAwait").value());
  }

  @Test
  void awaitAsAnExpressionStatement() {
    OPS.assertSameAsBlocking("awaitAsStatementDiscardsValue");
  }

  @Test
  void inConditionalOperands() {
    assertEquals("pos2", OPS.assertSameAsBlocking("conditionalOperands").value());
  }

  @Test
  void inAMethodChain() {
    assertEquals("12x12x", OPS.assertSameAsBlocking("awaitInLambdaFreeMethodChain").value());
  }

  @Test
  void inReturnExpression() {
    assertEquals(42, OPS.assertSameAsBlocking("inReturnExpression").value());
  }

  @Test
  void inThrowExpression() {
    assertEquals("message from await", OPS.assertSameAsBlocking("inThrowExpression").failure().getMessage());
  }

  @Test
  void varLocalsWhoseTypesCanBeWritten() {
    JAVA17.assertSameAsBlocking("varLocalsOfWritableTypes");
  }

  @Test
  void inAnonymousClassConstructorArguments() {
    JAVA17.assertSameAsBlocking("awaitInAnonymousClassConstructorArgument");
  }

  @Test
  void methodReferenceMadeAfterAwait() {
    assertEquals("REF", JAVA17.assertSameAsBlocking("methodReferenceAfterAwait").value());
  }

  @Test
  void textBlockConcatenatedWithAwait() {
    JAVA17.assertSameAsBlocking("textBlockConcatenation");
  }
}

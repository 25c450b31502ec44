package dev.cyclone.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cyclone.processor.testing.Fixture;
import dev.cyclone.processor.testing.Outcome;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Locals across awaits: captures, pattern variables, primitives and boxing, generics. */
class LocalsTest {
  private static final Fixture CAPTURES = Fixture.of("fixtures/locals/Captures.java", "fixtures.locals.Captures");
  private static final Fixture PATTERNS = Fixture.of("fixtures/locals/Patterns.java", "fixtures.locals.Patterns");
  private static final Fixture PRIMITIVES = Fixture.of("fixtures/locals/Primitives.java", "fixtures.locals.Primitives");
  private static final Fixture GENERICS = Fixture.of("fixtures/locals/Generics.java", "fixtures.locals.Generics");
  private static final Fixture LOCAL_TYPES = Fixture.of("fixtures/locals/LocalTypes.java", "fixtures.locals.LocalTypes");

  @Test
  void aLocalRecordsInstancesLiveAcrossAwaits() {
    assertEquals("[Point[x=5, y=2], Point[x=6, y=2], Point[x=8, y=2]] true",
        LOCAL_TYPES.assertSameAsBlocking("localRecordAcrossAwaits", 5).value());
  }

  @Test
  void aLocalEnumDrivesASwitchWithAwaitsInItsArms() {
    assertEquals("sm1e", LOCAL_TYPES.assertSameAsBlocking("localEnumInASwitchAcrossAwaits", "START").value());
    assertEquals("m1e", LOCAL_TYPES.assertSameAsBlocking("localEnumInASwitchAcrossAwaits", "MIDDLE").value());
  }

  @Test
  void aLocalInterfaceAndAClassThatReadsTheEnclosingObject() {
    assertEquals("p:square 2.0 total 7.0",
        LOCAL_TYPES.assertSameAsBlocking("localInterfaceAndClassUsingMembers").value());
  }

  @Test
  void aGenericLocalRecordWithAGenericMethod() {
    assertEquals("[Pair[first=k, second=v1], Pair[first=j, second=w]]",
        LOCAL_TYPES.assertSameAsBlocking("genericLocalRecord").value());
  }

  @Test
  void lambdasCreatedInALoopCaptureTheirOwnIteration() {
    assertEquals("v0v1v2", CAPTURES.assertSameAsBlocking("lambdasInLoopCaptureTheirIteration").value());
  }

  @Test
  void enhancedForVariableCapturedPerIteration() {
    assertEquals("10 20 30 ", CAPTURES.assertSameAsBlocking("enhancedForVariableCapturedPerIteration").value());
  }

  @Test
  void anonymousClassesCreatedInALoopCaptureTheirOwnIteration() {
    assertEquals("[obj0, obj2, obj4]", CAPTURES.assertSameAsBlocking("anonymousClassesInLoopCaptureTheirIteration").value());
  }

  @Test
  void lambdaCapturingAHoistedLocal() {
    assertEquals("base!other", CAPTURES.assertSameAsBlocking("lambdaCapturesValueAwaitedBeforeAndReadAfterAwait").value());
  }

  @Test
  void lambdaCreatedBeforeAnAwaitCalledAfterIt() {
    assertEquals("7 14", CAPTURES.assertSameAsBlocking("lambdaCreatedBeforeAwaitCalledAfter").value());
  }

  @Test
  void lambdaCapturingAParameter() {
    assertEquals("pp", CAPTURES.assertSameAsBlocking("capturedParameter", "p").value());
  }

  @Test
  void lambdaUsingThisAndFields() {
    assertEquals("pre-captures", CAPTURES.assertSameAsBlocking("lambdaUsesThisAndField").value());
  }

  @Test
  void lambdaPassedToAFutureCombinator() {
    assertEquals("r=15", CAPTURES.assertSameAsBlocking("lambdaAwaitingNothingPassedToFutureCombinator").value());
  }

  @Test
  void sameNameDifferentTypesInSiblingLoops() {
    assertEquals("a0a105", CAPTURES.assertSameAsBlocking("localsShadowingAcrossLoops").value());
  }

  @Test
  void patternVariableLivesAcrossAwait() {
    assertEquals("string 3 abc", PATTERNS.assertSameAsBlocking("patternVariableAcrossAwait", "abc").value());
    assertEquals("big int 42", PATTERNS.assertSameAsBlocking("patternVariableAcrossAwait", 42).value());
    assertEquals("other", PATTERNS.assertSameAsBlocking("patternVariableAcrossAwait", 3).value());
    assertEquals("other", PATTERNS.assertSameAsBlocking("patternVariableAcrossAwait", 2.0).value());
  }

  @Test
  void negatedPatternVariableInScopeAfterIf() {
    assertEquals("s!", PATTERNS.assertSameAsBlocking("negatedPatternScopesAfterIf", "s").value());
    assertEquals("not a string", PATTERNS.assertSameAsBlocking("negatedPatternScopesAfterIf", 1).value());
  }

  @Test
  void patternVariableInLoopCondition() {
    assertEquals("abc", PATTERNS.assertSameAsBlocking("patternInLoopCondition").value());
  }

  @Test
  void samePatternNameWithDifferentTypes() {
    assertEquals("A2B", PATTERNS.assertSameAsBlocking("samePatternNameDifferentTypes", List.of("a", 1, "b", 2.0)).value());
  }

  @Test
  void patternVariableInConditionalExpression() {
    PATTERNS.assertSameAsBlocking("patternInConditionalExpression", 21);
    PATTERNS.assertSameAsBlocking("patternInConditionalExpression", "x");
  }

  @Test
  void everyPrimitiveTypeAcrossAwaits() {
    PRIMITIVES.assertSameAsBlocking("allPrimitiveTypesAcrossAwaits");
  }

  @Test
  void compoundAssignmentsNarrowLikeJava() {
    PRIMITIVES.assertSameAsBlocking("compoundAssignmentNarrowing");
  }

  @Test
  void unboxingNullThrowsNullPointerExceptionAtTheSamePoint() {
    Outcome o = PRIMITIVES.assertSameAsBlocking("unboxingNullThrowsAtTheSamePoint");
    assertEquals(NullPointerException.class, o.failure().getClass());
    assertEquals(List.of("before", "boxed read null"), o.trace());
  }

  @Test
  void awaitedNullAssignedToPrimitiveThrowsNullPointerException() {
    Outcome o = PRIMITIVES.assertSameAsBlocking("awaitedNullUnboxedDirectly");
    assertEquals(NullPointerException.class, o.failure().getClass());
    assertEquals(List.of("before"), o.trace());
  }

  @Test
  void awaitedNullInArithmeticThrowsNullPointerException() {
    assertEquals(NullPointerException.class, PRIMITIVES.assertSameAsBlocking("awaitedNullInArithmetic").failure().getClass());
  }

  @Test
  void boxingIdentityAndEquality() {
    assertEquals("true true true", PRIMITIVES.assertSameAsBlocking("boxingIdentityAndEquality").value());
  }

  @Test
  void integerDivisionByZero() {
    assertEquals("caught / by zero Infinity", PRIMITIVES.assertSameAsBlocking("arithmeticExceptions").value());
  }

  @Test
  void charArithmeticAndConcatenation() {
    PRIMITIVES.assertSameAsBlocking("charAndStringMixing");
  }

  @Test
  void primitiveSumAsResult() {
    assertEquals(10, PRIMITIVES.assertSameAsBlocking("primitiveResult").value());
  }

  @Test
  void conditionalOfBoxedOperandsDoesNotUnbox() {
    assertEquals("r=1", PRIMITIVES.assertSameAsBlocking("conditionalOfBoxedTypesKeepsNull", true).value());
    assertEquals("r=null", PRIMITIVES.assertSameAsBlocking("conditionalOfBoxedTypesKeepsNull", false).value());
  }

  @Test
  void conditionalUnboxingNull() {
    Outcome o = PRIMITIVES.assertSameAsBlocking("ternaryUnboxingNull");
    assertEquals(NullPointerException.class, o.failure().getClass());
    assertEquals(List.of("before ternary"), o.trace());
  }

  @Test
  void genericMethodIdentity() {
    assertEquals("x", GENERICS.assertSameAsBlocking("identity", "x").value());
    assertEquals(5, GENERICS.assertSameAsBlocking("identity", 5).value());
  }

  @Test
  void genericMethodWithBound() {
    assertEquals("pear", GENERICS.assertSameAsBlocking("max", List.of("apple", "pear", "fig")).value());
  }

  @Test
  void genericMethodWithSeveralTypeParameters() {
    Function<String, Integer> length = String::length;
    Comparator<Integer> order = Comparator.naturalOrder();
    Outcome o = GENERICS.assertSameAsBlocking("groupBy", Arrays.asList("a", "bb", "c", "dd", "eee"), length, order);
    assertEquals("{1=[a, c], 2=[bb, dd], 3=[eee]}", o.value().toString());
  }

  @Test
  void wildcardTypes() {
    assertEquals("3.5 [1]", GENERICS.assertSameAsBlocking("wildcards", List.of(1, 2.5)).value());
  }

  @Test
  void genericCoroutinesCallingEachOther() {
    assertEquals("id9[a, b]", GENERICS.assertSameAsBlocking("callsGenericCoroutines").value());
  }

  @Test
  void intersectionTypeBound() {
    assertEquals(2, GENERICS.assertSameAsBlocking("intersectionBound", "zz", "zzz").value());
  }
}

package dev.cyclone.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cyclone.processor.testing.Fixture;
import org.junit.jupiter.api.Test;

/** switch statements, old and arrow style, over int, String and enum, awaiting in selector and cases. */
class SwitchTest {
  private static final Fixture SWITCHES = Fixture.of("fixtures/statements/Switches.java", "fixtures.statements.Switches");
  private static final Fixture JAVA17 =
      Fixture.of("fixtures/expressions/Java17Expressions.java", "fixtures.expressions.Java17Expressions");

  @SuppressWarnings("unchecked")
  private Object color(String name) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<? extends Enum> enumType = (Class<? extends Enum>) SWITCHES.compiledClass("fixtures.statements.Switches$Color");
    return Enum.valueOf(enumType, name);
  }

  @SuppressWarnings("unchecked")
  private Object blockingColor(String name) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<? extends Enum> enumType = (Class<? extends Enum>) SWITCHES.blockingClass("fixtures.statements.Switches$Color");
    return Enum.valueOf(enumType, name);
  }

  private void assertEnumCase(String method, String color) {
    // enum constants belong to each side's own class loader: compare the two runs by hand
    assertEquals(
        SWITCHES.runBlocking(method, blockingColor(color)).describe(),
        SWITCHES.runCompiled(method, color(color)).describe(),
        method + "(" + color + ")");
  }

  @Test
  void oldStyleIntWithFallThroughAndDefaultInTheMiddle() {
    assertEquals("one two three ", SWITCHES.assertSameAsBlocking("oldStyleIntFallThrough", 1).value());
    for (int n : new int[] {2, 3, 4, 5, 9}) {
      SWITCHES.assertSameAsBlocking("oldStyleIntFallThrough", n);
    }
  }

  @Test
  void oldStyleString() {
    for (String s : new String[] {"a", "b", "c", "zzz"}) {
      SWITCHES.assertSameAsBlocking("oldStyleString", s);
    }
  }

  @Test
  void oldStyleEnum() {
    for (String c : new String[] {"RED", "GREEN", "BLUE"}) {
      assertEnumCase("oldStyleEnum", c);
    }
  }

  @Test
  void arrowInt() {
    for (int n : new int[] {1, 2, 3, 4}) {
      SWITCHES.assertSameAsBlocking("arrowInt", n);
    }
  }

  @Test
  void arrowString() {
    for (String s : new String[] {"x", "y", "z"}) {
      SWITCHES.assertSameAsBlocking("arrowString", s);
    }
  }

  @Test
  void arrowEnumWithThrowingCase() {
    for (String c : new String[] {"RED", "GREEN", "BLUE"}) {
      assertEnumCase("arrowEnum", c);
    }
  }

  @Test
  void breakAndContinueInsideSwitchInsideLoop() {
    assertEquals("0 |2 |three |4 |", SWITCHES.assertSameAsBlocking("switchInLoopBreakAndContinue").value());
  }

  @Test
  void localDeclaredInOneCaseAssignedInAnother() {
    for (int n : new int[] {1, 2, 3}) {
      SWITCHES.assertSameAsBlocking("switchCaseLocalsAcrossAwait", n);
    }
  }

  @Test
  void nullStringSelectorThrowsNullPointerException() {
    assertEquals(
        NullPointerException.class,
        SWITCHES.assertSameAsBlocking("nullStringSelectorThrows").failure().getClass());
  }

  @Test
  void returnFromCases() {
    for (int n : new int[] {0, 1, 2}) {
      SWITCHES.assertSameAsBlocking("returnFromSwitch", n);
    }
  }

  @Test
  void switchExpressionWithAwaitInSelector() {
    for (int n : new int[] {1, 2, 3}) {
      JAVA17.assertSameAsBlocking("switchExpressionAwaitInSelector", n);
    }
  }

  @Test
  void switchExpressionWithAwaitInArmsAndYield() {
    for (String s : new String[] {"a", "bb", "ccc"}) {
      JAVA17.assertSameAsBlocking("switchExpressionAwaitInArms", s);
    }
  }
}

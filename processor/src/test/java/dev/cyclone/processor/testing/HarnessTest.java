package dev.cyclone.processor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Proves the harness's blocking oracle on its own, independently of the processor. */
class HarnessTest {
  private static final Fixture BASICS = Fixture.of("fixtures/harness/Basics.java", "fixtures.harness.Basics");

  @Test
  void blockingSideCompilesWithoutTheProcessor() {
    assertEquals(Compilation.Status.SUCCESS, BASICS.blocking().status(), () -> CoroutineTestCompiler.describeDiagnostics(BASICS.blocking()));
    assertFalse(
        BASICS.blocking().generatedFiles().stream().anyMatch(f -> f.getName().contains("_Coroutines")),
        "no processor ran on the blocking side");
  }

  @Test
  void blockingCoroutinesShadowsTheRuntimes() throws Exception {
    Class<?> shadow = BASICS.blockingLoader().loadClass("dev.cyclone.concurrent.Coroutines");
    assertNotSame(dev.cyclone.concurrent.Coroutines.class, shadow);
    assertEquals(BASICS.blockingLoader(), shadow.getClassLoader());
  }

  @Test
  void blockingAwaitReturnsValuesInOrder() {
    Outcome o = BASICS.runBlocking("sequence");
    assertEquals(List.of("start", "got a", "got b", "got c"), o.trace());
    assertEquals("abc", o.value());
    assertTrue(o.succeeded());
  }

  @Test
  void blockingAwaitRethrowsTheFailureUnwrapped() {
    Outcome o = BASICS.runBlocking("failure");
    assertEquals(List.of("before"), o.trace());
    assertEquals(IllegalStateException.class, o.failure().getClass());
    assertEquals("boom", o.failure().getMessage());
    assertTrue(o.callThrew(), "blocking bodies throw from the call");
  }

  @Test
  void blockingAwaitRethrowsCheckedExceptionsAsTheyAre() {
    Outcome o = BASICS.runBlocking("checkedFailure");
    assertEquals(IOException.class, o.failure().getClass());
    assertEquals("disk", o.failure().getMessage());
  }

  @Test
  void blockingSidePassesArguments() {
    assertEquals(45, BASICS.runBlocking("withArguments", 42, "abc").value());
  }

  @Test
  void aMethodThatDoesNotCompileFailsOnlyItsOwnTests() {
    Fixture f = Fixture.of("isolation/OneBroken.java", "isolation.OneBroken");
    assertEquals(Compilation.Status.FAILURE, f.compiled().status());
    AssertionError broken = assertThrows(AssertionError.class, () -> f.checkCompiled("broken"));
    assertTrue(broken.getMessage().contains("undefinedSymbol"), broken.getMessage());
    assertThrows(AssertionError.class, () -> f.checkCompiled("callsBroken"), "a caller of a left-out method");
    f.checkCompiled("fine");
    f.checkCompiled("plain");
    assertEquals("isolation.OneBroken", f.compiledClass("isolation.OneBroken").getName());
  }

  @Test
  void compiledSideMatchesTheOracle() {
    BASICS.assertSameAsBlocking("sequence");
    BASICS.assertSameAsBlocking("failure");
    BASICS.assertSameAsBlocking("checkedFailure");
    BASICS.assertSameAsBlocking("withArguments", 1, "xy");
  }
}

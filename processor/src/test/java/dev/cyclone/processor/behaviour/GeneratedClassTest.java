package dev.cyclone.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.cyclone.processor.testing.CoroutineTestCompiler;
import dev.cyclone.processor.testing.Fixture;
import dev.cyclone.processor.testing.Outcome;
import dev.cyclone.processor.testing.TestLoop;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.TypeVariable;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The generated class: naming, constructors, static and generic forms, self-calls, the uncompiled body. */
class GeneratedClassTest {
  private static final Fixture BASICS = Fixture.of("fixtures/harness/Basics.java", "fixtures.harness.Basics");
  private static final Fixture OUTER = Fixture.of("fixtures/generated/Outer.java", "fixtures.generated.Outer");
  private static final Fixture STATICS = Fixture.of("fixtures/generated/Statics.java", "fixtures.generated.Statics");
  private static final Fixture BOX = Fixture.of("fixtures/generated/GenericBox.java", "fixtures.generated.GenericBox");
  private static final Fixture SELF = Fixture.of("fixtures/generated/SelfCalls.java", "fixtures.generated.SelfCalls");
  private static final Fixture CTORS = Fixture.of("fixtures/generated/Constructors.java", "fixtures.generated.Constructors");
  private static final Fixture MEMBERS =
      Fixture.of("fixtures/members/Members.java", "fixtures.members.Members", "fixtures/members/base/Base.java");

  @Test
  void generatedClassExtendsTheUsersClassInItsPackage() {
    Class<?> generated = BASICS.generatedClass();
    assertEquals("fixtures.harness.Basics_Coroutines", generated.getName());
    assertEquals(BASICS.compiledClass("fixtures.harness.Basics"), generated.getSuperclass());
  }

  @Test
  void everyInstanceCoroutineIsOverridden() throws Exception {
    Class<?> generated = BASICS.generatedClass();
    for (String name : List.of("sequence", "failure", "checkedFailure")) {
      Method m = generated.getDeclaredMethod(name);
      assertEquals(CompletableFuture.class, m.getReturnType());
    }
    assertNotNull(generated.getDeclaredMethod("withArguments", int.class, String.class));
  }

  @Test
  void generatedSourceIsMarkedGenerated() {
    Compilation c = BASICS.compiled();
    JavaFileObject source =
        c.generatedSourceFile("fixtures.harness.Basics_Coroutines")
            .orElseThrow(() -> new AssertionError("no generated source for Basics_Coroutines"));
    try {
      assertTrue(source.getCharContent(true).toString().contains("@Generated"), "generated source lacks @Generated");
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void nestedClassesAreNamedWithUnderscores() {
    assertEquals(
        OUTER.compiledClass("fixtures.generated.Outer$Inner"),
        OUTER.generatedClass("fixtures.generated.Outer$Inner").getSuperclass());
    assertEquals("fixtures.generated.Outer_Inner_Coroutines", OUTER.generatedClass("fixtures.generated.Outer$Inner").getName());
    assertEquals(
        "fixtures.generated.Outer_Inner_Deepest_Coroutines",
        OUTER.generatedClass("fixtures.generated.Outer$Inner$Deepest").getName());
    assertEquals("fixtures.generated.Outer_Coroutines", OUTER.generatedClass().getName());
  }

  @Test
  void nestedClassCoroutinesRun() {
    OUTER.assertSameAsBlocking("outerCoroutine");
    assertEquals("inner 2", OUTER.forClass("fixtures.generated.Outer$Inner").assertSameAsBlocking("innerCoroutine").value());
    assertEquals(
        "deepest 3", OUTER.forClass("fixtures.generated.Outer$Inner$Deepest").assertSameAsBlocking("deepest").value());
    assertEquals(
        "implementor!", OUTER.forClass("fixtures.generated.Outer$Implementor").assertSameAsBlocking("viaInterface").value());
  }

  @Test
  void staticCoroutinesGetStaticMethodsOfTheSameSignature() throws Exception {
    Class<?> generated = STATICS.generatedClass();
    Method twice = generated.getDeclaredMethod("twice", int.class);
    assertTrue(Modifier.isStatic(twice.getModifiers()));
    assertEquals(CompletableFuture.class, twice.getReturnType());
    Method withThrows = generated.getDeclaredMethod("publicStaticWithThrows", String.class);
    assertTrue(Modifier.isStatic(withThrows.getModifiers()) && Modifier.isPublic(withThrows.getModifiers()));
    assertEquals(List.of(java.io.IOException.class), Arrays.asList(withThrows.getExceptionTypes()));
  }

  @Test
  void staticCoroutinesRun() {
    assertEquals(14, STATICS.assertSameAsBlocking("twice", 7).value());
    assertEquals("2 4", STATICS.assertSameAsBlocking("callsOtherStaticCoroutines").value());
    assertEquals("abab", STATICS.assertSameAsBlocking("publicStaticWithThrows", "ab").value());
    assertEquals(java.io.IOException.class, STATICS.assertSameAsBlocking("publicStaticWithThrows", "").failure().getClass());
    assertEquals(11, STATICS.assertSameAsBlocking("instanceCallsStatic").value());
  }

  @Test
  void genericClassCarriesItsTypeParameter() {
    TypeVariable<?>[] params = BOX.generatedClass().getTypeParameters();
    assertEquals(1, params.length);
    assertEquals("T", params[0].getName());
    assertEquals("java.lang.Comparable<T>", params[0].getBounds()[0].getTypeName());
    assertEquals("fixtures.generated.GenericBox<T>", BOX.generatedClass().getGenericSuperclass().getTypeName());
  }

  @Test
  void genericClassCoroutinesRun() {
    Object compiled = BOX.newCompiled("m");
    Object blocking = BOX.newBlocking("m");
    assertEquals("m", BOX.assertSameAsBlockingOn(compiled, blocking, "get").value());
    java.util.function.Function<String, Integer> length = String::length;
    assertEquals(1, BOX.assertSameAsBlockingOn(compiled, blocking, "map", length).value());
    assertEquals(true, BOX.assertSameAsBlockingOn(compiled, blocking, "greaterThanAll", List.of("a", "b")).value());
    assertEquals(false, BOX.assertSameAsBlockingOn(compiled, blocking, "greaterThanAll", List.of("a", "z")).value());
  }

  @Test
  void callsToTheClassesOwnCoroutinesReachTheCompiledForms() {
    assertEquals("AB", SELF.assertSameAsBlocking("unqualified").value());
    assertEquals("CD", SELF.assertSameAsBlocking("qualified").value());
    assertEquals("F", SELF.assertSameAsBlocking("returnsOther").value());
    assertEquals("PLAIN", SELF.assertSameAsBlocking("callsPlainCaller").value());
    assertEquals(5, SELF.assertSameAsBlocking("recursive", 5).value());
  }

  @Test
  void theSameNonPrivateConstructors() {
    Set<String> generated =
        Arrays.stream(CTORS.generatedClass().getDeclaredConstructors())
            .map(c -> Arrays.toString(c.getParameterTypes()))
            .collect(Collectors.toSet());
    assertEquals(Set.of("[]", "[class java.lang.String, int]", "[class [Ljava.lang.String;]"), generated);
    for (Constructor<?> c : CTORS.generatedClass().getDeclaredConstructors()) {
      assertFalse(Modifier.isPrivate(c.getModifiers()), c::toString);
      if (c.getParameterCount() == 1) {
        assertTrue(c.isVarArgs(), "varargs constructor lost its varargs");
        assertEquals(List.of(java.io.IOException.class), Arrays.asList(c.getExceptionTypes()));
      }
    }
  }

  @Test
  void constructorsPassTheirArgumentsOn() {
    assertEquals("public no-arg", CTORS.runCompiledOn(CTORS.newCompiled(), "how").value());
    assertEquals("protected x1", CTORS.runCompiledOn(CTORS.newCompiled("x", 1), "how").value());
    assertEquals(
        "package varargs a+b", CTORS.runCompiledOn(CTORS.newCompiled((Object) new String[] {"a", "b"}), "how").value());
  }

  @Test
  void constructorWithArgumentsThroughMembers() {
    Outcome o = MEMBERS.runCompiledOn(MEMBERS.newCompiled("custom"), "constructedThroughArgumentConstructor");
    assertEquals("custom", o.value());
  }

  @Test
  void theAutoValueIdiomCompilesAndRuns() throws Exception {
    Compilation c = CoroutineTestCompiler.compileWithProcessor(CoroutineTestCompiler.source("fixtures/generated/Factory.java"));
    ClassLoader loader = CoroutineTestCompiler.load(c);
    Object factory = loader.loadClass("fixtures.generated.Factory").getMethod("create").invoke(null);
    assertEquals("fixtures.generated.Factory_Coroutines", factory.getClass().getName());
    assertEquals("hello factory", TestLoop.join(TestLoop.onLoop(() -> TestLoop.start(factory, "hello"))));
    assertEquals("other: hello factory", TestLoop.join(TestLoop.onLoop(() -> TestLoop.start(factory, "viaOtherInstance"))));
  }

  @Test
  void theUncompiledBodyFailsAtItsFirstAwaitNamingTheGeneratedClass() throws Exception {
    Object plain = BASICS.compiledClass("fixtures.harness.Basics").getDeclaredConstructor().newInstance();
    Fixture.resetTrace(BASICS.compiledLoader());
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<Throwable> thrown =
          thread.submit(
              () -> {
                try {
                  TestLoop.call(plain, "sequence");
                  return null;
                } catch (Throwable t) {
                  return t;
                }
              });
      Throwable t = thrown.get(Fixture.TIMEOUT_SECONDS, TimeUnit.SECONDS); // never blocks
      assertNotNull(t, "the uncompiled body did not fail");
      assertEquals(IllegalStateException.class, t.getClass());
      assertTrue(t.getMessage().contains("fixtures.harness.Basics_Coroutines"), t.getMessage());
      assertTrue(t.getMessage().startsWith("[CoroutineNotCompiled]"), t.getMessage());
      assertEquals(List.of("start"), Fixture.trace(BASICS.compiledLoader()), "did not fail at the first await");
    } finally {
      thread.shutdownNow();
    }
  }

  @Test
  void theUncompiledNestedBodyNamesTheNestedGeneratedClass() throws Exception {
    Object plain = OUTER.compiledClass("fixtures.generated.Outer$Inner").getDeclaredConstructor().newInstance();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestLoop.call(plain, "innerCoroutine"));
    assertTrue(e.getMessage().contains("fixtures.generated.Outer_Inner_Coroutines"), e.getMessage());
  }
}

package dev.cyclone.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.cyclone.processor.testing.CoroutineTestCompiler;
import dev.cyclone.processor.testing.Fixture;
import dev.cyclone.processor.testing.Outcome;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A state machine is the coroutine's CompletableFuture, and the body is copied into it: the user's
 * own methods and types named like the future's members ({@code get()}, {@code join()}, {@code
 * complete(x)}, {@code state()}, {@code State}...) keep their meaning, on every JDK.
 */
class FutureNamesTest {
  private static final Fixture NAMES = Fixture.of("fixtures/members/FutureNames.java", "fixtures.members.FutureNames");

  @Test
  void ownMethodsNamedLikeTheFuturesAreCalled() {
    Outcome o = NAMES.assertSameAsBlocking("callsOwnMethods");
    assertEquals(
        "own get / own join | own complete x | false | own cancel true"
            + " / own state | own resultNow | own obtrudeValue 3 / own toString",
        o.value());
    assertEquals(
        List.of("own get", "own join", "own complete x", "own isDone", "own cancel true",
            "own state", "own resultNow", "own obtrudeValue 3"),
        o.trace());
  }

  @Test
  void ownStaticMethodsNamedLikeTheFuturesAreCalled() {
    assertEquals(
        "own static allOf ab / own get own static completedFuture 1 / own static completedFuture 2",
        NAMES.assertSameAsBlocking("callsOwnStaticsAndLambdas").value());
    assertEquals(
        "own static completedFuture 7 / own static allOf cd",
        NAMES.assertSameAsBlocking("staticCallsOwnStatics").value());
  }

  @Test
  void ownTypesNamedLikeTheFuturesMemberTypes() {
    assertEquals(
        "failed task ran [CLOSED, OPEN, OPEN] 2 open", NAMES.assertSameAsBlocking("usesOwnTypes").value());
  }

  /**
   * Known limit: a type of the unnamed package has no qualified name to write, so one named like a
   * member type the state machine inherits (here {@code AsynchronousCompletionTask}; {@code State}
   * on Java 19+) means the inherited type inside it, and the generated code does not compile. Types
   * in a package are qualified ({@link #ownTypesNamedLikeTheFuturesMemberTypes}). If this starts to
   * compile, update docs/COROUTINES.md ("Limits").
   */
  @Test
  void aTypeOfTheUnnamedPackageNamedLikeAMemberTypeIsShadowed() {
    JavaFileObject user = JavaFileObjects.forSourceLines("NoPackage",
        "import static dev.cyclone.concurrent.Coroutines.await;",
        "import dev.cyclone.annotations.Coroutine;",
        "import java.util.concurrent.CompletableFuture;",
        "public class NoPackage {",
        "  @Coroutine",
        "  CompletableFuture<String> run(CompletableFuture<String> f) {",
        "    AsynchronousCompletionTask task = () -> \"ran\";",
        "    return CompletableFuture.completedFuture(await(f) + task.run());",
        "  }",
        "}");
    JavaFileObject type = JavaFileObjects.forSourceLines("AsynchronousCompletionTask",
        "interface AsynchronousCompletionTask {",
        "  String run();",
        "}");
    Compilation c = CoroutineTestCompiler.compileBare(user, type);
    assertEquals(Compilation.Status.FAILURE, c.status(), CoroutineTestCompiler.describeDiagnostics(c));
    assertTrue(c.errors().stream().allMatch(e -> e.getSource().getName().endsWith("NoPackage_Coroutines.java")),
        CoroutineTestCompiler.describeDiagnostics(c));
  }
}

package dev.cyclone.processor.diagnostics;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.cyclone.processor.testing.CoroutineTestCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every misuse is a compile error on the user's own line, starting with a stable tag. Sources are
 * small on purpose: each shows one rule.
 */
class DiagnosticsTest {
  private static final Sources SOURCES =
      new Sources(
          "static dev.cyclone.concurrent.Coroutines.await",
          "dev.cyclone.annotations.Coroutine",
          "dev.cyclone.concurrent.Coroutines",
          "java.util.concurrent.CompletableFuture",
          "java.util.concurrent.CompletionStage",
          "java.util.function.Supplier");

  private static JavaFileObject source(String name, String... lines) {
    return SOURCES.source(name, lines);
  }

  private static Compilation compile(JavaFileObject... sources) {
    return CoroutineTestCompiler.compileBare(sources);
  }

  private static void assertError(Compilation c, String tag, JavaFileObject file, String lineFragment) {
    assertThat(c).hadErrorContaining(tag).inFile(file).onLineContaining(lineFragment);
  }

  /** For rules whose error may sit on either of two user lines (e.g. the class or the method). */
  private static void assertErrorOnOneOf(Compilation c, String tag, JavaFileObject file, String... fragments) {
    List<String> lines;
    try {
      lines = List.of(file.getCharContent(true).toString().split("\n", -1));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    List<String> seen = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      String message = d.getMessage(null);
      if (!message.contains(tag)) {
        continue;
      }
      seen.add(d.getLineNumber() + ": " + message);
      if (d.getSource() != null && d.getSource().toUri().equals(file.toUri()) && d.getLineNumber() > 0) {
        String line = lines.get((int) d.getLineNumber() - 1);
        for (String fragment : fragments) {
          if (line.contains(fragment)) {
            return;
          }
        }
      }
    }
    throw new AssertionError(
        "no " + tag + " error on a line containing one of " + List.of(fragments) + "; errors: " + seen
            + "\nall diagnostics:\n" + CoroutineTestCompiler.describeDiagnostics(c));
  }

  // [CoroutineReturnType]

  @Test
  void returnTypeMustBeAFuture() {
    JavaFileObject f =
        source(
            "ReturnsString",
            "class ReturnsString {",
            "  @Coroutine",
            "  String notAFuture() { return \"x\"; }",
            "}");
    Compilation c = compile(f);
    assertError(c, "[CoroutineReturnType]", f, "String notAFuture()");
    assertThat(c).hadErrorContaining("String");
  }

  @Test
  void voidReturnTypeIsRejected() {
    JavaFileObject f = source("ReturnsVoid", "class ReturnsVoid {", "  @Coroutine", "  void nothing() {}", "}");
    assertError(compile(f), "[CoroutineReturnType]", f, "void nothing()");
  }

  @Test
  void plainJavaFutureIsRejected() {
    JavaFileObject f =
        source(
            "ReturnsFuture",
            "class ReturnsFuture {",
            "  @Coroutine",
            "  java.util.concurrent.Future<String> plainFuture() { return null; }",
            "}");
    assertError(compile(f), "[CoroutineReturnType]", f, "plainFuture()");
  }

  @Test
  void completionStageAndCompletableFutureAreAccepted() {
    JavaFileObject f =
        source(
            "BothAccepted",
            "class BothAccepted {",
            "  @Coroutine",
            "  CompletableFuture<String> a() { return CompletableFuture.completedFuture(\"a\"); }",
            "  @Coroutine",
            "  CompletionStage<String> b() { return CompletableFuture.completedFuture(\"b\"); }",
            "}");
    assertThat(compile(f)).succeeded();
  }

  // [CoroutineModifiers]

  @Test
  void privateCoroutineIsRejected() {
    JavaFileObject f =
        source(
            "PrivateCoroutine",
            "class PrivateCoroutine {",
            "  @Coroutine",
            "  private CompletableFuture<String> hidden() { return null; }",
            "}");
    assertError(compile(f), "[CoroutineModifiers]", f, "hidden()");
  }

  @Test
  void finalCoroutineIsRejected() {
    JavaFileObject f =
        source(
            "FinalCoroutine",
            "class FinalCoroutine {",
            "  @Coroutine",
            "  final CompletableFuture<String> sealedMethod() { return null; }",
            "}");
    assertError(compile(f), "[CoroutineModifiers]", f, "sealedMethod()");
  }

  @Test
  void abstractCoroutineIsRejected() {
    JavaFileObject f =
        source(
            "AbstractCoroutine",
            "abstract class AbstractCoroutine {",
            "  @Coroutine",
            "  abstract CompletableFuture<String> noBody();",
            "}");
    assertError(compile(f), "[CoroutineModifiers]", f, "noBody()");
  }

  @Test
  void nativeCoroutineIsRejected() {
    JavaFileObject f =
        source(
            "NativeCoroutine",
            "class NativeCoroutine {",
            "  @Coroutine",
            "  native CompletableFuture<String> elsewhere();",
            "}");
    assertError(compile(f), "[CoroutineModifiers]", f, "elsewhere()");
  }

  // [CoroutineFinalClass]

  @Test
  void coroutineInAFinalClassIsRejected() {
    JavaFileObject f =
        source(
            "FinalHolder",
            "final class FinalHolder {",
            "  @Coroutine",
            "  CompletableFuture<String> inFinal() { return null; }",
            "}");
    assertErrorOnOneOf(compile(f), "[CoroutineFinalClass]", f, "inFinal()", "final class FinalHolder");
  }

  // [CoroutineInnerClass]

  @Test
  void coroutineInANonStaticInnerClassIsRejected() {
    JavaFileObject f =
        source(
            "HasInner",
            "class HasInner {",
            "  class Inner {",
            "    @Coroutine",
            "    CompletableFuture<String> innerMethod() { return null; }",
            "  }",
            "}");
    assertErrorOnOneOf(compile(f), "[CoroutineInnerClass]", f, "innerMethod()", "class Inner");
  }

  @Test
  void coroutineInALocalClassIsRejected() {
    JavaFileObject f =
        source(
            "HasLocal",
            "class HasLocal {",
            "  void m() {",
            "    class Local {",
            "      @Coroutine",
            "      CompletableFuture<String> localMethod() { return null; }",
            "    }",
            "  }",
            "}");
    assertErrorOnOneOf(compile(f), "[CoroutineInnerClass]", f, "localMethod()", "class Local");
  }

  @Test
  void coroutineInAnAnonymousClassIsRejected() {
    JavaFileObject f =
        source(
            "HasAnonymous",
            "class HasAnonymous {",
            "  Object o = new Object() {",
            "    @Coroutine",
            "    CompletableFuture<String> anonymousMethod() { return null; }",
            "  };",
            "}");
    assertErrorOnOneOf(compile(f), "[CoroutineInnerClass]", f, "anonymousMethod()", "new Object()");
  }

  // [AwaitInLambda]

  @Test
  void awaitInsideALambdaIsRejected() {
    JavaFileObject f =
        source(
            "LambdaAwait",
            "class LambdaAwait {",
            "  @Coroutine",
            "  CompletableFuture<String> m(CompletableFuture<String> f) {",
            "    Supplier<String> s = () -> await(f);",
            "    return CompletableFuture.completedFuture(s.get());",
            "  }",
            "}");
    assertError(compile(f), "[AwaitInLambda]", f, "() -> await(f)");
  }

  @Test
  void awaitInsideABlockLambdaIsRejected() {
    JavaFileObject f =
        source(
            "BlockLambdaAwait",
            "class BlockLambdaAwait {",
            "  @Coroutine",
            "  CompletableFuture<String> m(CompletableFuture<String> f) {",
            "    Runnable r = () -> {",
            "      String v = Coroutines.await(f);",
            "    };",
            "    return CompletableFuture.completedFuture(\"x\");",
            "  }",
            "}");
    assertError(compile(f), "[AwaitInLambda]", f, "String v = Coroutines.await(f)");
  }

  // [AwaitInClassBody]

  @Test
  void awaitInsideAnAnonymousClassBodyIsRejected() {
    JavaFileObject f =
        source(
            "AnonymousAwait",
            "class AnonymousAwait {",
            "  @Coroutine",
            "  CompletableFuture<String> m(CompletableFuture<String> f) {",
            "    Object o = new Object() {",
            "      @Override public String toString() { return await(f); }",
            "    };",
            "    return CompletableFuture.completedFuture(o.toString());",
            "  }",
            "}");
    assertError(compile(f), "[AwaitInClassBody]", f, "return await(f); }");
  }

  @Test
  void awaitInsideALocalClassBodyIsRejected() {
    JavaFileObject f =
        source(
            "LocalClassAwait",
            "class LocalClassAwait {",
            "  @Coroutine",
            "  CompletableFuture<String> m(CompletableFuture<String> f) {",
            "    class Helper {",
            "      String get() { return await(f) + \"!\"; }",
            "    }",
            "    return CompletableFuture.completedFuture(new Helper().get());",
            "  }",
            "}");
    assertError(compile(f), "[AwaitInClassBody]", f, "return await(f) + ");
  }

  // [AwaitOutsideCoroutine]

  @Test
  void awaitInAMethodWithoutCoroutineIsRejected() {
    JavaFileObject f =
        source(
            "PlainAwait",
            "class PlainAwait {",
            "  @Coroutine",
            "  CompletableFuture<String> fine(CompletableFuture<String> f) {",
            "    return CompletableFuture.completedFuture(await(f));",
            "  }",
            "  String notACoroutine(CompletableFuture<String> f) {",
            "    return await(f).trim();",
            "  }",
            "}");
    assertError(compile(f), "[AwaitOutsideCoroutine]", f, "return await(f).trim()");
  }

  @Test
  void awaitInAClassWithoutAnyCoroutineIsRejected() {
    JavaFileObject f =
        source(
            "NoCoroutines",
            "class NoCoroutines {",
            "  String m(CompletableFuture<String> f) {",
            "    return Coroutines.await(f);",
            "  }",
            "}");
    // compiled with another class that has a coroutine, so the processor runs in this compilation
    JavaFileObject other =
        source(
            "HasCoroutine",
            "class HasCoroutine {",
            "  @Coroutine",
            "  CompletableFuture<String> m(CompletableFuture<String> f) {",
            "    return CompletableFuture.completedFuture(await(f));",
            "  }",
            "}");
    assertError(compile(f, other), "[AwaitOutsideCoroutine]", f, "return Coroutines.await(f)");
  }

  @Test
  void awaitInAConstructorIsRejected() {
    JavaFileObject f =
        source(
            "ConstructorAwait",
            "class ConstructorAwait {",
            "  final String s;",
            "  ConstructorAwait(CompletableFuture<String> f) {",
            "    s = await(f);",
            "  }",
            "  @Coroutine",
            "  CompletableFuture<String> m() { return CompletableFuture.completedFuture(s); }",
            "}");
    assertError(compile(f), "[AwaitOutsideCoroutine]", f, "s = await(f)");
  }

  // [AwaitInSynchronized]

  @Test
  void awaitInsideSynchronizedIsRejected() {
    JavaFileObject f =
        source(
            "SyncAwait",
            "class SyncAwait {",
            "  @Coroutine",
            "  CompletableFuture<String> m(CompletableFuture<String> f) {",
            "    synchronized (this) {",
            "      String v = await(f);",
            "      return CompletableFuture.completedFuture(v);",
            "    }",
            "  }",
            "}");
    assertError(compile(f), "[AwaitInSynchronized]", f, "String v = await(f)");
  }

  @Test
  void synchronizedBlockWithoutAwaitIsFine() {
    JavaFileObject f =
        source(
            "SyncNoAwait",
            "class SyncNoAwait {",
            "  int n;",
            "  @Coroutine",
            "  CompletableFuture<String> m(CompletableFuture<String> f) {",
            "    synchronized (this) { n++; }",
            "    return CompletableFuture.completedFuture(await(f) + n);",
            "  }",
            "}");
    assertThat(compile(f)).succeeded();
  }

  // [CoroutinePrivateMember]

  @Test
  void privateFieldUseIsRejectedWithTheFix() {
    JavaFileObject f =
        source(
            "UsesPrivateField",
            "class UsesPrivateField {",
            "  private String secret = \"s\";",
            "  @Coroutine",
            "  CompletableFuture<String> m(CompletableFuture<String> f) {",
            "    String v = await(f);",
            "    return CompletableFuture.completedFuture(v + secret);",
            "  }",
            "}");
    Compilation c = compile(f);
    assertError(c, "[CoroutinePrivateMember]", f, "v + secret");
    assertThat(c).hadErrorContaining("package-private");
    assertThat(c).hadErrorContaining("secret");
  }

  @Test
  void privateMethodUseIsRejected() {
    JavaFileObject f =
        source(
            "UsesPrivateMethod",
            "class UsesPrivateMethod {",
            "  private String helper() { return \"h\"; }",
            "  @Coroutine",
            "  CompletableFuture<String> m(CompletableFuture<String> f) {",
            "    String v = await(f);",
            "    return CompletableFuture.completedFuture(helper() + v);",
            "  }",
            "}");
    assertError(compile(f), "[CoroutinePrivateMember]", f, "helper() + v");
  }

  @Test
  void privateConstructorUseIsRejected() {
    JavaFileObject f =
        source(
            "UsesPrivateConstructor",
            "class UsesPrivateConstructor {",
            "  UsesPrivateConstructor() {}",
            "  private UsesPrivateConstructor(String s) {}",
            "  @Coroutine",
            "  CompletableFuture<Object> m(CompletableFuture<String> f) {",
            "    Object o = new UsesPrivateConstructor(await(f));",
            "    return CompletableFuture.completedFuture(o);",
            "  }",
            "}");
    assertError(compile(f), "[CoroutinePrivateMember]", f, "new UsesPrivateConstructor(await(f))");
  }

  @Test
  void privateStaticFieldUseIsRejected() {
    JavaFileObject f =
        source(
            "UsesPrivateStatic",
            "class UsesPrivateStatic {",
            "  private static int COUNT;",
            "  @Coroutine",
            "  static CompletableFuture<Integer> m(CompletableFuture<Integer> f) {",
            "    COUNT += await(f);",
            "    return CompletableFuture.completedFuture(COUNT);",
            "  }",
            "}");
    assertError(compile(f), "[CoroutinePrivateMember]", f, "COUNT += await(f)");
  }

  @Test
  void packagePrivateAndProtectedMembersAreFine() {
    JavaFileObject f =
        source(
            "UsesVisibleMembers",
            "class UsesVisibleMembers {",
            "  String visible = \"v\";",
            "  protected String prot() { return \"p\"; }",
            "  @Coroutine",
            "  CompletableFuture<String> m(CompletableFuture<String> f) {",
            "    return CompletableFuture.completedFuture(visible + prot() + await(f));",
            "  }",
            "}");
    assertThat(compile(f)).succeeded();
  }

  // [CoroutineVarType]

  @Test
  void varOfAnAnonymousTypeAcrossAnAwaitIsRejected() {
    JavaFileObject f =
        source(
            "VarAnonymous",
            "class VarAnonymous {",
            "  @Coroutine",
            "  CompletableFuture<Integer> m(CompletableFuture<Integer> f) {",
            "    var counter = new Object() { int count = 1; };",
            "    counter.count += await(f);",
            "    return CompletableFuture.completedFuture(counter.count);",
            "  }",
            "}");
    assertError(compile(f), "[CoroutineVarType]", f, "var counter = new Object()");
  }

  @Test
  void varOfAnIntersectionTypeAcrossAnAwaitIsRejectedOrCompiled() {
    JavaFileObject f =
        source(
            "VarIntersection",
            "class VarIntersection {",
            "  @Coroutine",
            "  CompletableFuture<Integer> m(CompletableFuture<Boolean> f, boolean flag) {",
            "    var mixed = flag ? Integer.valueOf(1) : \"s\";",
            "    boolean b = await(f);",
            "    return CompletableFuture.completedFuture(mixed.hashCode() + (b ? 1 : 0));",
            "  }",
            "}");
    Compilation c = compile(f);
    // Either the processor writes a type that compiles, or it says so on the user's line.
    if (c.status() != Compilation.Status.SUCCESS) {
      assertError(c, "[CoroutineVarType]", f, "var mixed");
    }
  }

  // [CoroutineLocalClassCapture], [CoroutineLocalTypeName]

  @Test
  void aLocalClassReadingTheCoroutinesLocalsIsRejectedWithTheWayAround() {
    JavaFileObject f =
        source(
            "CapturingLocalClass",
            "class CapturingLocalClass {",
            "  @Coroutine",
            "  CompletableFuture<String> m(CompletableFuture<String> f) {",
            "    String greeting = await(f);",
            "    class Greeter {",
            "      String greet() { return greeting + \"!\"; }",
            "    }",
            "    return CompletableFuture.completedFuture(new Greeter().greet());",
            "  }",
            "}");
    Compilation c = compile(f);
    assertError(c, "[CoroutineLocalClassCapture]", f, "class Greeter {");
    assertThat(c).hadErrorContaining("pass greeting to Greeter's constructor");
  }

  @Test
  void twoLocalTypesOfOneNameAreRejected() {
    JavaFileObject f =
        source(
            "TwoPoints",
            "class TwoPoints {",
            "  @Coroutine",
            "  CompletableFuture<Integer> m(CompletableFuture<Integer> f, boolean b) {",
            "    if (b) {",
            "      record Point(int x) {}",
            "      return CompletableFuture.completedFuture(new Point(await(f)).x());",
            "    }",
            "    record Point(int y) {}",
            "    return CompletableFuture.completedFuture(new Point(await(f)).y());",
            "  }",
            "}");
    assertError(compile(f), "[CoroutineLocalTypeName]", f, "record Point(int y) {}");
  }

  // [CoroutineUnsupported]: what it names depends on the construct.

  // Every error is on the user's line, and the processor never crashes javac.

  @Test
  void severalProblemsAreAllReportedInOneCompile() {
    JavaFileObject f =
        source(
            "ManyProblems",
            "class ManyProblems {",
            "  @Coroutine",
            "  String wrongType() { return null; }",
            "  @Coroutine",
            "  private CompletableFuture<String> hidden() { return null; }",
            "  String plain(CompletableFuture<String> f) { return await(f); }",
            "}");
    Compilation c = compile(f);
    assertError(c, "[CoroutineReturnType]", f, "wrongType()");
    assertError(c, "[CoroutineModifiers]", f, "hidden()");
    assertError(c, "[AwaitOutsideCoroutine]", f, "return await(f); }");
  }

  @Test
  void javacErrorsInACoroutineBodyDoNotCrashTheProcessor() {
    JavaFileObject f =
        source(
            "BrokenBody",
            "class BrokenBody {",
            "  @Coroutine",
            "  CompletableFuture<String> m(CompletableFuture<String> f) {",
            "    String v = await(f);",
            "    return CompletableFuture.completedFuture(v + undefinedName);",
            "  }",
            "}");
    Compilation c = compile(f); // must not throw
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("cannot find symbol").inFile(f).onLineContaining("undefinedName");
    assertNoCrashReport(c);
  }

  @Test
  void aJavacErrorInACoroutineBodyIsNotEchoedInGeneratedCode() {
    JavaFileObject f =
        source(
            "EchoedError",
            "class EchoedError {",
            "  @Coroutine",
            "  CompletableFuture<String> m(CompletableFuture<String> f) {",
            "    String v = await(f);",
            "    return CompletableFuture.completedFuture(v + missingName);",
            "  }",
            "}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("cannot find symbol").inFile(f).onLineContaining("missingName");
    List<String> inGenerated =
        c.errors().stream()
            .filter(d -> d.getSource() == null || !d.getSource().toUri().equals(f.toUri()))
            .map(d -> (d.getSource() == null ? "?" : d.getSource().getName()) + ":" + d.getLineNumber() + ": " + d.getMessage(null))
            .collect(Collectors.toList());
    assertEquals(List.of(), inGenerated, "the user's error is reported again inside generated code");
  }

  @Test
  void anUnsupportedConstructIsNamedOnTheUsersLine() {
    // await in the arms of a switch expression: either it compiles, or it is reported as unsupported
    JavaFileObject f =
        source(
            "SwitchArms",
            "class SwitchArms {",
            "  @Coroutine",
            "  CompletableFuture<Integer> m(CompletableFuture<Integer> f, int n) {",
            "    int r = switch (n) {",
            "      case 1 -> await(f);",
            "      default -> 0;",
            "    };",
            "    return CompletableFuture.completedFuture(r);",
            "  }",
            "}");
    Compilation c = compile(f);
    if (c.status() != Compilation.Status.SUCCESS) {
      assertErrorOnOneOf(c, "[CoroutineUnsupported]", f, "case 1 -> await(f)", "int r = switch (n)");
      assertThat(c).hadErrorContaining("switch");
    }
  }

  @Test
  void awaitOfANonFutureDoesNotCrashTheProcessor() {
    JavaFileObject f =
        source(
            "AwaitString",
            "class AwaitString {",
            "  @Coroutine",
            "  CompletableFuture<String> m() {",
            "    String v = await(\"not a future\");",
            "    return CompletableFuture.completedFuture(v);",
            "  }",
            "}");
    Compilation c = compile(f);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("await").inFile(f).onLineContaining("not a future");
    assertNoCrashReport(c);
  }

  @Test
  void typeErrorAfterAnAwaitDoesNotCrashTheProcessor() {
    JavaFileObject f =
        source(
            "TypeError",
            "class TypeError {",
            "  @Coroutine",
            "  CompletableFuture<String> m(CompletableFuture<String> f) {",
            "    int n = await(f);",
            "    return CompletableFuture.completedFuture(\"\" + n);",
            "  }",
            "}");
    Compilation c = compile(f);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("incompatible types").inFile(f).onLineContaining("int n = await(f)");
    assertNoCrashReport(c);
  }

  @Test
  void unknownTypeInSignatureDoesNotCrashTheProcessor() {
    JavaFileObject f =
        source(
            "UnknownType",
            "class UnknownType {",
            "  @Coroutine",
            "  CompletableFuture<NoSuchType> m(CompletableFuture<NoSuchType> f) {",
            "    return CompletableFuture.completedFuture(await(f));",
            "  }",
            "}");
    Compilation c = compile(f);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("cannot find symbol");
    assertNoCrashReport(c);
  }

  @Test
  void coroutineAnnotationOnAnInterfaceDefaultMethodDoesNotCrash() {
    JavaFileObject f =
        source(
            "WithDefault",
            "interface WithDefault {",
            "  @Coroutine",
            "  default CompletableFuture<String> m(CompletableFuture<String> f) {",
            "    return CompletableFuture.completedFuture(await(f));",
            "  }",
            "}");
    Compilation c = compile(f); // must not throw; any error must be tagged and on the user's file
    assertNoCrashReport(c);
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      assertTrue(d.getMessage(null).startsWith("["), "untagged error: " + d.getMessage(null));
      assertEquals(f.toUri(), d.getSource().toUri(), "error outside the user's file: " + d);
    }
  }

  @Test
  void aValidClassCompilesWithoutWarningsFromGeneratedCode() {
    JavaFileObject f =
        source(
            "Valid",
            "class Valid {",
            "  @Coroutine",
            "  CompletableFuture<String> m(CompletableFuture<String> f) {",
            "    String a = await(f);",
            "    return CompletableFuture.completedFuture(a + a);",
            "  }",
            "}");
    Compilation c = compile(f);
    assertThat(c).succeeded();
    List<String> generatedWarnings =
        c.warnings().stream()
            .filter(d -> d.getSource() != null && !d.getSource().toUri().equals(f.toUri()))
            .map(d -> d.getMessage(null))
            .collect(Collectors.toList());
    assertEquals(List.of(), generatedWarnings, "warnings in generated code");
  }

  private static void assertNoCrashReport(Compilation c) {
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      String m = d.getMessage(null);
      assertFalse(m.contains("FATAL") || m.contains("at dev.cyclone.processor."), "the processor crashed: " + m);
    }
  }
}

package dev.cyclone.processor.diagnostics;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.cyclone.processor.testing.CoroutineTestCompiler;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Misused {@code @Asynchronous} and verb methods the generated dispatcher cannot call are compile
 * errors on the user's own line, never errors inside generated code.
 */
class HandlerDiagnosticsTest {
  private static final Sources SOURCES =
      new Sources(
          "static dev.cyclone.concurrent.Coroutines.await",
          "dev.cyclone.annotations.Asynchronous",
          "dev.cyclone.annotations.Coroutine",
          "dev.cyclone.web.RequestHandler",
          "java.util.List",
          "java.util.concurrent.CompletableFuture");

  private static JavaFileObject source(String name, String... lines) {
    return SOURCES.source(name, lines);
  }

  private static Compilation compile(JavaFileObject source) {
    return CoroutineTestCompiler.compileBare(source);
  }

  @Test
  void asynchronousOutsideAHandler() {
    JavaFileObject f = source("Service",
        "public class Service {",
        "  @Asynchronous",
        "  public void refresh() {}",
        "}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("[AsynchronousOutsideHandler]").inFile(f).onLineContaining("void refresh()");
  }

  @Test
  void asynchronousWithCoroutine() {
    JavaFileObject f = source("Both",
        "public class Both extends RequestHandler {",
        "  @Asynchronous",
        "  @Coroutine",
        "  public CompletableFuture<Void> get() {",
        "    return CompletableFuture.completedFuture(null);",
        "  }",
        "}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("[AsynchronousWithCoroutine]").inFile(f).onLineContaining("get()");
  }

  @Test
  void asynchronousMustReturnVoid() {
    JavaFileObject f = source("Returning",
        "public class Returning extends RequestHandler {",
        "  @Asynchronous",
        "  public CompletableFuture<Void> get() {",
        "    return new CompletableFuture<>();",
        "  }",
        "}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("[AsynchronousReturnType]").inFile(f).onLineContaining("get()");
  }

  @Test
  void verbParameterOfAnUnconvertibleType() {
    JavaFileObject f = source("Unconvertible",
        "public class Unconvertible extends RequestHandler {",
        "  public void get(",
        "      String name,",
        "      List<String> tags) {",
        "  }",
        "}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("[HandlerPathArgument]").inFile(f).onLineContaining("List<String> tags");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void verbParameterWhoseValueOfReturnsAnotherType() {
    JavaFileObject f = source("OddValueOf",
        "public class OddValueOf extends RequestHandler {",
        "  public static final class Code {",
        "    public static String valueOf(String text) { return text; }",
        "  }",
        "  public void get(Code code) {",
        "  }",
        "}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("[HandlerPathArgument]").inFile(f).onLineContaining("get(Code code)");
  }

  @Test
  void varargsVerbParameterMustBeStrings() {
    JavaFileObject f = source("Varargs",
        "public class Varargs extends RequestHandler {",
        "  public void get(Integer... ids) {",
        "  }",
        "}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("[HandlerPathArgument]").inFile(f).onLineContaining("Integer... ids");
  }

  @Test
  void verbMustReturnVoidOrAFuture() {
    JavaFileObject f = source("Text",
        "public class Text extends RequestHandler {",
        "  public String get() {",
        "    return \"text\";",
        "  }",
        "}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("[HandlerVerbReturnType]").inFile(f).onLineContaining("String get()");
  }

  @Test
  void aGoodHandlerGetsItsDispatcher() {
    JavaFileObject f = source("Outer",
        "public class Outer {",
        "  public enum Color { RED }",
        "  public static class Items extends RequestHandler {",
        "    public void get(int id, Color color, java.util.UUID key) {}",
        "    @Asynchronous(timeout = 5)",
        "    public void post() { finish(); }",
        "    @Coroutine",
        "    public void put(long n) { await(CompletableFuture.completedFuture(n)); }",
        "  }",
        "}");
    Compilation c = compile(f);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("d/Outer_Items_Dispatcher").contentsAsUtf8String()
        .contains("return ((Outer_Items_Coroutines) handler).put$coroutine(PathConversions.toLong(raw[0], \"n\"));");
  }

  @Test
  void aHandlerInsideAPrivateClassCompiles() {
    JavaFileObject f = source("Hiding",
        "public class Hiding {",
        "  private static class Hidden {",
        "    public static class Inside extends RequestHandler {",
        "      public void get() {}",
        "    }",
        "  }",
        "}");
    Compilation c = compile(f);
    assertThat(c).succeeded();
  }
}

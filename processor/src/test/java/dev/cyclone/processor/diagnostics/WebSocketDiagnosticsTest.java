package dev.cyclone.processor.diagnostics;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.cyclone.processor.testing.CoroutineTestCompiler;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A {@code WebSocketHandler} whose socket methods the generated dispatcher cannot call is a compile
 * error on the user's own line, naming the rule and the fix.
 */
class WebSocketDiagnosticsTest {
  private static final Sources SOURCES =
      new Sources(
          "static dev.cyclone.concurrent.Coroutines.await",
          "dev.cyclone.annotations.Asynchronous",
          "dev.cyclone.annotations.Coroutine",
          "dev.cyclone.websocket.WebSocketHandler",
          "java.util.concurrent.CompletableFuture");

  private static JavaFileObject source(String name, String... lines) {
    return SOURCES.source(name, lines);
  }

  private static Compilation compile(JavaFileObject source) {
    return CoroutineTestCompiler.compileBare(source);
  }

  @Test
  void onMessageTakesOneStringOrBytes() {
    JavaFileObject f = source("Counter",
        "public class Counter extends WebSocketHandler {",
        "  public void onMessage(int n) {}",
        "}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("[WebSocketMessageParameter]").inFile(f).onLineContaining("onMessage(int n)");
    assertThat(c).hadErrorContaining("found (int)");
  }

  @Test
  void onMessageWithTwoParameters() {
    JavaFileObject f = source("Pair",
        "public class Pair extends WebSocketHandler {",
        "  public void onMessage(String a, String b) {}",
        "}");
    assertThat(compile(f)).hadErrorContaining("[WebSocketMessageParameter]").inFile(f).onLineContaining("String a, String b");
  }

  @Test
  void onMessageReturningAValue() {
    JavaFileObject f = source("Answering",
        "public class Answering extends WebSocketHandler {",
        "  public String onMessage(String m) { return m; }",
        "}");
    assertThat(compile(f)).hadErrorContaining("[WebSocketMethodReturn]").inFile(f).onLineContaining("String onMessage");
  }

  @Test
  void privateAndStaticSocketMethods() {
    JavaFileObject f = source("Hidden",
        "public class Hidden extends WebSocketHandler {",
        "  private void open() {}",
        "  public static void onMessage(String m) {}",
        "}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("[WebSocketMethodModifiers]").inFile(f).onLineContaining("private void open()");
    assertThat(c).hadErrorContaining("[WebSocketMethodModifiers]").inFile(f).onLineContaining("static void onMessage");
  }

  @Test
  void openWithAParameterNoPathArgumentConvertsTo() {
    JavaFileObject f = source("Opening",
        "public class Opening extends WebSocketHandler {",
        "  public void open(java.util.List<String> rooms) {}",
        "}");
    assertThat(compile(f)).hadErrorContaining("[HandlerPathArgument]").inFile(f).onLineContaining("List<String> rooms");
  }

  @Test
  void anotherVerbOnAWebSocketHandler() {
    JavaFileObject f = source("Posting",
        "public class Posting extends WebSocketHandler {",
        "  public void post() {}",
        "  public void onMessage(String m) {}",
        "}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("[WebSocketVerb]").inFile(f).onLineContaining("public void post()");
    assertThat(c).hadErrorContaining("Move it to a RequestHandler");
  }

  @Test
  void asynchronousSocketMethodMustReturnVoid() {
    JavaFileObject f = source("AsyncReturn",
        "public class AsyncReturn extends WebSocketHandler {",
        "  @Asynchronous",
        "  public CompletableFuture<Void> onMessage(String m) { return null; }",
        "}");
    assertThat(compile(f)).hadErrorContaining("[AsynchronousReturnType]").inFile(f).onLineContaining("onMessage(String m)");
  }

  @Test
  void aWellFormedSocketCompiles() {
    JavaFileObject f = source("Chat",
        "public class Chat extends WebSocketHandler {",
        "  public void open(int room) {}",
        "  @Coroutine",
        "  public CompletableFuture<Void> onMessage(String m) {",
        "    await(CompletableFuture.completedFuture(null));",
        "    return CompletableFuture.completedFuture(null);",
        "  }",
        "  @Asynchronous",
        "  public void onMessage(byte[] data) {",
        "    done();",
        "  }",
        "}");
    Compilation c = compile(f);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("d.Chat_Dispatcher").contentsAsUtf8String().contains("implements WebSocketDispatcher<Chat>");
  }
}

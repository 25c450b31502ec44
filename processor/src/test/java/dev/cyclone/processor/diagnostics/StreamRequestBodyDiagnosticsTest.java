package dev.cyclone.processor.diagnostics;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.cyclone.processor.testing.CoroutineTestCompiler;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code @StreamRequestBody} where no body can be streamed is a compile error on the user's line. */
class StreamRequestBodyDiagnosticsTest {
  private static final Sources SOURCES =
      new Sources(
          "dev.cyclone.annotations.StreamRequestBody",
          "dev.cyclone.annotations.Coroutine",
          "dev.cyclone.web.RequestHandler",
          "dev.cyclone.websocket.WebSocketHandler",
          "io.netty.buffer.ByteBuf",
          "java.util.concurrent.CompletableFuture");

  private static Compilation compile(String name, String... lines) {
    return CoroutineTestCompiler.compileBare(SOURCES.source(name, lines));
  }

  private static JavaFileObject source(String name, String... lines) {
    return SOURCES.source(name, lines);
  }

  @Test
  void aWellFormedStreamingHandlerCompiles() {
    JavaFileObject f = source("Upload",
        "@StreamRequestBody",
        "public class Upload extends RequestHandler {",
        "  long bytes;",
        "  public CompletableFuture<Void> dataReceived(ByteBuf chunk) {",
        "    bytes += chunk.readableBytes();",
        "    return CompletableFuture.completedFuture(null);",
        "  }",
        "  public void put() { write(String.valueOf(bytes)); }",
        "}");
    assertThat(CoroutineTestCompiler.compileBare(f)).succeededWithoutWarnings();
  }

  @Test
  void onAClassThatIsNotAHandler() {
    JavaFileObject f = source("Service",
        "@StreamRequestBody",
        "public class Service {",
        "  public void dataReceived(byte[] chunk) {}",
        "}");
    assertThat(CoroutineTestCompiler.compileBare(f))
        .hadErrorContaining("[StreamRequestBodyPlacement]").inFile(f).onLineContaining("class Service");
  }

  @Test
  void onAWebSocketHandler() {
    JavaFileObject f = source("Socket",
        "@StreamRequestBody",
        "public class Socket extends WebSocketHandler {",
        "  public void dataReceived(byte[] chunk) {}",
        "}");
    assertThat(CoroutineTestCompiler.compileBare(f))
        .hadErrorContaining("a WebSocketHandler's request is an upgrade").inFile(f).onLineContaining("class Socket");
  }

  @Test
  void withoutADataReceivedMethod() {
    JavaFileObject f = source("Nothing",
        "@StreamRequestBody",
        "public class Nothing extends RequestHandler {",
        "  public void put() {}",
        "}");
    assertThat(CoroutineTestCompiler.compileBare(f))
        .hadErrorContaining("[StreamRequestBodyMethod] @StreamRequestBody Nothing has no method to take its body")
        .inFile(f).onLineContaining("class Nothing");
  }

  @Test
  void aWrongParameterOrReturnIsNamedOnTheMethod() {
    JavaFileObject wrongParameter = source("Text",
        "@StreamRequestBody",
        "public class Text extends RequestHandler {",
        "  public void dataReceived(String chunk) {}",
        "}");
    assertThat(CoroutineTestCompiler.compileBare(wrongParameter))
        .hadErrorContaining("must take one ByteBuf").inFile(wrongParameter).onLineContaining("dataReceived(String");

    JavaFileObject wrongReturn = source("Counted",
        "@StreamRequestBody",
        "public class Counted extends RequestHandler {",
        "  public int dataReceived(byte[] chunk) { return chunk.length; }",
        "}");
    assertThat(CoroutineTestCompiler.compileBare(wrongReturn))
        .hadErrorContaining("must return void or a CompletionStage").inFile(wrongReturn).onLineContaining("int dataReceived");
  }

  @Test
  void twoOverloadsAndAStaticOne() {
    JavaFileObject two = source("Two",
        "@StreamRequestBody",
        "public class Two extends RequestHandler {",
        "  public void dataReceived(byte[] chunk) {}",
        "  public void dataReceived(ByteBuf chunk) {}",
        "}");
    assertThat(CoroutineTestCompiler.compileBare(two))
        .hadErrorContaining("has 2 dataReceived methods").inFile(two).onLineContaining("dataReceived(ByteBuf");

    JavaFileObject statik = source("Static",
        "@StreamRequestBody",
        "public class Static extends RequestHandler {",
        "  public static void dataReceived(byte[] chunk) {}",
        "}");
    assertThat(CoroutineTestCompiler.compileBare(statik))
        .hadErrorContaining("neither static nor private").inFile(statik).onLineContaining("static void dataReceived");
  }
}

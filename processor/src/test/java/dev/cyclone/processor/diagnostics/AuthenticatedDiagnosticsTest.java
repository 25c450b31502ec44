package dev.cyclone.processor.diagnostics;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.cyclone.processor.testing.CoroutineTestCompiler;
import java.io.IOException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @Authenticated} anywhere but on a verb method of a request handler would protect nothing;
 * each such place is a compile error on the annotated method, {@code [AuthenticatedPlacement]}.
 * On a verb, the generated dispatcher checks the login before calling it.
 */
class AuthenticatedDiagnosticsTest {
  private static final Sources SOURCES =
      new Sources(
          "static dev.cyclone.concurrent.Coroutines.await",
          "dev.cyclone.annotations.Authenticated",
          "dev.cyclone.annotations.Coroutine",
          "dev.cyclone.web.RequestHandler",
          "dev.cyclone.websocket.WebSocketHandler",
          "java.util.concurrent.CompletableFuture");

  private static JavaFileObject source(String name, String... lines) {
    return SOURCES.source(name, lines);
  }

  private static Compilation compile(JavaFileObject source) {
    return CoroutineTestCompiler.compileBare(source);
  }

  @Test
  void onAMethodThatIsNotAVerb() {
    JavaFileObject f = source("Helper",
        "public class Helper extends RequestHandler {",
        "  @Authenticated",
        "  public void render() {}",
        "  public void get() { render(); }",
        "}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("[AuthenticatedPlacement] @Authenticated goes on a verb method")
        .inFile(f).onLineContaining("void render()");
    assertThat(c).hadErrorContaining("found it on render()");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void onPrepare() {
    JavaFileObject f = source("Preparing",
        "public class Preparing extends RequestHandler {",
        "  @Authenticated",
        "  @Override",
        "  protected void prepare() {}",
        "  public void get() {}",
        "}");
    assertThat(compile(f)).hadErrorContaining("found it on prepare()").inFile(f).onLineContaining("void prepare()");
  }

  @Test
  void onAClassThatIsNotARequestHandler() {
    JavaFileObject f = source("Service",
        "public class Service {",
        "  @Authenticated",
        "  public void get() {}",
        "}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("[AuthenticatedPlacement] @Authenticated marks a verb method of a RequestHandler")
        .inFile(f).onLineContaining("void get()");
    assertThat(c).hadErrorContaining("Service, which is not a request handler");
  }

  @Test
  void onAWebSocketHandlersMessageMethod() {
    JavaFileObject f = source("Socket",
        "public class Socket extends WebSocketHandler {",
        "  @Authenticated",
        "  public void onMessage(String message) {}",
        "}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("[AuthenticatedPlacement] a WebSocketHandler's upgrade")
        .inFile(f).onLineContaining("void onMessage(String message)");
    assertThat(c).hadErrorContaining("prepare()");
  }

  @Test
  void onAWebSocketHandlersOpen() {
    JavaFileObject f = source("Opening",
        "public class Opening extends WebSocketHandler {",
        "  @Authenticated",
        "  public void open() {}",
        "}");
    assertThat(compile(f)).hadErrorContaining("found it on open()").inFile(f).onLineContaining("void open()");
  }

  @Test
  void onAStaticOrPrivateVerb() {
    JavaFileObject f = source("Hidden",
        "public class Hidden extends RequestHandler {",
        "  @Authenticated",
        "  private void post() {}",
        "  @Authenticated",
        "  public static void put() {}",
        "  public void get() { post(); }",
        "}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("found it on a private post()").inFile(f).onLineContaining("void post()");
    assertThat(c).hadErrorContaining("found it on a static put()").inFile(f).onLineContaining("void put()");
  }

  @Test
  void onVerbsTheDispatcherChecksTheLoginFirst() throws IOException {
    JavaFileObject f = source("Account",
        "public class Account extends RequestHandler {",
        "  @Authenticated",
        "  public void get() {}",
        "  @Authenticated",
        "  @Coroutine",
        "  public CompletableFuture<Void> post() {",
        "    await(CompletableFuture.completedFuture(null));",
        "    return CompletableFuture.completedFuture(null);",
        "  }",
        "  public void delete() {}",
        "}");
    Compilation c = compile(f);
    assertThat(c).succeededWithoutWarnings();
    String dispatcher = c.generatedSourceFile("d.Account_Dispatcher").orElseThrow().getCharContent(true).toString();
    assertEquals(2, dispatcher.split("LoginGuard.admit\\(handler\\)", -1).length - 1, dispatcher);
    int delete = dispatcher.indexOf("case \"DELETE\"");
    assertTrue(delete > 0 && dispatcher.indexOf("LoginGuard.admit", delete) < 0,
        "DELETE is not @Authenticated and must not be checked:\n" + dispatcher);
  }

  @Test
  void anInheritedVerbKeepsItsCheckAndAnOverrideDecidesForItself() throws IOException {
    JavaFileObject f = source("Pages",
        "public class Pages {",
        "  public abstract static class Members extends RequestHandler {",
        "    @Authenticated",
        "    public void get() {}",
        "    @Authenticated",
        "    public void post() {}",
        "  }",
        "  public static class Forum extends Members {}",
        "  public static class Lobby extends Members {",
        "    @Override",
        "    public void post() {}",
        "  }",
        "}");
    Compilation c = compile(f);
    assertThat(c).succeededWithoutWarnings();
    String forum = c.generatedSourceFile("d.Pages_Forum_Dispatcher").orElseThrow().getCharContent(true).toString();
    assertEquals(2, forum.split("LoginGuard.admit\\(handler\\)", -1).length - 1, forum);
    String lobby = c.generatedSourceFile("d.Pages_Lobby_Dispatcher").orElseThrow().getCharContent(true).toString();
    assertEquals(1, lobby.split("LoginGuard.admit\\(handler\\)", -1).length - 1,
        "an override without @Authenticated is not checked, as in Tornado:\n" + lobby);
  }
}

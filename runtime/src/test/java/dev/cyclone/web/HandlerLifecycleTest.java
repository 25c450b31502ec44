package dev.cyclone.web;

import dev.cyclone.testing.ExpectLog;
import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.annotations.Asynchronous;
import dev.cyclone.httpserver.RawConnection;
import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.testing.AsyncHTTPTestCase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The handler lifecycle and the three verb styles: plain, @Asynchronous (finish later), and a
 * returned CompletionStage; errors through writeError; hooks; the connection's loop.
 */
class HandlerLifecycleTest extends AsyncHTTPTestCase {
  static final List<String> events = new CopyOnWriteArrayList<>();
  static volatile CountDownLatch closed = new CountDownLatch(1);

  public static class LifecycleHandler extends RequestHandler {
    @Override
    protected void initialize(Map<String, Object> args) {
      events.add("initialize");
    }

    @Override
    protected void prepare() {
      events.add("prepare");
    }

    public void get() {
      events.add("get");
      write("ok");
    }

    @Override
    protected void onFinish() {
      events.add("onFinish");
    }
  }

  public static class PrepareFinishesHandler extends RequestHandler {
    @Override
    protected void prepare() {
      redirect("/elsewhere");
    }

    public void get() {
      throw new AssertionError("get() must not run after prepare() finished the request");
    }
  }

  public static class AsyncHandler extends RequestHandler {
    @Asynchronous
    public void get() {
      IOLoop loop = IOLoop.current();
      loop.callLater(Duration.ofMillis(20), () -> {
        write("finished later on " + (IOLoop.current() == loop ? "the same loop" : "another loop"));
        finish();
      });
    }
  }

  public static class NeverFinishesHandler extends RequestHandler {
    @Asynchronous
    public void get() {
      write("never sent");
    }

    @Override
    protected void onConnectionClose() {
      events.add("onConnectionClose");
      closed.countDown();
    }
  }

  public static class StageHandler extends RequestHandler {
    public CompletionStage<Void> get(String outcome) {
      IOLoop loop = IOLoop.current();
      // Completed on another thread: the framework must come back to the loop.
      return CompletableFuture.supplyAsync(() -> outcome, ForkJoinPool.commonPool())
          .thenAccept(o -> {
            switch (o) {
              case "http" -> throw new HTTPError(418, "teapot for %s", "test");
              case "fail" -> throw new IllegalStateException("expected: stage failed");
              default -> loop.addCallback(() -> {});
            }
          })
          .thenCompose(v -> {
            CompletableFuture<Void> back = new CompletableFuture<>();
            loop.addCallback(() -> { write("stage done"); back.complete(null); });
            return back;
          });
    }
  }

  public static class ThrowingHandler extends RequestHandler {
    public void get(String kind) {
      if (kind.equals("http")) {
        throw new HTTPError(403, "secret detail");
      }
      write("partial");
      throw new IllegalArgumentException("expected: handler failed");
    }
  }

  public static class CustomErrorHandler extends RequestHandler {
    public void get() {
      throw new HTTPError(409).reason("Already There");
    }

    @Override
    protected void writeError(int status, Throwable exc) {
      write(Map.of("status", status, "error", exc.getClass().getSimpleName()));
    }
  }

  public static class LoopHandler extends RequestHandler {
    public CompletionStage<Void> get() {
      IOLoop loop = IOLoop.current();
      CompletableFuture<Void> done = new CompletableFuture<>();
      boolean onConnectionLoop = request().connection().ioLoop() == loop && loop.inLoop();
      loop.addCallback(() -> {
        write(onConnectionLoop + " " + (IOLoop.current() == loop));
        done.complete(null);
      });
      return done;
    }
  }

  @Override
  protected Application getApp() {
    return new Application(
        List.of(
            url("/lifecycle", LifecycleHandler.class),
            url("/prepare", PrepareFinishesHandler.class),
            url("/async", AsyncHandler.class),
            url("/never", NeverFinishesHandler.class),
            url("/stage/(\\w+)", StageHandler.class),
            url("/throw/(\\w+)", ThrowingHandler.class),
            url("/custom", CustomErrorHandler.class),
            url("/loop", LoopHandler.class)));
  }

  @Test
  void hooksRunInTornadoOrder() {
    events.clear();
    assertEquals("ok", fetch("/lifecycle").body());
    assertEquals(List.of("initialize", "prepare", "get", "onFinish"), events);
  }

  @Test
  void prepareCanFinishTheRequest() {
    HttpResponse<String> r = fetch("/prepare");
    assertEquals(302, r.statusCode());
    assertEquals("/elsewhere", r.headers().firstValue("Location").get());
  }

  @Test
  void asynchronousMethodStaysOpenUntilFinish() {
    assertEquals("finished later on the same loop", fetch("/async").body());
  }

  @Test
  void clientDisconnectCallsOnConnectionClose() throws Exception {
    events.clear();
    closed = new CountDownLatch(1);
    try (RawConnection c = new RawConnection(getHttpPort())) {
      c.send("GET /never HTTP/1.1\r\nHost: x\r\n\r\n");
      assertTrue(c.silentFor(100), "an @Asynchronous handler that never finishes sends nothing");
    }
    assertTrue(closed.await(5, TimeUnit.SECONDS));
    assertEquals(List.of("onConnectionClose"), events);
  }

  @Test
  void stageCompletionFinishesTheRequestOnTheLoop() {
    HttpResponse<String> r = fetch("/stage/ok");
    assertEquals(200, r.statusCode());
    assertEquals("stage done", r.body());
  }

  @Test
  void failedStageGoesThroughWriteError() {
    HttpResponse<String> http = fetch("/stage/http");
    assertEquals(418, http.statusCode());
    assertTrue(http.body().startsWith("<html><title>418: "), http.body());
    assertFalse(http.body().contains("teapot for test"), "the log message stays in the log");
    try (ExpectLog logged = ExpectLog.of("dev.cyclone.web", "Uncaught exception GET /stage/fail")) {
      assertEquals(500, fetch("/stage/fail").statusCode());
    }
  }

  @Test
  void exceptionIs500WithoutTracebackOutsideDebug() {
    HttpResponse<String> r;
    try (ExpectLog logged = ExpectLog.of("dev.cyclone.web", "Uncaught exception GET /throw/plain")) {
      r = fetch("/throw/plain");
    }
    assertEquals(500, r.statusCode());
    assertEquals(
        "<html><title>500: Internal Server Error</title><body>500: Internal Server Error</body></html>",
        r.body(),
        "what was written before the error is discarded");
    assertFalse(r.body().contains("expected: handler failed"));
  }

  @Test
  void httpErrorKeepsItsStatusAndHidesItsLogMessage() {
    HttpResponse<String> r = fetch("/throw/http");
    assertEquals(403, r.statusCode());
    assertFalse(r.body().contains("secret detail"));
  }

  @Test
  void writeErrorCanBeOverridden() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r = c.send("GET /custom HTTP/1.1\r\nHost: x\r\n\r\n").read();
      assertEquals("HTTP/1.1 409 Already There", r.statusLine());
      assertEquals("{\"error\":\"HTTPError\",\"status\":409}".length(), r.body().length());
      assertTrue(r.body().contains("\"status\":409"), r.body());
    }
  }

  @Test
  void handlerRunsOnItsConnectionsLoop() {
    assertEquals("true true", fetch("/loop").body());
  }

  @Test
  void debugModeServesTheTraceback() {
    Application debug =
        new Application(
            List.of(url("/throw/(\\w+)", ThrowingHandler.class)), AppSettings.builder().debug(true).build());
    dev.cyclone.httpserver.HTTPServer server = debug.listen(0, "127.0.0.1");
    try (ExpectLog logged = ExpectLog.of("dev.cyclone.web", "Uncaught exception GET /throw/plain")) {
      HttpResponse<String> r =
          fetch(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://127.0.0.1:" + server.port() + "/throw/plain")));
      assertEquals(500, r.statusCode());
      assertTrue(r.body().contains("java.lang.IllegalArgumentException: expected: handler failed"), r.body());
      assertTrue(r.body().contains("ThrowingHandler.get"), r.body());
      assertEquals("text/plain; charset=UTF-8", r.headers().firstValue("Content-Type").get());
    } finally {
      server.stop();
    }
  }

  @Test
  void handlerLoopIsNotTheTestThread() {
    assertSame(null, IOLoop.currentOrNull());
  }
}

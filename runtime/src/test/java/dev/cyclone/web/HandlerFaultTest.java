package dev.cyclone.web;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.annotations.Asynchronous;
import dev.cyclone.httpserver.HTTPServerOptions;
import dev.cyclone.httpserver.RawConnection;
import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.testing.ExpectLog;
import dev.cyclone.testsupport.LogCapture;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Faults in handler code: wherever it throws, the client gets one 500 (or a cut connection once
 * headers were sent), the connection and its loop go on serving, and a handler that blocks its
 * loop is reported with its stack. One loop, so that a dead loop would fail every later request.
 */
class HandlerFaultTest extends AsyncHTTPTestCase {

  /** Throws from the place its path names. */
  public static class FaultyHandler extends RequestHandler {
    private String where;

    @Override
    protected void initialize(Map<String, Object> args) {
      where = request().path().substring(1);
      if (where.equals("initialize")) {
        throw new IllegalStateException("expected: thrown by initialize");
      }
    }

    @Override
    protected void prepare() {
      if (where.equals("prepare")) {
        throw new IllegalStateException("expected: thrown by prepare");
      }
    }

    public CompletionStage<Void> get() {
      switch (where) {
        case "verb":
          throw new IllegalStateException("expected: thrown by get");
        case "stage":
          return CompletableFuture.failedFuture(new IllegalStateException("expected: failed stage"));
        case "later":
          CompletableFuture<Void> later = new CompletableFuture<>();
          IOLoop.current().callLater(Duration.ofMillis(20), () ->
              later.completeExceptionally(new IllegalStateException("expected: failed after a wait")));
          return later;
        case "writeError":
        case "onFinish":
          throw new IllegalStateException("expected: thrown by get, then by " + where);
        case "afterFlush":
          write("partial");
          return flush().thenRun(() -> {
            throw new IllegalStateException("expected: thrown after the headers were sent");
          });
        default:
          write("fine");
          return null;
      }
    }

    @Override
    protected void writeError(int status, Throwable exc) {
      if (where.equals("writeError")) {
        write("half an error page");
        throw new IllegalStateException("expected: thrown by writeError");
      }
      super.writeError(status, exc);
    }

    @Override
    protected void onFinish() {
      if (where.equals("onFinish")) {
        throw new IllegalStateException("expected: thrown by onFinish");
      }
    }
  }

  /** Throws from a callback the handler scheduled on the loop (routed back to it by issue 5). */
  public static class CallbackHandler extends RequestHandler {
    @Asynchronous
    public void get() {
      IOLoop.current().callLater(Duration.ofMillis(20), () -> {
        throw new IllegalStateException("expected: thrown by a loop callback");
      });
    }
  }

  /** Blocks its loop (what a handler must never do). */
  public static class BlockingHandler extends RequestHandler {
    public void get() throws InterruptedException {
      Thread.sleep(700);
      write("blocked");
    }
  }

  @Override
  protected Application getApp() {
    return new Application(
        List.of(
            url("/callback", CallbackHandler.class),
            url("/block", BlockingHandler.class),
            url("/.*", FaultyHandler.class)));
  }

  @Override
  protected HTTPServerOptions getHTTPServerOptions() {
    return HTTPServerOptions.builder().threads(1).blockedLoopThreshold(Duration.ofMillis(200)).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"initialize", "prepare", "verb", "stage", "later", "writeError", "onFinish"})
  @SuppressWarnings("try") // the expectation is checked when it closes
  void anExceptionIsOne500AndTheConnectionGoesOn(String where) throws Exception {
    try (ExpectLog logged = ExpectLog.of("dev.cyclone.web", "GET /" + where);
        RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r = c.send("GET /" + where + " HTTP/1.1\r\nHost: x\r\n\r\n").read();
      assertEquals(500, r.status());
      assertFalse(r.body().contains("expected:"), "no exception text in the page outside debug");
      // Exactly one response: the next one on the connection is the next request's.
      RawConnection.Response next = c.send("GET /fine HTTP/1.1\r\nHost: x\r\n\r\n").read();
      assertEquals(200, next.status());
      assertEquals("fine", next.body());
    }
  }

  @Test
  @SuppressWarnings("try")
  void anExceptionAfterTheHeadersWereSentCutsTheResponse() throws Exception {
    try (ExpectLog logged = ExpectLog.of("dev.cyclone.web", "GET /afterFlush");
        RawConnection c = new RawConnection(getHttpPort())) {
      c.send("GET /afterFlush HTTP/1.1\r\nHost: x\r\n\r\n");
      // A chunked 200 began; the client must not see it end as if complete.
      assertThrows(Exception.class, c::read);
    }
    assertEquals("fine", fetch("/fine").body(), "the loop goes on");
  }

  @Test
  @SuppressWarnings("try")
  void anExceptionInALoopCallbackIsOne500AndTheLoopGoesOn() throws Exception {
    try (ExpectLog logged = ExpectLog.of("dev.cyclone.web", "GET /callback");
        RawConnection c = new RawConnection(getHttpPort())) {
      assertEquals(500, c.send("GET /callback HTTP/1.1\r\nHost: x\r\n\r\n").read().status());
      assertEquals("fine", c.send("GET /fine HTTP/1.1\r\nHost: x\r\n\r\n").read().body());
    }
  }

  @Test
  void aBlockedLoopIsReportedWithTheBlockingStack() throws IOException {
    try (LogCapture log = LogCapture.start()) {
      assertEquals("blocked", fetch("/block").body());
      String text = log.text();
      assertTrue(text.contains("[BlockedLoop]"), "a warning was logged:\n" + text);
      assertTrue(text.contains("BlockingHandler.get"), "naming the blocking code:\n" + text);
    }
  }

  @Test
  void aHealthyLoopIsNotReported() throws IOException {
    try (LogCapture log = LogCapture.start()) {
      for (int i = 0; i < 20; i++) {
        assertEquals("fine", fetch("/fine").body());
      }
      assertFalse(log.text().contains("[BlockedLoop]"), log.text());
    }
  }
}

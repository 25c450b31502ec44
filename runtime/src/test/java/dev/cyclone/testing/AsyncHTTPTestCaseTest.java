package dev.cyclone.testing;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.web.Application;
import dev.cyclone.web.RequestHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The test kit itself: a server per test, fetch, getUrl, runSync and waitFor with a timeout. */
class AsyncHTTPTestCaseTest extends AsyncHTTPTestCase {
  public static class PingHandler extends RequestHandler {
    public void get() {
      write("pong");
    }
  }

  @Override
  protected Application getApp() {
    return new Application(List.of(url("/ping", PingHandler.class)));
  }

  @Override
  protected Duration getAsyncTestTimeout() {
    return Duration.ofMillis(500);
  }

  @Test
  void fetchReachesTheAppOnLoopback() {
    assertTrue(getUrl("/ping").startsWith("http://127.0.0.1:" + getHttpPort()));
    assertEquals("pong", fetch("/ping").body());
    assertEquals(404, fetch("/nope").statusCode(), "errors are returned, not thrown");
  }

  @Test
  void runSyncRunsOnTheTestLoop() {
    IOLoop loop = runSync(() -> {
      CompletableFuture<IOLoop> f = new CompletableFuture<>();
      IOLoop.current().callLater(Duration.ofMillis(5), () -> f.complete(IOLoop.current()));
      return f;
    });
    assertEquals(ioLoop(), loop);
  }

  @Test
  void runSyncFailsAfterTheTimeout() {
    CompletionException e = assertThrows(CompletionException.class, () -> runSync(CompletableFuture::new));
    assertInstanceOf(TimeoutException.class, e.getCause());
  }

  @Test
  void waitForReturnsOrTimesOut() {
    assertEquals("x", waitFor(CompletableFuture.completedFuture("x")));
    AssertionError e = assertThrows(AssertionError.class, () -> waitFor(new CompletableFuture<>()));
    assertTrue(e.getMessage().startsWith("[AsyncTestTimeout]"));
    IllegalStateException boom = new IllegalStateException("boom");
    assertEquals(boom, assertThrows(IllegalStateException.class, () -> waitFor(CompletableFuture.failedFuture(boom))));
  }
}

package dev.cyclone.httpserver;

import dev.cyclone.testing.ExpectLog;
import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.Application;
import dev.cyclone.web.RequestHandler;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link HTTPServer#stop(Duration)}: accepting stops at once, idle connections close at once,
 * requests in flight are answered before the deadline, and what is left at the deadline is closed.
 */
class GracefulShutdownTest extends AsyncHTTPTestCase {
  static final Semaphore started = new Semaphore(0);

  /** Answers after {@code ms} milliseconds. */
  public static class SlowHandler extends RequestHandler {
    public CompletionStage<Void> get(String ms) {
      started.release();
      CompletableFuture<Void> done = new CompletableFuture<>();
      IOLoop.current().callLater(Duration.ofMillis(Long.parseLong(ms)), () -> {
        write("slept " + ms);
        done.complete(null);
      });
      return done;
    }
  }

  @Override
  protected Application getApp() {
    return new Application(
        List.of(url("/", HostileApp.HelloHandler.class), url("/slow/([0-9]+)", SlowHandler.class)));
  }

  @BeforeEach
  void reset() {
    started.drainPermits();
  }

  /** Calls stop(deadline) on another thread; the future completes with the milliseconds it took. */
  private CompletableFuture<Long> stopInBackground(Duration deadline) {
    return CompletableFuture.supplyAsync(() -> {
      long start = System.nanoTime();
      httpServer().stop(deadline);
      return (System.nanoTime() - start) / 1_000_000;
    });
  }

  @Test
  void aSlowRequestInFlightStillGetsItsResponse() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      c.send("GET /slow/400 HTTP/1.1\r\nHost: x\r\n\r\n");
      assertTrue(started.tryAcquire(5, TimeUnit.SECONDS));
      CompletableFuture<Long> stopped = stopInBackground(Duration.ofSeconds(10));
      RawConnection.Response r = c.read();
      assertEquals(200, r.status());
      assertEquals("slept 400", r.body());
      assertEquals("close", r.header("Connection"), "the last response says the connection ends");
      assertTrue(c.closedByServer());
      long millis = waitFor(stopped);
      assertTrue(millis < 3000, "stop returned when the work was done, after " + millis + " ms");
    }
  }

  @Test
  void idleConnectionsCloseAtOnceAndNewOnesAreRefused() throws Exception {
    try (RawConnection idle = new RawConnection(getHttpPort())) {
      assertEquals(200, idle.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().status());
      long millis = waitFor(stopInBackground(Duration.ofSeconds(10)));
      assertTrue(millis < 2000, "nothing to wait for, yet stop took " + millis + " ms");
      assertTrue(idle.closedByServer());
      assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", getHttpPort()).close());
    }
  }

  @Test
  void pipelinedRequestsAlreadyReadAreAnswered() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      c.send("GET /slow/300 HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n");
      assertTrue(started.tryAcquire(5, TimeUnit.SECONDS));
      Thread.sleep(50); // let the second request be read and queued behind the first
      CompletableFuture<Long> stopped = stopInBackground(Duration.ofSeconds(10));
      RawConnection.Response first = c.read();
      assertEquals("slept 300", first.body());
      RawConnection.Response second = c.read();
      assertEquals("Hello, world", second.body());
      assertEquals("close", second.header("Connection"));
      assertTrue(c.closedByServer());
      waitFor(stopped);
    }
  }

  @Test
  @SuppressWarnings("try") // the expectation is checked when it closes
  void whatIsStillRunningAtTheDeadlineIsClosed() throws Exception {
    try (ExpectLog logged = ExpectLog.of("dev.cyclone.httpserver.HTTPServer", "[ShutdownDeadline]");
        RawConnection c = new RawConnection(getHttpPort())) {
      c.send("GET /slow/4000 HTTP/1.1\r\nHost: x\r\n\r\n");
      assertTrue(started.tryAcquire(5, TimeUnit.SECONDS));
      long millis = waitFor(stopInBackground(Duration.ofMillis(300)));
      assertTrue(millis >= 250 && millis < 3000, "stop waited for the deadline: " + millis + " ms");
      assertThrows(IOException.class, c::read, "closed without a response");
    }
  }
}

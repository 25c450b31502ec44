package dev.cyclone.httpserver;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.testsupport.LeakWatch;
import dev.cyclone.web.Application;
import dev.cyclone.web.RequestHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The in-suite version of the load check (scripts/load.sh runs the long one with wrk): a few
 * thousand keep-alive requests from concurrent clients, plain and waiting handlers mixed, end with
 * zero errors, no leaked buffer, and the heap back near where it started.
 */
class LoadSmokeTest extends AsyncHTTPTestCase {
  private static final int CLIENTS = 16;
  private static final int REQUESTS_PER_CLIENT = Integer.getInteger("cyclone.loadRequests", 150);

  /** Answers after {@code ms} milliseconds, as the example's /sleep would. */
  public static class SleepHandler extends RequestHandler {
    public CompletionStage<Void> get() {
      CompletableFuture<Void> done = new CompletableFuture<>();
      long ms = Long.parseLong(getArgument("ms", "1"));
      IOLoop.current().callLater(Duration.ofMillis(ms), () -> {
        write("slept");
        done.complete(null);
      });
      return done;
    }
  }

  @Override
  protected Application getApp() {
    return new Application(
        List.of(
            url("/", HostileApp.HelloHandler.class),
            url("/echo", HostileApp.EchoHandler.class),
            url("/sleep", SleepHandler.class)));
  }

  @Test
  void thousandsOfRequestsWithoutAnErrorOrALeak() throws Exception {
    // Warm up, so that the baseline includes what the first requests load for good.
    try (RawConnection c = new RawConnection(getHttpPort())) {
      for (int i = 0; i < 200; i++) {
        assertEquals(200, c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().status());
      }
    }
    long heapBefore = LeakWatch.usedHeapAfterGc();
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger ok = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<?>> clients = new ArrayList<>();
      for (int t = 0; t < CLIENTS; t++) {
        clients.add(pool.submit(() -> {
          try (RawConnection c = new RawConnection(getHttpPort())) {
            for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
              String request =
                  switch (i % 3) {
                    case 0 -> "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
                    case 1 -> "GET /sleep?ms=2 HTTP/1.1\r\nHost: x\r\n\r\n";
                    default -> "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello";
                  };
              RawConnection.Response r = c.send(request).read();
              if (r.status() == 200) {
                ok.incrementAndGet();
              } else {
                errors.incrementAndGet();
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> client : clients) {
        client.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(0, errors.get());
    assertEquals(CLIENTS * REQUESTS_PER_CLIENT, ok.get());
    LeakWatch.assertNoBufferLeaks();
    long grown = LeakWatch.usedHeapAfterGc() - heapBefore;
    assertTrue(grown < 16L * 1024 * 1024, "heap grew by " + grown + " bytes");
  }
}

package dev.cyclone.tests.handlers;

import static dev.cyclone.concurrent.Coroutines.await;
import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.annotations.Coroutine;
import dev.cyclone.gen.Gen;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.Application;
import dev.cyclone.web.RequestHandler;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Thousands of requests aborted while their coroutine is suspended leave nothing behind: every
 * handler (and so every coroutine, which holds its handler) becomes unreachable.
 */
class AbortedRequestsLeakTest extends AsyncHTTPTestCase {
  private static final int REQUESTS = 2_000;
  private static final int BATCH = 200;

  static final class Probe {
    final Queue<WeakReference<RequestHandler>> handlers = new ConcurrentLinkedQueue<>();
    final Semaphore suspended = new Semaphore(0);
    final Semaphore ended = new Semaphore(0);
    /** Shared by every request, and never completed. */
    final CompletableFuture<Void> never = new CompletableFuture<>();
  }

  public static class SuspendedHandler extends RequestHandler {
    Probe probe;

    @Override
    protected void initialize(Map<String, Object> args) {
      probe = (Probe) args.get("probe");
    }

    @Coroutine
    public CompletableFuture<Void> get(String on) {
      probe.handlers.add(new WeakReference<>(this));
      probe.suspended.release();
      try {
        switch (on) {
          case "sleep" -> await(Gen.sleep(Duration.ofHours(1)));
          case "shared" -> await(probe.never);
          default -> await(new CompletableFuture<Void>());
        }
      } finally {
        probe.ended.release();
      }
      return CompletableFuture.completedFuture(null);
    }
  }

  private final Probe probe = new Probe();

  @Override
  protected Application getApp() {
    return new Application(List.of(url("/suspend/(\\w+)", SuspendedHandler.class, Map.of("probe", probe))));
  }

  @Test
  void abortedCoroutinesOnTheirOwnFutureAreCollected() throws Exception {
    abortAndCheckCollected("own");
  }

  @Test
  void abortedCoroutinesOnALongSleepAreCollected() throws Exception {
    abortAndCheckCollected("sleep");
  }

  @Test
  void abortedCoroutinesOnASharedNeverCompletingFutureAreCollected() throws Exception {
    abortAndCheckCollected("shared");
  }

  private void abortAndCheckCollected(String on) throws Exception {
    byte[] request = ("GET /suspend/" + on + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    for (int done = 0; done < REQUESTS; done += BATCH) {
      List<Socket> sockets = new ArrayList<>();
      try {
        for (int i = 0; i < BATCH; i++) {
          Socket s = new Socket();
          sockets.add(s);
          s.connect(new InetSocketAddress("127.0.0.1", getHttpPort()), 5_000);
          s.getOutputStream().write(request);
        }
        assertTrue(probe.suspended.tryAcquire(BATCH, 10, TimeUnit.SECONDS), "every handler suspended");
      } finally {
        for (Socket s : sockets) {
          close(s);
        }
      }
    }
    assertTrue(probe.ended.tryAcquire(REQUESTS, 10, TimeUnit.SECONDS),
        "every coroutine was cancelled (its finally ran); " + probe.ended.availablePermits() + " did");
    assertEquals(REQUESTS, probe.handlers.size());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    long alive;
    do {
      System.gc();
      Thread.sleep(50);
      alive = probe.handlers.stream().filter(r -> r.get() != null).count();
    } while (alive > 0 && System.nanoTime() < deadline);
    assertEquals(0, alive, "handlers still reachable after their requests were aborted");
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already gone
    }
  }
}

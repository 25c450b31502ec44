package dev.cyclone.tests.handlers;

import static dev.cyclone.concurrent.Coroutines.await;
import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.annotations.Asynchronous;
import dev.cyclone.annotations.Coroutine;
import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.Application;
import dev.cyclone.web.RequestHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A client that goes away mid-request: the handler's onConnectionClose runs, a suspended coroutine
 * is cancelled (its finally blocks run), and later writes are dropped quietly.
 */
class DisconnectTest extends AsyncHTTPTestCase {
  /** What the handlers report to the test. */
  static final class Probe {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch closed = new CountDownLatch(1);
    final CountDownLatch cancelled = new CountDownLatch(1);
    final CountDownLatch finallyRan = new CountDownLatch(1);
    final CountDownLatch lateWriteDone = new CountDownLatch(1);
    final AtomicInteger errors = new AtomicInteger();
    final AtomicInteger verbCalls = new AtomicInteger();
  }

  public abstract static class ProbedHandler extends RequestHandler {
    Probe probe;

    @Override
    protected void initialize(Map<String, Object> args) {
      probe = (Probe) args.get("probe");
    }

    @Override
    protected void onConnectionClose() {
      probe.closed.countDown();
    }

    @Override
    protected void writeError(int status, Throwable exc) {
      probe.errors.incrementAndGet();
      super.writeError(status, exc);
    }
  }

  public static class CallbackHandler extends ProbedHandler {
    @Asynchronous
    public void get() {
      probe.started.countDown();
    }

    @Override
    protected void onConnectionClose() {
      super.onConnectionClose();
      // work still going on writes and finishes later: dropped quietly, nothing thrown
      IOLoop.current().callLater(Duration.ofMillis(10), () -> {
        write("too late");
        finish();
        probe.lateWriteDone.countDown();
      });
    }
  }

  public static class CoroutineHandler extends ProbedHandler {
    @Coroutine
    public CompletableFuture<Void> get() {
      probe.started.countDown();
      try {
        await(new CompletableFuture<Void>()); // never completes
      } catch (CancellationException e) {
        probe.cancelled.countDown();
        throw e;
      } finally {
        probe.finallyRan.countDown();
      }
      return CompletableFuture.completedFuture(null);
    }
  }

  public static class VoidCoroutineHandler extends ProbedHandler {
    @Coroutine
    public void get() {
      probe.started.countDown();
      try {
        await(new CompletableFuture<Void>());
      } finally {
        probe.finallyRan.countDown();
      }
    }
  }

  public static class PreparingHandler extends ProbedHandler {
    @Coroutine
    @Override
    protected void prepare() {
      probe.started.countDown();
      try {
        await(new CompletableFuture<Void>());
      } finally {
        probe.finallyRan.countDown();
      }
    }

    public void get() {
      probe.verbCalls.incrementAndGet();
    }
  }

  private final Probe probe = new Probe();

  @Override
  protected Application getApp() {
    Map<String, Object> args = Map.of("probe", probe);
    return new Application(List.of(
        url("/callback", CallbackHandler.class, args),
        url("/coroutine", CoroutineHandler.class, args),
        url("/void", VoidCoroutineHandler.class, args),
        url("/prepare", PreparingHandler.class, args)));
  }

  @Test
  void asynchronousHandlerLearnsOfTheDisconnectAndLaterWritesAreDropped() throws Exception {
    disconnectDuring("/callback");
    assertTrue(probe.closed.await(5, TimeUnit.SECONDS), "onConnectionClose");
    assertTrue(probe.lateWriteDone.await(5, TimeUnit.SECONDS), "write() and finish() after the disconnect");
    assertEquals(0, probe.errors.get());
  }

  @Test
  void suspendedCoroutineIsCancelled() throws Exception {
    disconnectDuring("/coroutine");
    assertTrue(probe.closed.await(5, TimeUnit.SECONDS), "onConnectionClose");
    assertTrue(probe.cancelled.await(5, TimeUnit.SECONDS), "CancellationException at the await");
    assertTrue(probe.finallyRan.await(5, TimeUnit.SECONDS), "finally");
    assertEquals(0, probe.errors.get());
  }

  @Test
  void suspendedVoidCoroutineIsCancelled() throws Exception {
    disconnectDuring("/void");
    assertTrue(probe.closed.await(5, TimeUnit.SECONDS), "onConnectionClose");
    assertTrue(probe.finallyRan.await(5, TimeUnit.SECONDS), "finally");
  }

  @Test
  void suspendedCoroutinePrepareIsCancelledAndTheVerbNeverRuns() throws Exception {
    disconnectDuring("/prepare");
    assertTrue(probe.closed.await(5, TimeUnit.SECONDS), "onConnectionClose");
    assertTrue(probe.finallyRan.await(5, TimeUnit.SECONDS), "finally");
    assertEquals(0, probe.verbCalls.get());
  }

  private void disconnectDuring(String path) throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      c.get(path);
      assertTrue(probe.started.await(5, TimeUnit.SECONDS), "the handler started");
    }
  }
}

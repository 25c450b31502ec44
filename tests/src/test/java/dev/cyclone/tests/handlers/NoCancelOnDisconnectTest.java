package dev.cyclone.tests.handlers;

import static dev.cyclone.concurrent.Coroutines.await;
import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.annotations.Coroutine;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.AppSettings;
import dev.cyclone.web.Application;
import dev.cyclone.web.RequestHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** With {@code cancelOnDisconnect(false)} a coroutine outlives its client and ends normally. */
class NoCancelOnDisconnectTest extends AsyncHTTPTestCase {
  static final class Probe {
    final CompletableFuture<String> gate = new CompletableFuture<>();
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch closed = new CountDownLatch(1);
    final CountDownLatch finallyRan = new CountDownLatch(1);
    final AtomicReference<String> outcome = new AtomicReference<>();
  }

  public static class SlowHandler extends RequestHandler {
    Probe probe;

    @Override
    protected void initialize(Map<String, Object> args) {
      probe = (Probe) args.get("probe");
    }

    @Override
    protected void onConnectionClose() {
      probe.closed.countDown();
    }

    @Coroutine
    public CompletableFuture<Void> get() {
      probe.started.countDown();
      try {
        String value = await(probe.gate);
        write(value); // the client is gone: dropped
        probe.outcome.set("completed with " + value);
      } catch (CancellationException e) {
        probe.outcome.set("cancelled");
      } finally {
        probe.finallyRan.countDown();
      }
      return CompletableFuture.completedFuture(null);
    }
  }

  private final Probe probe = new Probe();

  @Override
  protected Application getApp() {
    return new Application(
        List.of(url("/slow", SlowHandler.class, Map.of("probe", probe))),
        AppSettings.builder().cancelOnDisconnect(false).build());
  }

  @Test
  void theCoroutineIsNotCancelled() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      c.get("/slow");
      assertTrue(probe.started.await(5, TimeUnit.SECONDS));
    }
    assertTrue(probe.closed.await(5, TimeUnit.SECONDS), "onConnectionClose is still called");
    assertFalse(probe.finallyRan.await(200, TimeUnit.MILLISECONDS), "still suspended");
    probe.gate.complete("value");
    assertTrue(probe.finallyRan.await(5, TimeUnit.SECONDS));
    assertEquals("completed with value", probe.outcome.get());
  }
}

package dev.cyclone.tests.handlers;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.annotations.Asynchronous;
import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.Application;
import dev.cyclone.web.RequestHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code @Asynchronous(timeout = 200)}: not finished in time is a 503, and the handler is told. */
class AsynchronousTimeoutTest extends AsyncHTTPTestCase {
  static final class Probe {
    final AtomicInteger timeouts = new AtomicInteger();
    final CountDownLatch lateCallbackRan = new CountDownLatch(1);
  }

  public static class TimedHandler extends RequestHandler {
    Probe probe;

    @Override
    protected void initialize(Map<String, Object> args) {
      probe = (Probe) args.get("probe");
    }

    @Asynchronous(timeout = 200)
    public void get(String mode) {
      switch (mode) {
        case "forget" -> { } // never calls finish()
        case "inTime" -> IOLoop.current().callLater(Duration.ofMillis(20), () -> finish("in time"));
        case "late" -> IOLoop.current().callLater(Duration.ofMillis(400), () -> {
          if (!isFinished()) {
            finish("late");
          }
          probe.lateCallbackRan.countDown();
        });
        default -> finish("at once");
      }
    }

    @Override
    protected void onTimeout() {
      probe.timeouts.incrementAndGet();
    }
  }

  public static class SecondsHandler extends RequestHandler {
    @Asynchronous(timeout = 1, unit = TimeUnit.SECONDS)
    public void get() {}
  }

  private final Probe probe = new Probe();

  @Override
  protected Application getApp() {
    return new Application(List.of(
        url("/timed/(\\w+)", TimedHandler.class, Map.of("probe", probe)),
        url("/seconds", SecondsHandler.class)));
  }

  @Test
  void noFinishInTimeIs503AndOnTimeout() throws Exception {
    long start = System.nanoTime();
    try (RawConnection c = new RawConnection(getHttpPort())) {
      assertEquals(503, c.get("/timed/forget").read().status());
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(millis >= 190, "answered after " + millis + " ms");
      assertEquals(1, probe.timeouts.get());
      assertEquals("at once", c.get("/timed/now").read().body()); // the connection goes on
    }
  }

  @Test
  void finishInTimeIs200() {
    assertEquals("in time", fetch("/timed/inTime").body());
    assertEquals(200, fetch("/timed/now").statusCode());
    assertEquals(0, probe.timeouts.get());
  }

  @Test
  void aCallbackAfterTheTimeoutSeesTheRequestFinished() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      assertEquals(503, c.get("/timed/late").read().status());
      assertTrue(probe.lateCallbackRan.await(5, TimeUnit.SECONDS));
      assertTrue(c.quietFor(50), "nothing more was sent");
      assertEquals("at once", c.get("/timed/now").read().body());
    }
  }

  @Test
  void theTimeoutUnitIsHonoured() throws Exception {
    long start = System.nanoTime();
    assertEquals(503, fetch("/seconds").statusCode());
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(millis >= 990, "answered after " + millis + " ms");
  }
}

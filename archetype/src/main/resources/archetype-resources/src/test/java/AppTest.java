package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.Application;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Serves {@link App#makeApp()} on a free port for each test and fetches from it. */
class AppTest extends AsyncHTTPTestCase {
  @Override
  protected Application getApp() {
    return App.makeApp();
  }

  @Test
  void mainSaysHello() {
    HttpResponse<String> response = fetch("/");
    assertEquals(200, response.statusCode());
    assertEquals("Hello, world", response.body());
  }

  @Test
  void sleepAnswersAfterSleeping() {
    long start = System.nanoTime();
    HttpResponse<String> response = fetch("/sleep?ms=50");
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals(200, response.statusCode());
    assertEquals("slept 50", response.body());
    assertTrue(elapsedMs >= 50, "answered after " + elapsedMs + " ms");
  }

  @Test
  void sleepRefusesABadDuration() {
    assertEquals(400, fetch("/sleep?ms=-1").statusCode());
    assertEquals(400, fetch("/sleep?ms=soon").statusCode());
  }
}

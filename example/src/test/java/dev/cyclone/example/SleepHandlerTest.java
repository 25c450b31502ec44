package dev.cyclone.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code GET /sleep?ms=N}: the non-blocking sleep, and the seed's point: many at once. */
class SleepHandlerTest extends ExampleTestCase {
  @Test
  void sleepsThenAnswers() {
    long start = System.nanoTime();
    HttpResponse<String> r = fetch("/sleep?ms=200");
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals(200, r.statusCode());
    assertEquals("text/plain; charset=UTF-8", contentType(r));
    assertEquals("slept 200", r.body());
    assertTrue(elapsedMs >= 200, "answered after " + elapsedMs + " ms");
  }

  @Test
  void zeroIsAllowed() {
    assertEquals("slept 0", fetch("/sleep?ms=0").body());
  }

  @Test
  void outOfRangeOrMalformedIsA400() {
    for (String bad : List.of("-1", "60001", "abc", "1.5", "")) {
      HttpResponse<String> r = fetch("/sleep?ms=" + bad);
      assertEquals(400, r.statusCode(), "ms=" + bad);
      assertTrue(json(r).has("error"), r.body());
    }
    assertEquals(400, fetch("/sleep").statusCode());
  }

  /**
   * A thousand sleeps of 500 ms at once, on the test server's two loops, end in about 500 ms: a
   * waiting coroutine holds no thread. Sleeping threads would need 1000 × 500 ms / 2 = 250 s.
   */
  @Test
  @Timeout(60)
  void aThousandConcurrentSleepsTakeAboutOneSleep() throws Exception {
    RawBurst.get(getHttpPort(), "/sleep?ms=0", 100, Duration.ofSeconds(20)); // warm up the JIT
    int n = 1000;
    long start = System.nanoTime();
    List<String> responses = RawBurst.get(getHttpPort(), "/sleep?ms=500", n, Duration.ofSeconds(40));
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    for (String response : responses) {
      assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
      assertTrue(response.endsWith("\r\n\r\nslept 500"), response);
    }
    assertTrue(elapsedMs >= 500, "all done after " + elapsedMs + " ms");
    assertTrue(elapsedMs < 5000, n + " sleeps of 500 ms took " + elapsedMs + " ms, expected about 500");
  }
}

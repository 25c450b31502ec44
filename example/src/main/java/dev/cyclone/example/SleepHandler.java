package dev.cyclone.example;

import static dev.cyclone.concurrent.Coroutines.await;

import dev.cyclone.annotations.Coroutine;
import dev.cyclone.gen.Gen;
import java.time.Duration;

/**
 * {@code GET /sleep?ms=N}: waits N ms without blocking, then answers {@code slept N}.
 *
 * <pre>
 * class SleepHandler(tornado.web.RequestHandler):
 *     async def get(self):
 *         await gen.sleep(ms / 1000)
 *         self.write(f"slept {ms}")
 * </pre>
 *
 * <p>While this coroutine waits, its loop serves other requests: a thousand sleeps of 500 ms at
 * once all end after about 500 ms. {@code Thread.sleep} here would stall every connection of the
 * loop instead. N must be 0..60000 (else 400).
 */
public class SleepHandler extends ApiHandler {
  static final int MAX_MS = 60_000;

  /** Parses {@code ms}, sleeps, answers. */
  @Coroutine
  public void get() {
    int ms = parseMillis(getArgument("ms"));
    await(Gen.sleep(Duration.ofMillis(ms))); // await gen.sleep(ms / 1000)
    setHeader("Content-Type", "text/plain; charset=UTF-8");
    write("slept " + ms);
  }

  /** {@code value} as a number of milliseconds in 0..60000, or an {@link ApiError} 400. */
  static int parseMillis(String value) {
    try {
      int ms = Integer.parseInt(value);
      if (ms >= 0 && ms <= MAX_MS) {
        return ms;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ApiError(400, "ms must be a whole number of milliseconds in 0.." + MAX_MS + ", got " + value);
  }
}

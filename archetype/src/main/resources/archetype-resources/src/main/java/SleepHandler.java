package ${package};

import static dev.cyclone.concurrent.Coroutines.await;

import dev.cyclone.annotations.Coroutine;
import dev.cyclone.gen.Gen;
import dev.cyclone.web.HTTPError;
import dev.cyclone.web.RequestHandler;
import java.time.Duration;

/**
 * {@code GET /sleep?ms=N}: waits N milliseconds (default 100) without blocking, then answers
 * {@code slept N}.
 *
 * <p>A {@code @Coroutine} method reads like blocking code, but each {@code await} suspends it:
 * Cyclone's processor compiles it into a state machine (see {@code
 * target/generated-sources/annotations}), and while it waits its event loop serves other requests.
 * {@code Thread.sleep} here would stall every connection on that loop instead.
 */
public class SleepHandler extends RequestHandler {
  static final int MAX_MS = 10_000;

  /** Parses {@code ms}, sleeps, answers; called on the connection's event loop. */
  @Coroutine
  public void get() {
    int ms = parseMillis(getArgument("ms", "100"));
    await(Gen.sleep(Duration.ofMillis(ms)));
    setHeader("Content-Type", "text/plain; charset=UTF-8");
    write("slept " + ms);
  }

  /** {@code value} as a number of milliseconds in 0..MAX_MS, or a 400. */
  static int parseMillis(String value) {
    try {
      int ms = Integer.parseInt(value);
      if (ms >= 0 && ms <= MAX_MS) {
        return ms;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new HTTPError(400, "ms must be a whole number in 0..%d, got %s", MAX_MS, value);
  }
}

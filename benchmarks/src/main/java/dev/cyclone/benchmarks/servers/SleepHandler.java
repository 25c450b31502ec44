package dev.cyclone.benchmarks.servers;

import static dev.cyclone.concurrent.Coroutines.await;

import dev.cyclone.annotations.Coroutine;
import dev.cyclone.gen.Gen;
import dev.cyclone.web.RequestHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code GET /sleep?ms=N}: holds the request for N milliseconds (default 2000) without a thread. */
public class SleepHandler extends RequestHandler {
  /** Requests sleeping now: what {@code GET /active} answers. */
  static final AtomicInteger ACTIVE = new AtomicInteger();

  /** Compiled into a state machine by the Cyclone processor. */
  @Coroutine
  public CompletableFuture<Void> get() {
    long ms = Long.parseLong(getArgument("ms", "2000"));
    ACTIVE.incrementAndGet();
    await(Gen.sleep(Duration.ofMillis(ms)));
    ACTIVE.decrementAndGet();
    setHeader("Content-Type", "text/plain");
    write("slept " + ms + " ms");
    return CompletableFuture.completedFuture(null);
  }
}

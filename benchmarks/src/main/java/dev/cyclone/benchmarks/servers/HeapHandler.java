package dev.cyclone.benchmarks.servers;

import static dev.cyclone.concurrent.Coroutines.await;

import dev.cyclone.annotations.Coroutine;
import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.web.RequestHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** {@code GET /heap}: the bytes of heap in use after full collections, measured off the loop. */
public class HeapHandler extends RequestHandler {
  static final ExecutorService MEASURE = Executors.newSingleThreadExecutor();

  /** Compiled into a state machine by the Cyclone processor. */
  @Coroutine
  public CompletableFuture<Void> get() {
    long used = await(IOLoop.current().runInExecutor(MEASURE, Heap::usedAfterGc));
    setHeader("Content-Type", "text/plain");
    write(Long.toString(used));
    return CompletableFuture.completedFuture(null);
  }
}

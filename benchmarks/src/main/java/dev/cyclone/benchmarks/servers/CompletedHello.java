package dev.cyclone.benchmarks.servers;

import static dev.cyclone.concurrent.Coroutines.await;

import dev.cyclone.annotations.Coroutine;
import dev.cyclone.web.RequestHandler;
import java.util.concurrent.CompletableFuture;

/** Awaits a future that is already complete: the coroutine never suspends. */
public class CompletedHello extends RequestHandler {
  static final CompletableFuture<String> DONE =
      CompletableFuture.completedFuture(ServerArgs.HELLO);

  /** Compiled into a state machine by the Cyclone processor. */
  @Coroutine
  public CompletableFuture<Void> get() {
    String body = await(DONE);
    setHeader("Content-Type", "text/plain");
    write(body);
    return CompletableFuture.completedFuture(null);
  }
}

package dev.cyclone.benchmarks.servers;

import static dev.cyclone.concurrent.Coroutines.await;

import dev.cyclone.annotations.Coroutine;
import dev.cyclone.gen.Gen;
import dev.cyclone.web.RequestHandler;
import java.util.concurrent.CompletableFuture;

/** Awaits {@code Gen.moment()}: suspends, and is resumed at the loop's next turn. */
public class MomentHello extends RequestHandler {
  /** Compiled into a state machine by the Cyclone processor. */
  @Coroutine
  public CompletableFuture<Void> get() {
    await(Gen.moment());
    setHeader("Content-Type", "text/plain");
    write(ServerArgs.HELLO);
    return CompletableFuture.completedFuture(null);
  }
}

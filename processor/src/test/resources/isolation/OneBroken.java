package isolation;

import static dev.cyclone.concurrent.Coroutines.await;
import static fixtures.support.Fx.done;
import static fixtures.support.Fx.later;

import dev.cyclone.annotations.Coroutine;
import java.util.concurrent.CompletableFuture;

/** HARNESS TEST ONLY: one method does not compile; the others must still be testable. */
public class OneBroken {
  @Coroutine
  CompletableFuture<String> fine() {
    return done(await(later("fine")));
  }

  @Coroutine
  CompletableFuture<String> broken() {
    String s = await(later("x"));
    return done(s + undefinedSymbol);
  }

  String callsBroken() {
    return broken().join();
  }

  int plain() {
    return 1;
  }
}

package dev.cyclone.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cyclone.processor.testing.Fixture;
import dev.cyclone.processor.testing.Outcome;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** io.netty.util.concurrent.Future (e.g. DefaultPromise) awaited like a CompletionStage. */
class NettyFuturesTest {
  private static final Fixture NETTY = Fixture.of("fixtures/netty/NettyFutures.java", "fixtures.netty.NettyFutures");

  @Test
  void awaitPendingAndCompletedNettyFutures() {
    assertEquals("abc", NETTY.assertSameAsBlocking("awaitPromise").value());
  }

  @Test
  void awaitDefaultPromiseCompletedByALoopCallback() {
    assertEquals("v=42", NETTY.assertSameAsBlocking("awaitDefaultPromiseCompletedByCallback").value());
  }

  @Test
  void failedPromisesThrowTheirCauseAsItIs() {
    Outcome o = NETTY.assertSameAsBlocking("failedPromise");
    assertEquals(List.of("caught netty failed"), o.trace());
    assertEquals(IOException.class, o.failure().getClass());
  }

  @Test
  void voidNettyFuture() {
    assertEquals("void null", NETTY.assertSameAsBlocking("voidNettyFuture").value());
  }
}

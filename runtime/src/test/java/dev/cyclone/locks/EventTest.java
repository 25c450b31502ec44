package dev.cyclone.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@link Event}, after Tornado's locks_test.EventTest. */
class EventTest {
  private static final TestLoop t = new TestLoop("event-test");

  @AfterAll
  static void closeLoop() {
    t.close();
  }

  @Test
  void toStringSaysSetOrClear() {
    t.run(
        () -> {
          Event e = new Event();
          assertTrue(e.toString().contains("clear"));
          assertFalse(e.toString().contains("set"));
          e.set();
          assertFalse(e.toString().contains("clear"));
          assertTrue(e.toString().contains("set"));
        });
  }

  @Test
  void waitsCompleteWhileSetAndBlockAfterClear() {
    t.run(
        () -> {
          Event e = new Event();
          CompletableFuture<Void> f0 = e.waitFor();
          e.set();
          CompletableFuture<Void> f1 = e.waitFor();
          e.clear();
          CompletableFuture<Void> f2 = e.waitFor();
          assertTrue(f0.isDone());
          assertTrue(f1.isDone());
          assertFalse(f2.isDone());
        });
  }

  @Test
  void waitTimesOutThenWorksNormally() {
    Event e = new Event();
    CompletableFuture<Void> timed = t.call(() -> e.waitFor(Duration.ofMillis(10)));
    t.await(() -> timed.handle((v, x) -> null));
    assertInstanceOf(TimeoutException.class, TestLoop.failure(timed));
    t.await(
        () -> {
          assertEquals(0, e.waiterCount());
          t.loop().callLater(Duration.ofMillis(10), e::set);
          return e.waitFor(Duration.ofSeconds(5));
        });
  }

  @Test
  void setTwiceStaysSet() {
    t.run(
        () -> {
          Event e = new Event();
          e.set();
          e.set();
          assertTrue(e.isSet());
        });
  }

  @Test
  void waitBeforeClearIsStillWoken() {
    t.run(
        () -> {
          Event e = new Event();
          CompletableFuture<Void> f0 = e.waitFor();
          e.clear();
          CompletableFuture<Void> f1 = e.waitFor();
          e.set();
          assertTrue(f0.isDone());
          assertTrue(f1.isDone());
        });
  }
}

package dev.cyclone.testsupport;

import dev.cyclone.testing.ExpectLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The leak checks can fail: a dropped buffer and a retained object are both caught. */
class LeakWatchTest {
  private static Object retained;

  @Test
  void aBufferDroppedWithoutReleaseIsReported() {
    ByteBufAllocator.DEFAULT.buffer(128).writeInt(42); // never released
    try (ExpectLog logged = ExpectLog.of("io.netty.util.ResourceLeakDetector", "LEAK")) {
      assertThrows(AssertionError.class, LeakWatch::assertNoBufferLeaks);
    }
    LeakWatch.assertNoBufferLeaks(); // reported once, then clean
  }

  @Test
  void aRetainedObjectIsReportedAndACollectedOneIsNot() {
    LeakWatch watch = new LeakWatch();
    retained = new Object();
    watch.watch(retained);
    watch.watch(new Object());
    assertEquals(1, watch.alive());
    retained = null;
    watch.assertCollected();
  }
}

package dev.cyclone.ioloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

class TransportsTest {
  @Test
  void aLevelTheJvmWasStartedWithIsKept() throws Exception {
    // surefire starts this JVM with -Dio.netty.leakDetection.level=paranoid (runtime/pom.xml)
    assertEquals("paranoid", System.getProperty("io.netty.leakDetection.level"));
    EventLoopGroup group = Transports.newGroup(1, "transports-test");
    try {
      assertEquals(ResourceLeakDetector.Level.PARANOID, ResourceLeakDetector.getLevel());
    } finally {
      group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).sync();
    }
  }

  @Test
  void withoutEitherPropertyTheDetectorIsTurnedOff() {
    assertTrue(Transports.leakDetectionLevelUnset(null, null));
    assertFalse(Transports.leakDetectionLevelUnset("simple", null));
    assertFalse(Transports.leakDetectionLevelUnset(null, "advanced"));
  }
}

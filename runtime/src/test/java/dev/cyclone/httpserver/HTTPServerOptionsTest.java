package dev.cyclone.httpserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HTTPServerOptionsTest {
  @Test
  void defaultsAreTornados() {
    HTTPServerOptions o = HTTPServerOptions.defaults();
    assertEquals(64 * 1024, o.maxHeaderSize());
    assertEquals(100L * 1024 * 1024, o.maxBodySize());
    assertEquals(Duration.ofHours(1), o.idleConnectionTimeout());
    assertEquals(Runtime.getRuntime().availableProcessors(), o.threads());
    assertFalse(o.xheaders());
    assertFalse(o.noKeepAlive());
    assertFalse(o.reusePort());
  }

  @Test
  void toBuilderKeepsEverySetting() {
    HTTPServerOptions o =
        HTTPServerOptions.builder()
            .threads(3)
            .maxBodySize(10)
            .xheaders(true)
            .decompressRequest(true)
            .reusePort(true)
            .build();
    HTTPServerOptions copy = o.toBuilder().build();
    assertEquals(3, copy.threads());
    assertEquals(10, copy.maxBodySize());
    assertTrue(copy.xheaders());
    assertTrue(copy.decompressRequest());
    assertTrue(copy.reusePort());
  }

  @Test
  void badValuesAreRefusedWithTheRule() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HTTPServerOptions.builder().threads(0));
    assertTrue(e.getMessage().startsWith("[HTTPServerOptions] threads"));
    assertThrows(IllegalArgumentException.class, () -> HTTPServerOptions.builder().maxBodySize(-1));
    assertThrows(
        IllegalArgumentException.class,
        () -> HTTPServerOptions.builder().idleConnectionTimeout(Duration.ZERO));
  }

  @Test
  void hostileClientDefaultsAndTheirChecks() {
    HTTPServerOptions o = HTTPServerOptions.defaults();
    assertEquals(Duration.ofSeconds(30), o.headerTimeout());
    assertEquals(Duration.ofMinutes(10), o.bodyTimeout());
    assertEquals(32 * 1024, o.writeBufferLowWaterMark());
    assertEquals(64 * 1024, o.writeBufferHighWaterMark());
    assertEquals(Duration.ofSeconds(2), o.blockedLoopThreshold());
    HTTPServerOptions copy =
        o.toBuilder().headerTimeout(Duration.ofSeconds(1)).blockedLoopThreshold(Duration.ZERO).build().toBuilder().build();
    assertEquals(Duration.ofSeconds(1), copy.headerTimeout());
    assertEquals(Duration.ZERO, copy.blockedLoopThreshold());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> HTTPServerOptions.builder().writeBufferWaterMarks(100, 10).build());
    assertTrue(e.getMessage().startsWith("[HTTPServerOptions] writeBufferLowWaterMark"));
    assertThrows(IllegalArgumentException.class, () -> HTTPServerOptions.builder().headerTimeout(Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class, () -> HTTPServerOptions.builder().blockedLoopThreshold(Duration.ofSeconds(-1)));
  }
}

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
  }

  @Test
  void toBuilderKeepsEverySetting() {
    HTTPServerOptions o =
        HTTPServerOptions.builder().threads(3).maxBodySize(10).xheaders(true).decompressRequest(true).build();
    HTTPServerOptions copy = o.toBuilder().build();
    assertEquals(3, copy.threads());
    assertEquals(10, copy.maxBodySize());
    assertTrue(copy.xheaders());
    assertTrue(copy.decompressRequest());
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
}

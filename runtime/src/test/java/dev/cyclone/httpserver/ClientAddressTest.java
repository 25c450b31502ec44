package dev.cyclone.httpserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  private static final InetSocketAddress PEER = new InetSocketAddress("10.0.0.1", 5555);

  @Test
  void withoutXheadersThePeerAndHttpAreUsed() {
    HttpHeaders h = new DefaultHttpHeaders().set("X-Real-IP", "1.2.3.4").set("X-Scheme", "https");
    assertEquals(new ClientAddress("10.0.0.1", "http"), ClientAddress.of(PEER, h, false, Set.of()));
  }

  @Test
  void xRealIpAndSchemeAreHonoured() {
    HttpHeaders h = new DefaultHttpHeaders().set("X-Real-IP", "1.2.3.4").set("X-Scheme", "https");
    assertEquals(new ClientAddress("1.2.3.4", "https"), ClientAddress.of(PEER, h, true, Set.of()));
  }

  @Test
  void forwardedForSkipsTrustedProxies() {
    HttpHeaders h =
        new DefaultHttpHeaders()
            .set("X-Forwarded-For", "9.9.9.9, 5.6.7.8, 192.168.0.2")
            .set("X-Forwarded-Proto", "http, https");
    assertEquals(
        new ClientAddress("5.6.7.8", "https"), ClientAddress.of(PEER, h, true, Set.of("192.168.0.2")));
  }

  @Test
  void anUnknownSchemeIsIgnored() {
    HttpHeaders h = new DefaultHttpHeaders().set("X-Scheme", "gopher");
    assertEquals("http", ClientAddress.of(PEER, h, true, Set.of()).protocol());
  }
}

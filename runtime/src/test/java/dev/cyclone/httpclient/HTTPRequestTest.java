package dev.cyclone.httpclient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Building requests, the redirect rules and what goes on the wire; no network. */
class HTTPRequestTest {
  private static String misuse(Runnable build) {
    return assertThrows(IllegalArgumentException.class, build::run).getMessage();
  }

  @Test
  void defaultsAreTornados() {
    HTTPRequest r = HTTPRequest.of("http://example.com/");
    assertEquals("GET", r.method());
    assertEquals(Duration.ofSeconds(20), r.connectTimeout());
    assertEquals(Duration.ofSeconds(20), r.requestTimeout());
    assertTrue(r.followRedirects());
    assertEquals(5, r.maxRedirects());
    assertTrue(r.decompressResponse());
    assertTrue(r.validateCert());
    assertTrue(r.raiseError());
    assertFalse(r.allowNonstandardMethods());
    assertEquals(100L * 1024 * 1024, r.maxBodySize());
    assertNull(r.body());
  }

  @Test
  void urlMustBeAbsoluteHttp() {
    assertTrue(misuse(() -> HTTPRequest.of("ftp://example.com/")).startsWith("[RequestUrl]"));
    assertTrue(misuse(() -> HTTPRequest.of("/relative")).startsWith("[RequestUrl]"));
    assertTrue(misuse(() -> HTTPRequest.of("http://exa mple.com/")).startsWith("[RequestUrl]"));
  }

  @Test
  void bodyMustMatchTheMethod() {
    String post = misuse(() -> HTTPRequest.builder("http://h/").method("POST").build());
    assertTrue(post.startsWith("[RequestBody] the body must not be null for method POST"), post);
    String get = misuse(() -> HTTPRequest.builder("http://h/").body("x").build());
    assertTrue(get.startsWith("[RequestBody] the body must be null for method GET"), get);
    HTTPRequest.builder("http://h/").method("POST").allowNonstandardMethods(true).build();
    HTTPRequest.builder("http://h/").body("x").allowNonstandardMethods(true).build();
  }

  @Test
  void nonstandardMethodsMustBeAllowed() {
    assertTrue(misuse(() -> HTTPRequest.builder("http://h/").method("FOO").build()).startsWith("[NonstandardMethod]"));
    assertEquals("FOO", HTTPRequest.builder("http://h/").method("FOO").allowNonstandardMethods(true).build().method());
    assertTrue(
        misuse(() -> HTTPRequest.builder("http://h/").method("GE T").allowNonstandardMethods(true).build())
            .startsWith("[RequestMethod]"));
  }

  @Test
  void timeoutsAndLimitsMustMakeSense() {
    assertTrue(misuse(() -> HTTPRequest.builder("http://h/").requestTimeout(Duration.ZERO).build()).startsWith("[RequestTimeout]"));
    assertTrue(misuse(() -> HTTPRequest.builder("http://h/").maxRedirects(-1).build()).startsWith("[RequestLimit]"));
    assertTrue(misuse(() -> HTTPRequest.builder("http://h/").maxBodySize(-1).build()).startsWith("[RequestLimit]"));
  }

  @Test
  void requestIsImmutable() {
    byte[] body = {1, 2};
    HTTPRequest r = HTTPRequest.builder("http://h/").method("PUT").body(body).header("A", "1").build();
    body[0] = 9;
    r.body()[1] = 9;
    r.headers().set("A", "2");
    assertArrayEquals(new byte[] {1, 2}, r.body());
    assertEquals("1", r.headers().get("A"));
    HTTPRequest copy = r.toBuilder().header("B", "2").build();
    assertEquals("PUT", copy.method());
    assertEquals("1", copy.headers().get("A"));
    assertNull(r.headers().get("B"));
  }

  private static HttpHeaders location(String url) {
    return new DefaultHttpHeaders().set("Location", url);
  }

  @Test
  void redirectRulesFollowTornado() {
    HTTPRequest post =
        HTTPRequest.builder("http://h/form").method("POST").body("x").header("Content-Type", "text/plain").build();
    assertTrue(Redirects.shouldFollow(post, 302, location("/next")));
    assertFalse(Redirects.shouldFollow(post, 302, new DefaultHttpHeaders()));
    assertFalse(Redirects.shouldFollow(post, 304, location("/next")));
    assertFalse(Redirects.shouldFollow(post.toBuilder().followRedirects(false).build(), 302, location("/n")));
    assertFalse(Redirects.shouldFollow(post.toBuilder().maxRedirects(0).build(), 302, location("/n")));

    HTTPRequest seeOther = Redirects.next(post, 303, location("/next?a=1"));
    assertEquals("GET", seeOther.method());
    assertNull(seeOther.body());
    assertNull(seeOther.headers().get("Content-Type"));
    assertEquals("http://h/next?a=1", seeOther.url());
    assertEquals(4, seeOther.maxRedirects());

    assertEquals("GET", Redirects.next(post, 302, location("/n")).method());
    assertEquals("POST", Redirects.next(post, 307, location("/n")).method());
    assertArrayEquals("x".getBytes(), Redirects.next(post, 308, location("/n")).body());
    HTTPRequest head = HTTPRequest.builder("http://h/").method("HEAD").build();
    assertEquals("HEAD", Redirects.next(head, 303, location("/n")).method());
  }

  @Test
  void redirectToAnotherHostDropsCredentials() {
    HTTPRequest r =
        HTTPRequest.builder("http://h/").basicAuth("u", "p").header("Authorization", "Bearer t").build();
    HTTPRequest same = Redirects.next(r, 302, location("/other"));
    assertEquals("u", same.authUsername());
    assertEquals("Bearer t", same.headers().get("Authorization"));
    HTTPRequest elsewhere = Redirects.next(r, 302, location("http://evil.example/"));
    assertNull(elsewhere.authUsername());
    assertNull(elsewhere.headers().get("Authorization"));
  }

  @Test
  void encoderWritesTargetAndDefaultHeaders() {
    FullHttpRequest wire =
        RequestEncoder.encode(
            HTTPRequest.builder("http://example.com:8080?q=1#frag").method("POST").body("a=b").build(),
            "Agent");
    try {
      assertEquals("/?q=1", wire.uri());
      assertEquals("example.com:8080", wire.headers().get("Host"));
      assertEquals("Agent", wire.headers().get("User-Agent"));
      assertEquals("gzip", wire.headers().get("Accept-Encoding"));
      assertEquals("3", wire.headers().get("Content-Length"));
      assertEquals("application/x-www-form-urlencoded", wire.headers().get("Content-Type"));
    } finally {
      wire.release();
    }
    FullHttpRequest https = RequestEncoder.encode(HTTPRequest.of("https://example.com:443/a%20b"), "A");
    try {
      assertEquals("example.com", https.headers().get("Host"));
      assertEquals("/a%20b", https.uri());
      assertNull(https.headers().get("Content-Length"));
    } finally {
      https.release();
    }
  }
}

package dev.cyclone.httpserver;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.Application;
import dev.cyclone.web.RequestHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/1.1 server over real sockets: keep-alive, pipelining, HTTP/1.0, chunked bodies both
 * ways, HEAD, 100-continue, and the limits (431, 413, idle timeout).
 */
class HTTPServerTest extends AsyncHTTPTestCase {

  public static class HelloHandler extends RequestHandler {
    public void get() {
      write("Hello, world");
    }
  }

  /** Answers after {@code ms} milliseconds, so a later pipelined request could overtake it. */
  public static class SlowHandler extends RequestHandler {
    public CompletionStage<Void> get(String ms) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      IOLoop.current().callLater(Duration.ofMillis(Long.parseLong(ms)), () -> {
        write("slept " + ms);
        done.complete(null);
      });
      return done;
    }
  }

  public static class EchoHandler extends RequestHandler {
    public void post() {
      write("got " + request().body().length + ": " + new String(request().body(), StandardCharsets.UTF_8));
    }

    public void put() {
      post();
    }
  }

  public static class ChunkedHandler extends RequestHandler {
    public CompletionStage<Void> get() {
      write("one,");
      return flush().thenCompose(v -> {
        write("two");
        return flush();
      });
    }
  }

  @Override
  protected HTTPServerOptions getHTTPServerOptions() {
    return HTTPServerOptions.builder()
        .threads(2)
        .maxHeaderSize(1024)
        .maxBodySize(1000)
        .idleConnectionTimeout(Duration.ofMillis(300))
        .build();
  }

  @Override
  protected Application getApp() {
    return new Application(
        List.of(
            url("/", HelloHandler.class),
            url("/slow/([0-9]+)", SlowHandler.class),
            url("/echo", EchoHandler.class),
            url("/chunked", ChunkedHandler.class)));
  }

  @Test
  void listenOnPortZeroPicksAFreePort() {
    assertNotEquals(0, getHttpPort());
    assertEquals(getHttpPort(), httpServer().port());
    assertEquals("Hello, world", fetch("/").body());
  }

  @Test
  void keepAliveServesSeveralRequestsOnOneConnection() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      for (int i = 0; i < 3; i++) {
        RawConnection.Response r = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read();
        assertEquals(200, r.status());
        assertEquals("Hello, world", r.body());
        assertNull(r.header("Connection"));
      }
    }
  }

  @Test
  void pipelinedResponsesComeBackInRequestOrder() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      c.send(
          "GET /slow/150 HTTP/1.1\r\nHost: x\r\n\r\n"
              + "GET /slow/1 HTTP/1.1\r\nHost: x\r\n\r\n"
              + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
              + "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
      assertEquals("slept 150", c.read().body());
      assertEquals("slept 1", c.read().body());
      assertEquals("got 3: abc", c.read().body());
      assertEquals("Hello, world", c.read().body());
      assertTrue(c.silentFor(50), "the connection stays open");
    }
  }

  @Test
  void connectionCloseIsHonoured() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r = c.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").read();
      assertEquals("close", r.header("Connection"));
      assertEquals("Hello, world", r.body());
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void http10ClosesByDefault() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r = c.send("GET / HTTP/1.0\r\n\r\n").read();
      assertEquals(200, r.status());
      assertEquals("Hello, world", r.body());
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void http10KeepAliveWhenAsked() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r = c.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
      assertEquals("keep-alive", r.header("Connection"));
      assertEquals("Hello, world", c.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read().body());
    }
  }

  @Test
  void http10StreamedResponseIsCloseDelimited() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r = c.send("GET /chunked HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
      assertNull(r.header("Transfer-Encoding"), "HTTP/1.0 has no chunked encoding");
      assertEquals("one,two", r.body());
    }
  }

  @Test
  void chunkedRequestBodyIsReassembled() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r =
          c.send(
                  "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                      + "4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n")
              .read();
      assertEquals("got 9: Wikipedia", r.body());
    }
  }

  @Test
  void chunkedResponse() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r = c.send("GET /chunked HTTP/1.1\r\nHost: x\r\n\r\n").read();
      assertEquals("chunked", r.header("Transfer-Encoding"));
      assertEquals("one,two", r.body());
      assertEquals("4 3 0", r.chunks());
      assertEquals("Hello, world", c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().body());
    }
  }

  @Test
  void headThroughGetKeepsHeadersAndDropsTheBody() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r = c.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
      assertEquals(200, r.status());
      assertEquals("12", r.header("Content-Length"));
      assertTrue(r.header("Etag") != null);
      // The next response must start right away: no stray body bytes in between.
      assertEquals("Hello, world", c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().body());
    }
  }

  @Test
  void headOfAChunkedResponseSendsNoBody() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r = c.send("HEAD /chunked HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
      assertEquals(200, r.status());
      assertEquals("Hello, world", c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().body());
    }
  }

  @Test
  void expectContinueGets100BeforeTheBodyIsSent() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      c.send("PUT /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
      RawConnection.Response interim = c.read(false);
      assertEquals("HTTP/1.1 100 Continue", interim.statusLine());
      RawConnection.Response r = c.send("hello").read();
      assertEquals(200, r.status());
      assertEquals("got 5: hello", r.body());
    }
  }

  @Test
  void expectContinueWithATooLargeBodyIs413WithoutWaitingForIt() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r =
          c.send("PUT /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n").read();
      assertEquals(413, r.status());
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void headersOverTheLimitAre431() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r =
          c.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(2000) + "\r\n\r\n").read();
      assertEquals(431, r.status());
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void declaredBodyOverTheLimitIs413() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r = c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n").read();
      assertEquals(413, r.status());
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void chunkedBodyOverTheLimitIs413() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      String chunk = "1f4\r\n" + "x".repeat(500) + "\r\n";
      RawConnection.Response r =
          c.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + chunk + chunk)
              .read();
      assertEquals(413, r.status());
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void bodyAtTheLimitIsAccepted() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r =
          c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n" + "y".repeat(1000)).read();
      assertEquals(200, r.status());
      assertTrue(r.body().startsWith("got 1000: yyy"));
    }
  }

  @Test
  void malformedRequestLineIs400() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r = c.send("this is not http\r\n\r\n").read();
      assertEquals(400, r.status());
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void idleConnectionIsClosedAfterTheTimeout() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      assertEquals(200, c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().status());
      long start = System.nanoTime();
      c.setTimeout(3000);
      assertTrue(c.closedByServer(), "closed by the idle timeout");
      long waited = (System.nanoTime() - start) / 1_000_000;
      assertTrue(waited >= 250, "closed too early: " + waited + " ms");
    }
  }

  @Test
  void aSlowRequestIsNotCutByTheIdleTimeout() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      assertEquals("slept 500", c.send("GET /slow/500 HTTP/1.1\r\nHost: x\r\n\r\n").read().body());
    }
  }

  @Test
  void stopClosesOpenConnections() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      assertEquals(200, c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().status());
      httpServer().stop();
      assertTrue(c.closedByServer());
    }
  }
}

package dev.cyclone.httpserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.Application;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Request lines and header blocks a parser must not trust (Tornado's httpserver_test): each is
 * answered with its status and, where the rest of the stream cannot be trusted, a closed
 * connection.
 */
class MalformedRequestTest extends AsyncHTTPTestCase {

  @Override
  protected Application getApp() {
    return HostileApp.create();
  }

  @Override
  protected HTTPServerOptions getHTTPServerOptions() {
    return HTTPServerOptions.builder().threads(1).maxHeaderSize(1024).build();
  }

  private void assertRejected(int status, String request) throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r = c.send(request).read();
      assertEquals(status, r.status(), () -> "for " + request.replace("\r\n", "\\r\\n"));
      assertEquals("close", r.header("Connection"));
      assertTrue(c.closedByServer(), "the connection is closed after a protocol error");
    }
  }

  private void assertServed(String request) throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r = c.send(request).read();
      assertEquals(200, r.status(), () -> "for " + request.replace("\r\n", "\\r\\n"));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "this is not http\r\n\r\n",
        "GET\r\n\r\n",
        "GET /\r\n\r\n",
        "GET / HTTP/1.1 extra\r\nHost: x\r\n\r\n",
        "GET / HTTX/1.1\r\nHost: x\r\n\r\n",
        "GET / HTTP/1\r\nHost: x\r\n\r\n",
        "GET /a b HTTP/1.1\r\nHost: x\r\n\r\n",
      })
  void malformedRequestLineIs400(String request) throws Exception {
    assertRejected(400, request);
  }

  @Test
  void hostWithASpaceIs400() throws Exception {
    assertRejected(400, "GET / HTTP/1.1\r\nHost: foo bar\r\n\r\n");
  }

  @Test
  void twoHostHeadersAre400() throws Exception {
    assertRejected(400, "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
  }

  @Test
  void unknownMethodIs405() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r = c.send("FOO / HTTP/1.1\r\nHost: x\r\n\r\n").read();
      assertEquals(405, r.status());
      // A well-formed request: the connection stays usable.
      assertEquals(200, c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().status());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"FOO,BAR", "G(ET", "GE\"T", "GET\u00e9"})
  void syntacticallyInvalidMethodIs400(String method) throws Exception {
    assertRejected(400, method + " / HTTP/1.1\r\nHost: x\r\n\r\n");
  }

  @Test
  void headerBlockOverTheLimitIs431() throws Exception {
    assertRejected(431, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(2000) + "\r\n\r\n");
  }

  @Test
  void manySmallHeadersOverTheLimitAre431() throws Exception {
    assertRejected(431, "GET / HTTP/1.1\r\nHost: x\r\n" + "X-A: b\r\n".repeat(200) + "\r\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "X-F\u00f6o: 1",
        "X-\u0001: 1",
        "X-A\u007f: 1",
        "X A: 1",
        "X-A : 1",
        "No colon here",
        ": empty name",
        "X(A): 1",
      })
  void badHeaderNameIs400(String line) throws Exception {
    assertRejected(400, "GET / HTTP/1.1\r\nHost: x\r\n" + line + "\r\n\r\n");
  }

  @Test
  void controlCharacterInAHeaderValueIs400() throws Exception {
    assertRejected(400, "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n");
  }

  @Test
  void wellFormedOdditiesAreServed() throws Exception {
    assertServed("GET / HTTP/1.1\r\nHost: x\r\nX-Empty:\r\nX-Tab:\tv\t\r\n\r\n");
    assertServed("\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"); // a stray CRLF before a request
    assertServed("GET / HTTP/1.1\r\nHost: x:8080\r\nX-Latin: caf\u00e9\r\n\r\n");
    // RFC 9112 3: a recipient may split the request line on any run of whitespace, as Netty does.
    assertServed("GET  / HTTP/1.1\r\nHost: x\r\n\r\n");
  }
}

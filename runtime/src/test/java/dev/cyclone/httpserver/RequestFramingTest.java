package dev.cyclone.httpserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.Application;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Body framing a request smuggler plays with: Content-Length and Transfer-Encoding together, odd
 * lengths, odd chunk sizes. Anything ambiguous is 400 and a closed connection, so that no byte of
 * one request can be read as the start of another.
 */
class RequestFramingTest extends AsyncHTTPTestCase {

  @Override
  protected Application getApp() {
    return HostileApp.create();
  }

  @Override
  protected HTTPServerOptions getHTTPServerOptions() {
    return HTTPServerOptions.builder().threads(1).maxBodySize(1000).build();
  }

  private void assertRejected(int status, String request) throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r = c.send(request).read();
      assertEquals(status, r.status(), () -> "for " + request.replace("\r\n", "\\r\\n"));
      assertEquals("close", r.header("Connection"));
      assertTrue(c.closedByServer(), "the connection is closed after a framing error");
    }
  }

  private String echo(String request) throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r = c.send(request).read();
      assertEquals(200, r.status(), () -> "for " + request.replace("\r\n", "\\r\\n"));
      return r.body();
    }
  }

  private static final String POST = "POST /echo HTTP/1.1\r\nHost: x\r\n";

  @Test
  void transferEncodingWithContentLengthIs400() throws Exception {
    assertRejected(400, POST + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    assertRejected(400, POST + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked",
        "Transfer-Encoding: chunked, chunked",
        "Transfer-Encoding: gzip, chunked",
        "Transfer-Encoding: chunked, gzip",
        "Transfer-Encoding: identity",
        "Transfer-Encoding: xchunked",
        "Transfer-Encoding:  chunked , ",
        "Transfer-Encoding: \"chunked\"",
      })
  void transferEncodingOtherThanOneChunkedIs400(String te) throws Exception {
    assertRejected(400, POST + te + "\r\n\r\n0\r\n\r\n");
  }

  @Test
  void chunkedIsCaseInsensitive() throws Exception {
    assertEquals("got 4: Wiki", echo(POST + "Transfer-Encoding: Chunked\r\n\r\n4\r\nWiki\r\n0\r\n\r\n"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"+4", "1_0", "foo", "-1", "4, 5", "0x4", " 4 4", "4.0", "99999999999999999999"})
  void contentLengthThatIsNotOnePlainDecimalIs400(String length) throws Exception {
    assertRejected(400, POST + "Content-Length: " + length + "\r\n\r\nabcd");
  }

  @Test
  void twoDifferentContentLengthHeadersAre400() throws Exception {
    assertRejected(400, POST + "Content-Length: 4\r\nContent-Length: 5\r\n\r\nabcd");
  }

  @Test
  void repeatedEqualContentLengthsAreAccepted() throws Exception {
    assertEquals("got 2: ab", echo(POST + "Content-Length: 2,2\r\n\r\nab"));
    assertEquals("got 2: ab", echo(POST + "Content-Length: 2\r\nContent-Length: 2\r\n\r\nab"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1_a", "-1", "+4", "0x4", "1 1", "fffffffffffffffff", "ffffffffffffffff", "", "g"})
  void malformedChunkSizeIs400(String size) throws Exception {
    assertRejected(400, POST + "Transfer-Encoding: chunked\r\n\r\n" + size + "\r\nWiki\r\n0\r\n\r\n");
  }

  @Test
  void chunkExtensionsAndTrailersAreAccepted() throws Exception {
    assertEquals(
        "got 4: Wiki",
        echo(POST + "Transfer-Encoding: chunked\r\n\r\n4;name=value\r\nWiki\r\n0\r\nX-Trailer: 1\r\n\r\n"));
  }

  @Test
  void declaredBodyOverTheLimitIs413() throws Exception {
    assertRejected(413, POST + "Content-Length: 1001\r\n\r\n");
  }

  @Test
  void chunkedBodyOverTheLimitIs413() throws Exception {
    String chunk = "1f4\r\n" + "x".repeat(500) + "\r\n";
    assertRejected(413, POST + "Transfer-Encoding: chunked\r\n\r\n" + chunk + chunk + chunk);
  }

  @Test
  void smuggledSecondRequestIsNeverServed() throws Exception {
    // A front end that trusted Content-Length would forward "GET /admin" as part of this body.
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r =
          c.send(POST + "Content-Length: 30\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /admin HTTP/1.1\r\n\r\n")
              .read();
      assertEquals(400, r.status());
      assertTrue(c.closedByServer());
    }
  }
}

package dev.cyclone.httpclient;

import static dev.cyclone.httpclient.ClientFixture.failure;
import static dev.cyclone.httpclient.ClientFixture.get;
import static dev.cyclone.httpclient.RawServer.readHead;
import static dev.cyclone.httpclient.RawServer.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.locks.TestLoop;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Responses written byte by byte by a raw socket server: framing (chunked, close-delimited,
 * duplicated Content-Length), interim responses, bodies too large, and servers that hang up.
 */
class RawResponseTest {
  private static final TestLoop t = new TestLoop("raw-response-test");
  private static final AsyncHTTPClient client = new AsyncHTTPClient();

  @AfterAll
  static void closeAll() {
    client.close();
    t.close();
  }

  /** A server answering every request on every connection with {@code response}, then closing. */
  private static RawServer answering(String response) throws Exception {
    return new RawServer(
        (socket, i) -> {
          if (readHead(socket) != null) {
            write(socket, response);
          }
          socket.close();
        });
  }

  private static HTTPResponse fetch(RawServer server) {
    return get(t, () -> client.fetch(server.url("/")));
  }

  @Test
  void bodyEndedByClose() throws Exception {
    try (RawServer server = answering("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of this")) {
      assertEquals("all of this", fetch(server).bodyText());
    }
  }

  @Test
  void http10BodyEndedByClose() throws Exception {
    try (RawServer server = answering("HTTP/1.0 200 OK\r\n\r\nold school")) {
      assertEquals("old school", fetch(server).bodyText());
    }
  }

  @Test
  void chunkedBodyWithExtensionsAndTrailers() throws Exception {
    try (RawServer server =
        answering(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4\r\nasdf\r\n4;ext=1\r\nqwer\r\n0\r\nX-Trailer: t\r\n\r\n")) {
      assertEquals("asdfqwer", fetch(server).bodyText());
    }
  }

  @Test
  void contentLengthRepeatedWithTheSameValueIsAccepted() throws Exception {
    try (RawServer server = answering("HTTP/1.1 200 OK\r\nContent-Length: 2,2\r\n\r\nok")) {
      HTTPResponse r = fetch(server);
      assertEquals("ok", r.bodyText());
      assertEquals("2", r.headers().get("Content-Length"));
    }
  }

  @Test
  void contentLengthWithDifferentValuesIsRejected() throws Exception {
    try (RawServer server = answering("HTTP/1.1 200 OK\r\nContent-Length: 2,4\r\n\r\nok")) {
      HTTPConnectionError e =
          failure(t, HTTPConnectionError.class, () -> client.fetch(server.url("/")));
      assertTrue(e.getMessage().startsWith("Malformed HTTP response"), e.getMessage());
    }
  }

  @Test
  void malformedStatusLineIsRejected() throws Exception {
    try (RawServer server = answering("HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n")) {
      failure(t, HTTPConnectionError.class, () -> client.fetch(server.url("/")));
    }
  }

  @Test
  void interimResponseIsSkipped() throws Exception {
    try (RawServer server =
        answering(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfinal")) {
      HTTPResponse r = fetch(server);
      assertEquals(200, r.code());
      assertEquals("final", r.bodyText());
    }
  }

  @Test
  void connectionClosedMidBodyFails() throws Exception {
    try (RawServer server = answering("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf")) {
      HTTPConnectionError e =
          failure(t, HTTPConnectionError.class, () -> client.fetch(server.url("/")));
      assertEquals("Connection closed before the response was complete", e.getMessage());
    }
  }

  @Test
  void connectionClosedMidChunkedBodyFails() throws Exception {
    try (RawServer server =
        answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nasdf\r\n")) {
      failure(t, HTTPConnectionError.class, () -> client.fetch(server.url("/")));
    }
  }

  @Test
  void connectionClosedBeforeAnyResponseFails() throws Exception {
    try (RawServer server = answering("")) {
      HTTPConnectionError e =
          failure(t, HTTPConnectionError.class, () -> client.fetch(server.url("/")));
      assertEquals("Connection closed before a response arrived", e.getMessage());
    }
  }

  @Test
  void bodyLargerThanMaxBodySizeByContentLengthFails() throws Exception {
    try (RawServer server =
        answering("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + "x".repeat(1000))) {
      HTTPClientError e =
          failure(
              t,
              HTTPClientError.class,
              () -> client.fetch(HTTPRequest.builder(server.url("/")).maxBodySize(100).build()));
      assertTrue(e.getMessage().contains("maxBodySize (100 bytes)"), e.getMessage());
      assertEquals(599, e.code());
      // Exactly at the limit is fine.
      assertEquals(
          1000,
          get(t, () -> client.fetch(HTTPRequest.builder(server.url("/")).maxBodySize(1000).build()))
              .body()
              .length);
    }
  }

  @Test
  void bodyLargerThanMaxBodySizeWithoutLengthFails() throws Exception {
    String chunk = Integer.toHexString(60) + "\r\n" + "y".repeat(60) + "\r\n";
    try (RawServer server =
        answering(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk.repeat(3) + "0\r\n\r\n")) {
      HTTPClientError e =
          failure(
              t,
              HTTPClientError.class,
              () -> client.fetch(HTTPRequest.builder(server.url("/")).maxBodySize(100).build()));
      assertTrue(e.getMessage().contains("maxBodySize"), e.getMessage());
    }
  }

  @Test
  void gzipBombIsStoppedByMaxBodySize() throws Exception {
    byte[] zeros = FetchTest.gzip("\0".repeat(1 << 20)); // 1 MiB of zeros, about 1 KiB gzipped
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    response.writeBytes(
        ("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + zeros.length + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    response.writeBytes(zeros);
    try (RawServer server =
        new RawServer(
            (Socket socket, int i) -> {
              readHead(socket);
              write(socket, response.toByteArray());
              socket.close();
            })) {
      HTTPClientError e =
          failure(
              t,
              HTTPClientError.class,
              () -> client.fetch(HTTPRequest.builder(server.url("/")).maxBodySize(64 * 1024).build()));
      assertTrue(e.getMessage().contains("maxBodySize"), e.getMessage());
    }
  }

  @Test
  void invalidGzipFails() throws Exception {
    for (String body : new String[] {"not gzip!", "this is not gzip at all"}) {
      try (RawServer server =
          answering(
              "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: "
                  + body.length()
                  + "\r\n\r\n"
                  + body)) {
        HTTPConnectionError e =
            failure(t, HTTPConnectionError.class, () -> client.fetch(server.url("/")));
        assertTrue(e.getMessage().startsWith("Invalid gzip"), e.getMessage());
      }
    }
  }

  @Test
  void truncatedGzipFails() throws Exception {
    byte[] whole = FetchTest.gzip("some text that is long enough to compress");
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 6);
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    response.writeBytes(
        ("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + cut.length + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    response.writeBytes(cut);
    try (RawServer server =
        new RawServer(
            (Socket socket, int i) -> {
              readHead(socket);
              write(socket, response.toByteArray());
              socket.close();
            })) {
      failure(t, HTTPConnectionError.class, () -> client.fetch(server.url("/")));
    }
  }

  @Test
  void emptyGzipEncodedBodyIsEmpty() throws Exception {
    try (RawServer server =
        answering("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 0\r\n\r\n")) {
      assertEquals(0, fetch(server).body().length);
    }
  }
}

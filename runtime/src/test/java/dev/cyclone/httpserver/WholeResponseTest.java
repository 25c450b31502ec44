package dev.cyclone.httpserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WholeResponseTest {
  private static ByteBuf body(String text) {
    return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
  }

  /** The encoded response as text; checks the buffer was sized exactly and the body released. */
  private static String encode(HttpResponseStatus status, HttpHeaders headers, ByteBuf body) {
    ByteBuf out = new WholeResponse(status, headers, body).encode(ByteBufAllocator.DEFAULT);
    try {
      assertEquals(0, body.refCnt(), "the body is released once copied");
      assertEquals(out.capacity(), out.readableBytes(), "the buffer is sized exactly");
      return out.toString(StandardCharsets.ISO_8859_1);
    } finally {
      out.release();
    }
  }

  /** A response with no body, encoded. */
  private static String head(HttpResponseStatus status, HttpHeaders headers) {
    return encode(status, headers, Unpooled.buffer(0));
  }

  @Test
  void writesTheStatusLineTheHeadersInOrderAndTheBody() {
    HttpHeaders headers = new DefaultHttpHeaders();
    headers.set("Content-Type", "text/plain");
    headers.set(new AsciiString("Content-Length"), new AsciiString("5"));
    assertEquals(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello",
        encode(HttpResponseStatus.OK, headers, body("hello")));
  }

  @Test
  void aResponseWithoutHeadersOrBodyIsItsStatusLineAndABlankLine() {
    assertEquals(
        "HTTP/1.1 404 Not Found\r\n\r\n",
        head(HttpResponseStatus.NOT_FOUND, new DefaultHttpHeaders()));
  }

  @Test
  void aReasonOfTheHandlersOwnIsWrittenAsGiven() {
    assertEquals(
        "HTTP/1.1 200 Fine Indeed\r\n\r\n",
        head(new HttpResponseStatus(200, "Fine Indeed"), new DefaultHttpHeaders()));
    assertEquals(
        "HTTP/1.1 599 Unknown\r\n\r\n",
        head(new HttpResponseStatus(599, "Unknown"), new DefaultHttpHeaders()));
  }

  @Test
  @SuppressWarnings("deprecation") // the only constructor that skips validation, as the server's own
  void headerTextIsLatin1AndQuestionMarksPastIt() {
    HttpHeaders headers = new DefaultHttpHeaders(false).set("X-Name", "caf\u00e9 \u20ac");
    assertEquals("HTTP/1.1 200 OK\r\nX-Name: caf\u00e9 ?\r\n\r\n", head(HttpResponseStatus.OK, headers));
  }

  @Test
  void aRepeatedHeaderIsWrittenOncePerValue() {
    HttpHeaders headers = new DefaultHttpHeaders().add("Set-Cookie", "a=1").add("Set-Cookie", "b=2");
    assertEquals(
        "HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\n", head(HttpResponseStatus.OK, headers));
  }

  @Test
  void aLongDirectBodyIsLeftOutOfTheHeadAndKept() {
    ByteBuf body = Unpooled.directBuffer(WholeResponse.COPIED_BODY_LIMIT);
    body.writeZero(WholeResponse.COPIED_BODY_LIMIT);
    HttpHeaders headers = new DefaultHttpHeaders().set("Content-Length", body.readableBytes());
    WholeResponse response = new WholeResponse(HttpResponseStatus.OK, headers, body);
    ByteBuf head = response.encode(ByteBufAllocator.DEFAULT);
    try {
      assertEquals(true, response.bodyApart());
      assertEquals(
          "HTTP/1.1 200 OK\r\nContent-Length: 8192\r\n\r\n", head.toString(StandardCharsets.ISO_8859_1));
      assertEquals(1, body.refCnt(), "the encoder writes the body after the head");
    } finally {
      head.release();
      body.release();
    }
  }

  @Test
  void aShortDirectBodyIsCopiedAfterTheHead() {
    ByteBuf body = Unpooled.directBuffer(16).writeBytes("hi".getBytes(StandardCharsets.US_ASCII));
    assertEquals(
        "HTTP/1.1 200 OK\r\n\r\nhi", encode(HttpResponseStatus.OK, new DefaultHttpHeaders(), body));
  }

  @Test
  void aHeadLongerThanTheScratchArrayIsWrittenWhole() {
    for (int length : new int[] {600, 20_000, 600}) { // grows the array, then one not kept
      HttpHeaders headers = new DefaultHttpHeaders().set("X-Long", "v".repeat(length));
      assertEquals(
          "HTTP/1.1 200 OK\r\nX-Long: " + "v".repeat(length) + "\r\n\r\nbody",
          encode(HttpResponseStatus.OK, headers, body("body")));
    }
  }

  @Test
  void aLongHeapBodyIsCopiedWholeAfterTheHead() {
    String text = "0123456789".repeat(500);
    assertEquals(
        "HTTP/1.1 200 OK\r\n\r\n" + text,
        encode(HttpResponseStatus.OK, new DefaultHttpHeaders(), body(text)));
    ByteBuf offset = body("xx" + text).skipBytes(2);
    assertEquals(
        "HTTP/1.1 200 OK\r\n\r\n" + text,
        encode(HttpResponseStatus.OK, new DefaultHttpHeaders(), offset));
  }

  @Test
  void aShortHeapBodyReadFromItsMiddleIsCopiedFromThere() {
    ByteBuf body = Unpooled.wrappedBuffer("__hi__".getBytes(StandardCharsets.US_ASCII), 2, 2);
    assertEquals("HTTP/1.1 200 OK\r\n\r\nhi", encode(HttpResponseStatus.OK, new DefaultHttpHeaders(), body));
  }
}

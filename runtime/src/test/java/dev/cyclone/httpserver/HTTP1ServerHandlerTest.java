package dev.cyclone.httpserver;

import dev.cyclone.testing.ExpectLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpRequestDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connection handler at codec level, on an {@link EmbeddedChannel}: bytes in, bytes out, with
 * a delegate that records what it is told and answers only when the test says so.
 */
class HTTP1ServerHandlerTest {
  private final List<String> events = new ArrayList<>();
  private final List<HTTPConnection> open = new ArrayList<>();
  private EmbeddedChannel channel;

  /** Records events; answers "echo:<body>" when the test calls answer(). */
  private final class RecordingDelegate implements HTTPMessageDelegate {
    private final HTTPConnection connection;
    private final StringBuilder body = new StringBuilder();
    private HTTPServerRequest request;

    RecordingDelegate(HTTPConnection connection) {
      this.connection = connection;
    }

    @Override
    public void headersReceived(HTTPServerRequest request) {
      this.request = request;
      events.add("headers " + request.method() + " " + request.uri());
    }

    @Override
    public void dataReceived(ByteBuf chunk) {
      body.append(chunk.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void finish() {
      events.add("finish " + request.uri() + " body=" + body);
      open.add(connection);
    }

    @Override
    public void onConnectionClose() {
      events.add("closed " + request.uri());
    }
  }

  private EmbeddedChannel channel(HTTPServerOptions options) {
    HttpDecoderConfig config =
        new HttpDecoderConfig()
            .setMaxInitialLineLength(options.maxHeaderSize())
            .setMaxHeaderSize(options.maxHeaderSize());
    channel =
        new EmbeddedChannel(
            new HttpRequestDecoder(config),
            new HTTP1ResponseEncoder(),
            new HTTP1ServerHandler(connection -> new RecordingDelegate(connection), options));
    return channel;
  }

  @AfterEach
  void tearDown() {
    if (channel != null) {
      channel.finishAndReleaseAll();
    }
  }

  private void in(String text) {
    channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
    channel.runPendingTasks();
  }

  private String out() {
    channel.runPendingTasks();
    StringBuilder all = new StringBuilder();
    ByteBuf b;
    while ((b = channel.readOutbound()) != null) {
      all.append(b.toString(StandardCharsets.ISO_8859_1));
      b.release();
    }
    return all.toString();
  }

  private static void answer(HTTPConnection c, String text) {
    HttpHeaders headers = new DefaultHttpHeaders();
    headers.set("Content-Length", text.length());
    c.writeHeaders(HttpResponseStatus.OK, headers, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    c.finish();
  }

  @Test
  void pipelinedRequestsWaitForTheResponseBeforeThem() {
    channel(HTTPServerOptions.builder().threads(1).build());
    in("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n");
    assertEquals(List.of("headers GET /a", "finish /a body="), events, "/b waits");
    answer(open.get(0), "A");
    String first = out();
    assertTrue(first.startsWith("HTTP/1.1 200 OK\r\n"), first);
    assertTrue(first.endsWith("\r\n\r\nA"), first);
    assertEquals(List.of("headers GET /a", "finish /a body=", "headers GET /b", "finish /b body="), events);
    answer(open.get(1), "B");
    assertTrue(out().endsWith("B"));
  }

  @Test
  void aDateHeaderIsAdded() {
    channel(HTTPServerOptions.builder().threads(1).build());
    in("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    answer(open.get(0), "x");
    assertTrue(out().contains("Date: " + HttpDates.now().substring(0, 5)));
  }

  @Test
  void oversizedHeadersAre431AndClose() {
    channel(HTTPServerOptions.builder().threads(1).maxHeaderSize(100).build());
    in("GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + "y".repeat(200) + "\r\n\r\n");
    String out = out();
    assertTrue(out.startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n"), out);
    assertEquals(List.of(), events, "the delegate never hears of it");
    assertFalse(channel.isActive());
  }

  @Test
  void bodyPiecesReachTheDelegateAndAreCounted() {
    channel(HTTPServerOptions.builder().threads(1).maxBodySize(8).build());
    in("POST /p HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n");
    in("4\r\nefgh\r\n");
    assertEquals(List.of("headers POST /p"), events);
    in("1\r\ni\r\n0\r\n\r\n");
    assertEquals(List.of("headers POST /p", "closed /p"), events, "over the limit: given up");
    assertTrue(out().startsWith("HTTP/1.1 413 Request Entity Too Large\r\n"));
    assertFalse(channel.isActive());
  }

  @Test
  void writeAfterFinishAndFinishTwiceFail() {
    channel(HTTPServerOptions.builder().threads(1).build());
    in("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    HTTPConnection c = open.get(0);
    answer(c, "x");
    IllegalStateException write =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class, () -> c.write(Unpooled.copiedBuffer("y", StandardCharsets.UTF_8)));
    assertEquals("[WriteAfterFinish] Cannot write() after finish()", write.getMessage());
    IllegalStateException twice = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, c::finish);
    assertTrue(twice.getMessage().startsWith("[FinishTwice]"));
  }

  @Test
  void writingPastContentLengthFails() {
    channel(HTTPServerOptions.builder().threads(1).build());
    in("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    HTTPConnection c = open.get(0);
    HttpHeaders headers = new DefaultHttpHeaders().set("Content-Length", 1);
    c.writeHeaders(HttpResponseStatus.OK, headers, null);
    IllegalStateException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class, () -> c.write(Unpooled.copiedBuffer("too long", StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().startsWith("[ContentLengthExceeded]"));
  }

  @Test
  void noKeepAliveClosesAfterOneResponse() {
    channel(HTTPServerOptions.builder().threads(1).noKeepAlive(true).build());
    in("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    answer(open.get(0), "x");
    assertTrue(out().contains("Connection: close"));
    assertFalse(channel.isActive());
  }

  @Test
  void http10WithoutKeepAliveCloses() {
    channel(HTTPServerOptions.builder().threads(1).build());
    in("GET / HTTP/1.0\r\n\r\n");
    answer(open.get(0), "x");
    assertFalse(channel.isActive());
  }

  @Test
  void aWholeResponseLeavesAsOneBufferWithItsLength() {
    channel(HTTPServerOptions.builder().threads(1).build());
    in("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    open.get(0).writeResponse(HttpResponseStatus.OK, new DefaultHttpHeaders(), utf8("hello"));
    channel.runPendingTasks();
    ByteBuf only = channel.readOutbound();
    String text = only.toString(StandardCharsets.ISO_8859_1);
    only.release();
    assertNull(channel.readOutbound(), "status line, headers and body in one buffer");
    assertTrue(text.startsWith("HTTP/1.1 200 OK\r\n"), text);
    assertTrue(text.contains("\r\nContent-Length: 5\r\n"), "the length, spelled as Tornado does: " + text);
    assertTrue(text.contains("\r\nDate: "), text);
    assertTrue(text.endsWith("\r\n\r\nhello"), text);
    assertTrue(channel.isActive(), "kept alive");
  }

  @Test
  void aResponseSentWithoutAFutureLeavesAsTheSameBytesAndTheConnectionGoesOn() {
    channel(HTTPServerOptions.builder().threads(1).build());
    in("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    CompletableFuture<Void> written =
        open.get(0).writeResponse(HttpResponseStatus.OK, new DefaultHttpHeaders(), utf8("hello"));
    String first = out();
    assertTrue(written.isDone() && !written.isCompletedExceptionally(), "complete once written");
    in("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    open.get(1).sendResponse(HttpResponseStatus.OK, new DefaultHttpHeaders(), utf8("hello"));
    String second = out();
    assertEquals(first.replaceAll("Date: [^\r]*", ""), second.replaceAll("Date: [^\r]*", ""));
    assertTrue(channel.isActive(), "kept alive");
    in("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    open.get(2).sendResponse(HttpResponseStatus.OK, new DefaultHttpHeaders(), utf8("bye"));
    String last = out();
    assertTrue(last.contains("\r\nConnection: close\r\n") && last.endsWith("bye"), last);
    assertFalse(channel.isActive(), "closed once the last response was out");
  }

  @Test
  void aStandardMethodIsNamedByTheLiteralItselfAndAnyOtherByItsName() {
    for (String name : new String[] {"GET", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
      // the decoder's HttpMethod for the name, as a request brings it
      assertSame(name, HTTP1ServerHandler.methodName(HttpMethod.valueOf(new String(name))));
    }
    assertEquals("BREW", HTTP1ServerHandler.methodName(HttpMethod.valueOf("BREW")));
  }

  @Test
  void aWholeResponseToHeadKeepsTheLengthAndDropsTheBody() {
    channel(HTTPServerOptions.builder().threads(1).build());
    in("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n");
    open.get(0).writeResponse(HttpResponseStatus.OK, new DefaultHttpHeaders(), utf8("hello"));
    String text = out();
    assertTrue(text.contains("Content-Length: 5\r\n"), text);
    assertNoBodyAndTheConnectionGoesOn(text);
  }

  @Test
  void aLongDirectBodyFollowsItsHeadInASecondBuffer() {
    channel(HTTPServerOptions.builder().threads(1).build());
    in("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    int length = WholeResponse.COPIED_BODY_LIMIT + 1;
    ByteBuf body = Unpooled.directBuffer(length).writeBytes("x".repeat(length).getBytes(StandardCharsets.US_ASCII));
    open.get(0).writeResponse(HttpResponseStatus.OK, new DefaultHttpHeaders(), body);
    channel.runPendingTasks();
    ByteBuf head = channel.readOutbound();
    ByteBuf sent = channel.readOutbound();
    try {
      String text = head.toString(StandardCharsets.ISO_8859_1);
      assertTrue(text.contains("\r\nContent-Length: " + length + "\r\n"), text);
      assertTrue(text.endsWith("\r\n\r\n"), "the head alone: " + text);
      assertEquals(length, sent.readableBytes());
    } finally {
      head.release();
      sent.release();
    }
    assertTrue(channel.isActive(), "kept alive");
  }

  @Test
  void a205SaysItsBodyIsEmptyAndSendsNone() {
    channel(HTTPServerOptions.builder().threads(1).build());
    in("POST /form HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    open.get(0).writeResponse(HttpResponseStatus.RESET_CONTENT, new DefaultHttpHeaders(), utf8("ignored"));
    String text = out();
    assertTrue(text.startsWith("HTTP/1.1 205 Reset Content\r\n"), text);
    assertTrue(text.contains("\r\nContent-Length: 0\r\n"), text);
    assertNoBodyAndTheConnectionGoesOn(text);
  }

  @Test
  void a204DropsTheLengthAndTheBody() {
    channel(HTTPServerOptions.builder().threads(1).build());
    in("DELETE /x HTTP/1.1\r\nHost: x\r\n\r\n");
    HttpHeaders headers = new DefaultHttpHeaders().set("Content-Length", 7);
    open.get(0).writeResponse(HttpResponseStatus.NO_CONTENT, headers, utf8("ignored"));
    String text = out();
    assertTrue(text.startsWith("HTTP/1.1 204 No Content\r\n"), text);
    assertFalse(text.contains("Content-Length"), text);
    assertTrue(text.endsWith("\r\n\r\n"), "no body: " + text);
  }

  @Test
  void aStreamedResponseToHeadSendsItsHeadersAndNoChunkAtAll() {
    channel(HTTPServerOptions.builder().threads(1).build());
    in("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n");
    HTTPConnection c = open.get(0);
    c.writeHeaders(HttpResponseStatus.OK, new DefaultHttpHeaders(), utf8("first"));
    c.write(utf8("second"));
    c.finish();
    String text = out();
    assertTrue(text.contains("Transfer-Encoding: chunked\r\n"), text);
    assertTrue(text.endsWith("\r\n\r\n"), text);
    assertFalse(text.contains("first") || text.contains("second") || text.contains("\r\n0\r\n"), text);
    in("GET /next HTTP/1.1\r\nHost: x\r\n\r\n");
    answer(open.get(1), "next");
    String next = out();
    assertTrue(next.startsWith("HTTP/1.1 200 OK\r\n") && next.endsWith("\r\n\r\nnext"), next);
  }

  @Test
  void aStreamedResponseToGetEndsItsChunks() {
    channel(HTTPServerOptions.builder().threads(1).build());
    in("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    HTTPConnection c = open.get(0);
    c.writeHeaders(HttpResponseStatus.OK, new DefaultHttpHeaders(), utf8("first"));
    c.finish();
    String text = out();
    assertTrue(text.endsWith("\r\n\r\n5\r\nfirst\r\n0\r\n\r\n"), text);
  }

  @Test
  void aWholeResponseLongerThanItsContentLengthFails() {
    channel(HTTPServerOptions.builder().threads(1).build());
    in("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    HttpHeaders headers = new DefaultHttpHeaders().set("Content-Length", 2);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> open.get(0).writeResponse(HttpResponseStatus.OK, headers, utf8("hello")));
    assertTrue(e.getMessage().startsWith("[ContentLengthExceeded]"), e.getMessage());
  }

  @Test
  void aWholeResponseShorterThanItsContentLengthClosesTheConnection() {
    channel(HTTPServerOptions.builder().threads(1).build());
    in("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    HttpHeaders headers = new DefaultHttpHeaders().set("Content-Length", 9);
    try (ExpectLog logged = ExpectLog.of("dev.cyclone.httpserver", "[ContentLengthShort]")) {
      open.get(0).writeResponse(HttpResponseStatus.OK, headers, utf8("hello"));
    }
    String text = out();
    assertTrue(text.contains("Connection: close\r\n"), text);
    assertFalse(channel.isActive(), "the client could not tell where the next response starts");
  }

  @Test
  void aResponseWrittenWhileReadingIsFlushedWhenTheReadBatchEnds() {
    channel(HTTPServerOptions.builder().threads(1).build());
    channel
        .pipeline()
        .fireChannelRead(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nHost: x\r\n\r\n", StandardCharsets.ISO_8859_1));
    open.get(0).writeResponse(HttpResponseStatus.OK, new DefaultHttpHeaders(), utf8("hi"));
    assertNull(channel.readOutbound(), "not flushed while the batch is still being read");
    channel.pipeline().fireChannelReadComplete();
    assertTrue(out().endsWith("\r\n\r\nhi"));
  }

  @Test
  void aResponseFinishedOutsideAReadIsFlushedAtOnce() {
    channel(HTTPServerOptions.builder().threads(1).build());
    in("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    open.get(0).writeResponse(HttpResponseStatus.OK, new DefaultHttpHeaders(), utf8("later"));
    ByteBuf sent = channel.readOutbound();
    assertTrue(sent.toString(StandardCharsets.ISO_8859_1).endsWith("later"), "no task in between");
    sent.release();
  }

  @Test
  void headersWrittenOutsideAReadAreFlushedOnceTheLoopTaskEnds() {
    // (EmbeddedChannel runs pending tasks on every write, so only the first write shows the wait.)
    channel(HTTPServerOptions.builder().threads(1).build());
    in("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    HTTPConnection c = open.get(0);
    c.writeHeaders(HttpResponseStatus.OK, new DefaultHttpHeaders(), null);
    assertNull(channel.readOutbound(), "held until the code writing them returns to the loop");
    channel.runPendingTasks();
    String text = out();
    assertTrue(text.contains("Transfer-Encoding: chunked\r\n"), text);
    c.write(utf8("two"));
    c.finish();
    assertTrue(out().endsWith("3\r\ntwo\r\n0\r\n\r\n"));
  }

  /** The response ended with its headers, and the connection went on to the next request. */
  private void assertNoBodyAndTheConnectionGoesOn(String text) {
    assertTrue(text.endsWith("\r\n\r\n"), "no body: " + text);
    in("GET /next HTTP/1.1\r\nHost: x\r\n\r\n");
    assertEquals(2, open.size(), "the next request is served on the same connection");
  }

  private static ByteBuf utf8(String text) {
    return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
  }
}

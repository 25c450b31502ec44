package dev.cyclone.websocket;

import static dev.cyclone.web.URLSpec.url;
import static dev.cyclone.websocket.Frames.PING;
import static dev.cyclone.websocket.Frames.PONG;
import static dev.cyclone.websocket.Frames.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.annotations.Asynchronous;
import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.testsupport.LogCapture;
import dev.cyclone.web.AppSettings;
import dev.cyclone.web.Application;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handler's side: {@code open} with the route's arguments, one-message-at-a-time delivery
 * behind pending futures (completed off the loop, by a loop timer, or by {@code done()}), the
 * futures of {@code writeMessage} before, during and after the socket's life, ping and pong hooks,
 * and a well-behaved client (the JDK's) closing or being closed.
 */
class WebSocketHandlerTest extends WebSocketTestCase {
  /** What the handlers saw, in order: "open x", "message x", "close code reason", "ping x"... */
  static final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  /** Futures handlers returned and left for the test to complete. */
  static final BlockingQueue<CompletableFuture<Void>> pending = new LinkedBlockingQueue<>();
  /** Outcomes of writes handlers made at interesting moments. */
  static final BlockingQueue<Object> writes = new LinkedBlockingQueue<>();
  static final AtomicInteger closedTwice = new AtomicInteger();
  static final int FLOOD = 96;

  /** Records its events; onClose at most once. */
  public abstract static class Recording extends WebSocketHandler {
    private int closes;

    @Override
    protected void onClose() {
      if (++closes > 1) {
        closedTwice.incrementAndGet();
      }
      events.add("close " + closeCode() + " " + closeReason());
    }
  }

  /** Echoes; /room/(name) greets; a few commands exercise the output. */
  public static class EchoSocket extends Recording {
    public void open(String room) {
      events.add("open " + room);
      writes.add(writeMessage("welcome to " + room));
    }

    public void onMessage(String message) {
      events.add("message " + message);
      switch (message) {
        case "close" -> close(4000, "bye");
        case "close then write" -> {
          close();
          writes.add(writeMessage("too late"));
        }
        case "ping me" -> writes.add(ping(utf8("from server")));
        case "flood" -> {
          for (int i = 0; i < FLOOD; i++) {
            writes.add(writeMessage(new byte[256 * 1024]));
          }
        }
        default -> writeMessage(message);
      }
    }

    public void onMessage(byte[] message) {
      events.add("binary " + message.length);
      writeMessage(message);
    }

    @Override
    protected void onPing(byte[] data) {
      events.add("ping " + new String(data, StandardCharsets.UTF_8));
    }

    @Override
    protected void onPong(byte[] data) {
      events.add("pong " + new String(data, StandardCharsets.UTF_8));
    }

    @Override
    protected void onClose() {
      super.onClose();
      writes.add(writeMessage("after close"));
    }
  }

  /**
   * Each message returns a pending future: "timer" ones complete by a loop timer, "fail" ones
   * fail later, the others wait for the test to complete them.
   */
  public static class SlowSocket extends Recording {
    public CompletionStage<Void> onMessage(String message) {
      events.add("message " + message);
      CompletableFuture<Void> f = new CompletableFuture<>();
      if (message.startsWith("timer")) {
        IOLoop.current().callLater(Duration.ofMillis(20), () -> {
          writeMessage("done " + message);
          f.complete(null);
        });
      } else if (message.equals("close while pending")) {
        f.whenComplete((v, t) -> events.add(f.isCancelled() ? "cancelled" : "completed"));
        close(4000, "bye");
      } else if (message.startsWith("fail")) {
        IOLoop.current().callLater(Duration.ofMillis(20),
            () -> f.completeExceptionally(new IllegalStateException("late " + message)));
      } else {
        f.whenComplete((v, t) -> writeMessage("done " + message));
        pending.add(f);
      }
      return f;
    }
  }

  /** open returns a future the test completes; messages wait for it. */
  public static class SlowOpenSocket extends Recording {
    public CompletionStage<Void> open() {
      CompletableFuture<Void> f = new CompletableFuture<>();
      pending.add(f);
      return f;
    }

    public void onMessage(String message) {
      events.add("message " + message);
      writeMessage(message);
    }
  }

  /** An @Asynchronous onMessage that answers from a timer and calls done(). */
  public static class AsyncSocket extends Recording {
    @Asynchronous
    public void onMessage(String message) {
      events.add("message " + message);
      IOLoop.current().callLater(Duration.ofMillis(10), () -> {
        writeMessage("done " + message);
        done();
      });
    }
  }

  /** open fails, or closes at once, or checks what close() and ping() refuse. */
  public static class OpenSocket extends Recording {
    public void open(String how) {
      events.add("open " + how);
      switch (how) {
        case "throw" -> throw new IllegalStateException("open failed on purpose");
        case "close" -> close(4002, "not today");
        case "check" -> {
          for (Runnable misuse : List.<Runnable>of(
              () -> close(1005, null),
              () -> close(1000, "x".repeat(124)),
              () -> ping(new byte[126]))) {
            try {
              misuse.run();
              writes.add("no exception");
            } catch (IllegalArgumentException e) {
              writes.add(e.getMessage());
            }
          }
          writeMessage("still open");
        }
        default -> { }
      }
    }

    public void onMessage(String message) {
      events.add("message " + message);
    }
  }

  /** Tries to write from prepare(), before the socket is open. */
  public static class EarlyWriterSocket extends Recording {
    @Override
    protected void prepare() {
      try {
        writeMessage("too early");
        writes.add("no exception");
      } catch (IllegalStateException e) {
        writes.add(e);
      }
    }

    public void onMessage(String message) {
      writeMessage(message);
    }
  }


  @Override
  protected Application getApp() {
    return new Application(
        List.of(
            url("/room/([a-z]+)", EchoSocket.class),
            url("/slow", SlowSocket.class),
            url("/slow-open", SlowOpenSocket.class),
            url("/async", AsyncSocket.class),
            url("/early", EarlyWriterSocket.class),
            url("/open/([a-z]+)", OpenSocket.class)),
        // no write buffer limit: the flood below measures what the futures say without one
        // (WebSocketWriteBufferTest covers the limit)
        AppSettings.builder().websocketMaxWriteBufferSize(0).build());
  }

  @BeforeEach
  void reset() {
    events.clear();
    pending.clear();
    writes.clear();
    closedTwice.set(0);
  }

  @AfterEach
  void onCloseRanOnce() {
    assertEquals(0, closedTwice.get(), "onClose ran twice");
  }

  // ---- open ------------------------------------------------------------------------------------

  @Test
  void openGetsTheRouteArgumentsAndItsWriteCompletes() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/room/kitchen")) {
      assertEquals("welcome to kitchen", ws.readText());
      assertEquals("open kitchen", nextEvent());
      assertNull(waitFor(nextWrite()), "the write from open completed");
    }
  }

  @Test
  void messagesWaitForAPendingOpen() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/slow-open")) {
      CompletableFuture<Void> open = pending.poll(5, TimeUnit.SECONDS);
      assertNotNull(open);
      ws.sendText("early bird");
      assertNull(events.poll(100, TimeUnit.MILLISECONDS), "not delivered before open is done");
      open.complete(null); // from the test's thread, not the loop
      assertEquals("early bird", ws.readText());
      assertEquals("message early bird", nextEvent());
    }
  }

  @Test
  void anExceptionInOpenCloses1011AndIsLogged() throws Exception {
    try (LogCapture log = LogCapture.start()) {
      try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/open/throw")) {
        ws.readClose(1011);
        ws.sendText("dropped");
        ws.sendClose(1011, "");
        assertTrue(ws.closedByServerWithin(2000));
      }
      assertEquals("open throw", nextEvent());
      assertEquals("close 1011 ", nextEvent(), "no message was delivered");
      assertTrue(log.text().contains("open failed on purpose"), "the exception is logged");
    }
  }

  @Test
  void openCanCloseAtOnce() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/open/close")) {
      assertEquals("not today", ws.readClose(4002).closeReason());
      ws.sendClose(4002, "");
      assertTrue(ws.closedByServerWithin(2000));
    }
    assertEquals("open close", nextEvent());
    assertEquals("close 4002 ", nextEvent());
  }

  @Test
  void closeAndPingRefuseWhatTheRfcForbids() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/open/check")) {
      assertEquals("still open", ws.readText());
    }
    List<Object> refusals = List.of(
        writes.poll(5, TimeUnit.SECONDS), writes.poll(5, TimeUnit.SECONDS),
        writes.poll(5, TimeUnit.SECONDS));
    assertTrue(refusals.get(0).toString().startsWith("[WebSocketCloseCode] 1005"), refusals::toString);
    assertTrue(refusals.get(1).toString().startsWith("[WebSocketCloseReason]"), refusals::toString);
    assertTrue(refusals.get(2).toString().startsWith("[WebSocketPingSize]"), refusals::toString);
  }

  // ---- One message at a time -----------------------------------------------------------------

  @Test
  void theNextMessageWaitsForThePendingFutureInOrder() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/slow")) {
      ws.sendText("a").sendText("timer b").sendText("c").sendText("timer d");
      assertEquals("message a", nextEvent());
      CompletableFuture<Void> a = pending.poll(5, TimeUnit.SECONDS);
      assertNotNull(a);
      assertNull(events.poll(100, TimeUnit.MILLISECONDS), "b waits while a is pending");
      a.complete(null); // off the loop
      assertEquals("done a", ws.readText());
      assertEquals("message timer b", nextEvent());
      assertEquals("done timer b", ws.readText()); // completed by a loop timer
      assertEquals("message c", nextEvent());
      assertNull(events.poll(50, TimeUnit.MILLISECONDS), "d waits while c is pending");
      pending.poll(5, TimeUnit.SECONDS).complete(null);
      assertEquals("done c", ws.readText());
      assertEquals("message timer d", nextEvent());
      assertEquals("done timer d", ws.readText());
    }
  }

  @Test
  void asynchronousOnMessageGetsTheNextAfterDone() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/async")) {
      ws.sendText("1").sendText("2").sendText("3");
      for (String m : List.of("1", "2", "3")) {
        assertEquals("done " + m, ws.readText());
      }
      assertEquals(List.of("message 1", "message 2", "message 3"),
          List.of(nextEvent(), nextEvent(), nextEvent()));
    }
  }

  @Test
  void aFutureThatFailsLaterCloses1011AndTheHandshakeCompletes() throws Exception {
    try (LogCapture log = LogCapture.start()) {
      try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/slow")) {
        ws.sendText("fail now");
        ws.readClose(1011);
        ws.sendClose(1000, "");
        // the server reads the answer and ends TCP, rather than waiting out its close timeout
        assertTrue(ws.closedByServerWithin(2000), "the server closed the connection");
      }
      assertEquals("message fail now", nextEvent());
      assertEquals("close 1000 ", nextEvent());
      assertTrue(log.text().contains("late fail now"), "the failure is logged");
    }
  }

  @Test
  void closingWhilePendingStillReadsTheClientsCloseAndCancelsTheFuture() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/slow")) {
      ws.sendText("close while pending");
      ws.readClose(4000);
      ws.sendClose(1000, "ok");
      assertTrue(ws.closedByServerWithin(2000), "the server closed the connection");
    }
    assertEquals("message close while pending", nextEvent());
    assertEquals("cancelled", nextEvent());
    assertEquals("close 1000 ok", nextEvent());
  }

  // ---- Output ----------------------------------------------------------------------------------

  @Test
  void writesFailWithWebSocketClosedErrorOnceClosing() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/room/hall")) {
      ws.readText();
      waitFor(nextWrite());
      ws.sendText("close then write");
      ws.readClose(1000);
      assertClosedError(nextWrite());
      ws.sendClose(1000, "");
      assertTrue(ws.closedByServerWithin(2000));
    }
    assertEquals("open hall", nextEvent());
    assertEquals("message close then write", nextEvent());
    assertEquals("close 1000 ", nextEvent());
    assertClosedError(nextWrite()); // written from onClose
  }

  @Test
  void writesCompleteWhenWrittenAndFailWhenTheClientGoesFirst() throws Exception {
    List<CompletableFuture<Void>> flood = new java.util.ArrayList<>();
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/room/cellar")) {
      ws.readText();
      waitFor(nextWrite());
      ws.sendText("flood"); // 24 MiB, more than loopback buffers hold while nobody reads
      for (int i = 0; i < FLOOD; i++) {
        flood.add(nextWrite());
      }
      assertTrue(!flood.get(FLOOD - 1).isDone(), "the last write waits for the client to read");
      ws.socket().setSoLinger(true, 0);
    } // a reset: the writes still queued fail
    int failed = 0;
    for (CompletableFuture<Void> write : flood) {
      try {
        write.get(5, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        failed++;
        assertInstanceOf(WebSocketClosedError.class, e.getCause());
        assertTrue(e.getCause().getMessage().startsWith("[WebSocketClosed]"), e.getCause().getMessage());
      }
    }
    assertTrue(failed > 0, "some writes failed");
  }

  @Test
  void writesBeforeOpenFailWithTheRule() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/early")) {
      Object outcome = writes.poll(5, TimeUnit.SECONDS);
      IllegalStateException e = assertInstanceOf(IllegalStateException.class, outcome);
      assertTrue(e.getMessage().startsWith("[WebSocketNotOpen]"), e.getMessage());
      ws.sendText("open now");
      assertEquals("open now", ws.readText());
    }
  }

  // ---- Ping and pong ---------------------------------------------------------------------------

  @Test
  void pingsArePongedAndBothReachTheHooks() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/room/attic")) {
      ws.readText();
      waitFor(nextWrite());
      ws.sendFrame(true, PING, utf8("from client"));
      Frames.Frame pong = ws.read();
      assertEquals(PONG, pong.opcode());
      assertEquals("from client", pong.text());
      ws.sendText("ping me");
      Frames.Frame ping = ws.read();
      assertEquals(PING, ping.opcode());
      assertEquals("from server", ping.text());
      assertNull(waitFor(nextWrite()), "ping's future completed");
      ws.sendFrame(true, PONG, utf8("from server"));
      ws.sendText("sync");
      assertEquals("sync", ws.readText());
    }
    assertEquals(
        List.of("open attic", "ping from client", "message ping me", "pong from server",
            "message sync"),
        List.of(nextEvent(), nextEvent(), nextEvent(), nextEvent(), nextEvent()));
  }

  // ---- A well-behaved client: the JDK's ------------------------------------------------------

  @Test
  void jdkClientExchangesMessagesAndCloses() throws Exception {
    JdkListener listener = new JdkListener();
    WebSocket ws = connectJdk("/room/lobby", listener);
    assertEquals("welcome to lobby", listener.messages.poll(5, TimeUnit.SECONDS));
    ws.sendText("hello", true);
    assertEquals("hello", listener.messages.poll(5, TimeUnit.SECONDS));
    ws.sendBinary(ByteBuffer.wrap(new byte[300_000]), true);
    assertEquals("binary 300000", listener.messages.poll(5, TimeUnit.SECONDS));
    waitFor(ws.sendClose(4321, "done here"));
    assertEquals("4321 ", waitFor(listener.closed), "the server echoes the code");
    assertEquals("open lobby", nextEvent());
    assertEquals("message hello", nextEvent());
    assertEquals("binary 300000", nextEvent());
    assertEquals("close 4321 done here", nextEvent());
  }

  @Test
  void jdkClientSeesTheServersCloseCodeAndReason() throws Exception {
    JdkListener listener = new JdkListener();
    WebSocket ws = connectJdk("/room/porch", listener);
    listener.messages.poll(5, TimeUnit.SECONDS);
    ws.sendText("close", true);
    assertEquals("4000 bye", waitFor(listener.closed));
    // the JDK answers the close; the server then ends the connection and calls onClose
    assertEquals("open porch", nextEvent());
    assertEquals("message close", nextEvent());
    assertEquals("close 4000 ", nextEvent());
  }

  // ---- Helpers -----------------------------------------------------------------------------------

  private WebSocket connectJdk(String path, JdkListener listener) {
    return waitFor(
        httpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .buildAsync(URI.create("ws://127.0.0.1:" + getHttpPort() + path), listener));
  }

  /** Collects what the JDK's client receives: texts, "binary N", and the close as "code reason". */
  static final class JdkListener implements WebSocket.Listener {
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private int binary;

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        messages.add(text.toString());
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      binary += data.remaining();
      if (last) {
        messages.add("binary " + binary);
        binary = 0;
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed.complete(statusCode + " " + reason);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.completeExceptionally(error);
    }
  }

  private static void assertClosedError(CompletableFuture<?> write) {
    CompletionException e =
        org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, write::join);
    assertInstanceOf(WebSocketClosedError.class, e.getCause());
    assertTrue(e.getCause().getMessage().startsWith("[WebSocketClosed]"), e.getCause().getMessage());
  }

  private static String nextEvent() throws InterruptedException {
    String e = events.poll(5, TimeUnit.SECONDS);
    assertNotNull(e, "an event within 5 s");
    return e;
  }

  @SuppressWarnings("unchecked")
  private static CompletableFuture<Void> nextWrite() throws InterruptedException {
    Object w = writes.poll(5, TimeUnit.SECONDS);
    assertNotNull(w, "a write within 5 s");
    return (CompletableFuture<Void>) w;
  }
}

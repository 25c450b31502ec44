package dev.cyclone.websocket;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.web.AppSettings;
import dev.cyclone.web.Application;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server's keep-alive pings ({@code websocketPingInterval} 100 ms, a 400 ms timeout, which
 * otherwise defaults to the interval): a client that answers stays connected and each pong reaches {@code onPong}; one
 * that never answers is closed with 1001 after about interval + timeout.
 */
class WebSocketPingTest extends WebSocketTestCase {
  static final long INTERVAL_MS = 100;
  /** Roomy, so that a test thread slowed by a loaded machine still answers in time. */
  static final long TIMEOUT_MS = 4 * INTERVAL_MS;

  static final Semaphore pongs = new Semaphore(0);
  static final BlockingQueue<String> closes = new LinkedBlockingQueue<>();

  /** Echoes; "slow" takes four ping intervals (a loop timer) before it answers "done". */
  public static class EchoSocket extends WebSocketHandler {
    public CompletionStage<Void> onMessage(String message) {
      if (!message.equals("slow")) {
        writeMessage(message);
        return null;
      }
      CompletableFuture<Void> done = new CompletableFuture<>();
      IOLoop.current().callLater(Duration.ofMillis(4 * INTERVAL_MS), () -> {
        writeMessage("done");
        done.complete(null);
      });
      return done;
    }

    @Override
    protected void onPong(byte[] data) {
      pongs.release();
    }

    @Override
    protected void onClose() {
      closes.add(closeCode() + " " + closeReason());
    }
  }


  @Override
  protected Application getApp() {
    return new Application(
        List.of(url("/echo", EchoSocket.class)),
        AppSettings.builder().websocketPingInterval(Duration.ofMillis(INTERVAL_MS))
            .websocketPingTimeout(Duration.ofMillis(TIMEOUT_MS)).build());
  }

  @BeforeEach
  void reset() {
    pongs.drainPermits();
    closes.clear();
  }

  @Test
  void aClientThatAnswersStaysOpenAndOnPongIsCalled() throws Exception {
    Listener listener = new Listener();
    WebSocket ws =
        waitFor(
            httpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + getHttpPort() + "/echo"), listener));
    // the JDK's client answers each ping by itself; four pongs span several ping timeouts
    assertTrue(pongs.tryAcquire(4, 5, TimeUnit.SECONDS), "onPong was called for each ping");
    ws.sendText("still here", true);
    assertEquals("still here", listener.messages.poll(5, TimeUnit.SECONDS));
    assertTrue(closes.isEmpty(), "not closed");
    waitFor(ws.sendClose(WebSocket.NORMAL_CLOSURE, ""));
    assertEquals("1000 ", closes.poll(5, TimeUnit.SECONDS));
  }

  @Test
  void aRawClientAnsweringByHandStaysOpen() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/echo")) {
      for (int i = 0; i < 3; i++) {
        Frames.Frame ping = ws.read();
        assertEquals(Frames.PING, ping.opcode());
        ws.sendFrame(true, Frames.PONG, ping.payload());
      }
      ws.sendText("alive");
      Frames.Frame f = ws.read();
      while (f.opcode() == Frames.PING) {
        f = ws.read();
      }
      assertEquals("alive", f.text());
    }
    assertTrue(pongs.tryAcquire(3, 5, TimeUnit.SECONDS));
  }

  @Test
  void aSlowMessageDoesNotTimeOutAClientThatAnswers() throws Exception {
    // While onMessage's future is pending the server reads nothing, pongs included: that is the
    // server's doing, not a dead client.
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/echo")) {
      ws.sendText("slow");
      Frames.Frame f = ws.read();
      int pings = 0;
      while (f.opcode() == Frames.PING) {
        pings++;
        ws.sendFrame(true, Frames.PONG, f.payload());
        f = ws.read();
      }
      assertEquals("done", f.text(), "the answer, not a ping timeout's close");
      assertTrue(pings >= 1, "pinged meanwhile");
      ws.sendText("still open");
      f = ws.read();
      while (f.opcode() == Frames.PING) {
        ws.sendFrame(true, Frames.PONG, f.payload());
        f = ws.read();
      }
      assertEquals("still open", f.text());
    }
  }

  @Test
  void aClientThatNeverAnswersIsClosedAfterIntervalPlusTimeout() throws Exception {
    long start = System.nanoTime();
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/echo")) {
      Frames.Frame ping = ws.read();
      assertEquals(Frames.PING, ping.opcode());
      Frames.Frame close = ws.readClose(1001);
      assertTrue(ws.closedByServerWithin(2000), "the server ended the connection");
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(elapsedMs >= INTERVAL_MS + TIMEOUT_MS - 20 && elapsedMs < INTERVAL_MS + TIMEOUT_MS + 800,
          "closed after " + elapsedMs + " ms, expected about " + (INTERVAL_MS + TIMEOUT_MS) + " (" + close + ")");
    }
    String onClose = closes.poll(5, TimeUnit.SECONDS);
    assertNotNull(onClose, "onClose ran");
    assertEquals("null null", onClose, "the client sent no close frame");
  }

  /** Collects the texts the JDK's client receives. */
  static final class Listener implements WebSocket.Listener {
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

    @Override
    public java.util.concurrent.CompletionStage<?> onText(
        WebSocket ws, CharSequence data, boolean last) {
      messages.add(data.toString());
      ws.request(1);
      return null;
    }
  }
}

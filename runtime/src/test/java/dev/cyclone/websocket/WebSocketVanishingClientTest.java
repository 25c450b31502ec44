package dev.cyclone.websocket;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.testsupport.LeakWatch;
import dev.cyclone.web.Application;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that go away without a close frame: right after the handshake, inside a fragmented
 * message, inside a frame, inside a compressed message, with a reset, or while {@code onMessage}'s
 * future is pending. Each time {@code onClose} runs once, after the pending future was cancelled;
 * after many of them no Netty buffer has leaked (PARANOID detection), no handler or future is
 * retained, and the server still serves a new client.
 */
class WebSocketVanishingClientTest extends AsyncHTTPTestCase {
  private static final int ROUNDS = 40;

  static final LeakWatch watch = new LeakWatch();
  static final Semaphore started = new Semaphore(0);
  static final Semaphore closed = new Semaphore(0);
  static final AtomicInteger closedTwice = new AtomicInteger();
  static final AtomicInteger cancelled = new AtomicInteger();
  static final AtomicInteger closedBeforeCancel = new AtomicInteger();

  /** Echoes; "wait" returns a future that only the disconnect ends. Offers compression. */
  public static class VanishSocket extends WebSocketHandler {
    private int closes;
    private CompletableFuture<Void> waiting;

    public VanishSocket() {
      watch.watch(this);
    }

    public CompletionStage<Void> onMessage(String message) {
      if (!message.equals("wait")) {
        writeMessage(message);
        return null;
      }
      CompletableFuture<Void> never = new CompletableFuture<>();
      watch.watch(never);
      never.whenComplete((v, t) -> {
        if (never.isCancelled()) {
          cancelled.incrementAndGet();
        }
      });
      waiting = never;
      started.release();
      return never;
    }

    public void onMessage(byte[] message) {
      writeMessage(message);
    }

    @Override
    protected CompressionOptions getCompressionOptions() {
      return CompressionOptions.defaults();
    }

    @Override
    protected void onClose() {
      if (++closes > 1) {
        closedTwice.incrementAndGet();
      }
      if (waiting != null && !waiting.isCancelled()) {
        closedBeforeCancel.incrementAndGet();
      }
      closed.release();
    }
  }

  @Override
  protected Application getApp() {
    return new Application(List.of(url("/ws", VanishSocket.class)));
  }

  @BeforeEach
  void reset() {
    started.drainPermits();
    closed.drainPermits();
    closedTwice.set(0);
    cancelled.set(0);
    closedBeforeCancel.set(0);
  }

  /** After each test: no leaks, nothing retained, and another client is served. */
  @AfterEach
  void nothingLeftBehind() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/ws")) {
      ws.sendText("anyone there?");
      assertEquals("anyone there?", ws.readText());
      ws.sendClose(1000, "");
      ws.readClose(1000);
    }
    assertTrue(closed.tryAcquire(5, TimeUnit.SECONDS));
    assertEquals(0, closedTwice.get(), "onClose ran twice");
    LeakWatch.assertNoBufferLeaks();
    watch.assertCollected();
  }

  @Test
  void rightAfterTheHandshake() throws Exception {
    vanishRepeatedly(ws -> {});
  }

  @Test
  void insideAFragmentedMessage() throws Exception {
    vanishRepeatedly(ws -> ws.sendFrame(false, Frames.TEXT, new byte[200])
        .sendFrame(false, Frames.CONTINUATION, new byte[300]));
  }

  @Test
  void insideAFrame() throws Exception {
    byte[] frame = Frames.frame(true, Frames.BINARY, new byte[5000]);
    vanishRepeatedly(ws -> ws.send(java.util.Arrays.copyOf(frame, 1000)));
  }

  @Test
  void insideACompressedMessage() throws Exception {
    byte[] part = WebSocketCompressionTest.deflate(new byte[20_000]);
    vanishRepeatedly(
        ws -> {
          assertEquals("permessage-deflate", ws.header("Sec-WebSocket-Extensions"));
          ws.send(Frames.frame(false, 4, Frames.BINARY, true, part));
        },
        "Sec-WebSocket-Extensions: permessage-deflate");
  }

  @Test
  void withAReset() throws Exception {
    vanishRepeatedly(ws -> {
      ws.sendFrame(false, Frames.TEXT, new byte[100]).sendFrame(true, Frames.PING, new byte[0]);
      // The pong says the server has read the fragment: on io_uring a reset right behind unread
      // data is not always noticed, on plain HTTP connections too, which is another matter.
      assertEquals(Frames.PONG, ws.read().opcode());
      ws.socket().setSoLinger(true, 0); // close sends RST
    });
  }

  @Test
  void whileOnMessageIsPending() throws Exception {
    vanishRepeatedly(ws -> {
      ws.sendText("wait");
      assertTrue(started.tryAcquire(5, TimeUnit.SECONDS), "onMessage started");
      ws.sendText("queued behind it");
    });
    assertEquals(ROUNDS, cancelled.get(), "each pending future was cancelled");
    assertEquals(0, closedBeforeCancel.get(), "onClose came after the cancellation");
  }

  interface Step {
    void run(RawWebSocket ws) throws Exception;
  }

  /** Opens, runs {@code step}, and closes the socket without a close frame, ROUNDS times. */
  private void vanishRepeatedly(Step step, String... headers) throws Exception {
    for (int i = 0; i < ROUNDS; i++) {
      RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/ws", headers);
      step.run(ws);
      ws.close();
    }
    assertTrue(closed.tryAcquire(ROUNDS, 5, TimeUnit.SECONDS),
        "onClose for each of " + ROUNDS + " clients, got " + closed.availablePermits());
  }
}

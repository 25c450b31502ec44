package dev.cyclone.websocket;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.testing.ExpectLog;
import dev.cyclone.testsupport.LeakWatch;
import dev.cyclone.web.AppSettings;
import dev.cyclone.web.Application;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code websocketMaxWriteBufferSize}: a client that stops reading while the server keeps sending
 * (a stuck member of a busy room) is dropped once its unsent messages pass the limit, instead of
 * the server holding them all; a client that reads gets everything, however much that is.
 */
class WebSocketWriteBufferTest extends AsyncHTTPTestCase {
  private static final int LIMIT = 1024 * 1024;
  private static final int MESSAGE = 64 * 1024;
  /** More than the limit and the loopback socket's buffers together. */
  private static final int MESSAGES = 400;

  static final Semaphore closed = new Semaphore(0);
  static final AtomicReference<CompletableFuture<Void>> lastWrite = new AtomicReference<>();
  static final AtomicReference<Integer> writesBeforeFailure = new AtomicReference<>();

  /**
   * On "flood", sends MESSAGES messages at once, without waiting for any; on "paced", sends each
   * once the one before is written, as a handler that respects backpressure does.
   */
  public static class FloodSocket extends WebSocketHandler {
    private static final String PAYLOAD = "x".repeat(MESSAGE);

    public CompletionStage<Void> onMessage(String message) {
      if (message.equals("paced")) {
        return paced(0);
      }
      if (message.equals("one big")) {
        lastWrite.set(writeMessage("y".repeat(2 * LIMIT)));
        return null;
      }
      for (int i = 0; i < MESSAGES; i++) {
        CompletableFuture<Void> written = writeMessage(PAYLOAD);
        lastWrite.set(written);
        if (written.isCompletedExceptionally()) {
          writesBeforeFailure.set(i);
          break;
        }
      }
      return null;
    }

    private CompletableFuture<Void> paced(int i) {
      if (i == MESSAGES) {
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> written = writeMessage(PAYLOAD);
      lastWrite.set(written);
      return written.thenCompose(v -> paced(i + 1));
    }

    @Override
    protected void onClose() {
      closed.release();
    }
  }

  @Override
  protected Application getApp() {
    return new Application(
        List.of(url("/flood", FloodSocket.class)),
        AppSettings.builder().websocketMaxWriteBufferSize(LIMIT).build());
  }

  @BeforeEach
  void reset() {
    closed.drainPermits();
    lastWrite.set(null);
    writesBeforeFailure.set(null);
  }

  @Test
  void aClientThatDoesNotReadIsDroppedPastTheLimit() throws Exception {
    try (ExpectLog full = ExpectLog.of("dev.cyclone.websocket", "[WebSocketWriteBufferFull]");
        RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/flood")) {
      ws.sendText("flood"); // and never read
      assertTrue(closed.tryAcquire(10, TimeUnit.SECONDS), "onClose ran: the connection was dropped");
      Integer sent = writesBeforeFailure.get();
      assertTrue(sent != null && sent < MESSAGES, "the writes stopped at the limit: " + sent);
      ExecutionException failure =
          assertThrows(ExecutionException.class, () -> lastWrite.get().get(5, TimeUnit.SECONDS));
      assertTrue(failure.getCause() instanceof WebSocketClosedError, failure.toString());
      assertTrue(failure.getCause().getMessage().contains("[WebSocketWriteBufferFull]"), failure.getCause().getMessage());
      // what the kernel already held still arrives, then the end of the stream
      InputStream in = ws.socket().getInputStream();
      ws.socket().setSoTimeout(5000);
      long received = 0;
      for (int n; (n = in.read(new byte[65536])) > 0; ) {
        received += n;
      }
      assertTrue(received < (long) MESSAGE * MESSAGES, "not everything was kept for it: " + received);
    }
    LeakWatch.assertNoBufferLeaks();
  }

  @Test
  void aHandlerThatWaitsForItsWritesSendsAReadingClientFarMoreThanTheLimit() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/flood")) {
      ws.sendText("paced");
      for (int i = 0; i < MESSAGES; i++) {
        assertEquals(MESSAGE, ws.readText().length(), "message " + i);
      }
    }
    assertTrue(closed.tryAcquire(5, TimeUnit.SECONDS));
    assertFalse(lastWrite.get().isCompletedExceptionally());
  }

  @Test
  void oneMessageLargerThanTheLimitGoesToAClientThatKeepsUp() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/flood")) {
      ws.sendText("one big");
      assertEquals(2 * LIMIT, ws.readText().length());
      ws.sendText("one big");
      assertEquals(2 * LIMIT, ws.readText().length());
    }
    assertTrue(closed.tryAcquire(5, TimeUnit.SECONDS));
    assertFalse(lastWrite.get().isCompletedExceptionally());
  }

  @Test
  void theLimitIsCheckedWhenSet() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AppSettings.builder().websocketMaxWriteBufferSize(-1));
    assertTrue(e.getMessage().startsWith("[WebSocketMaxWriteBufferSize]"), e.getMessage());
    assertEquals(16L * 1024 * 1024, AppSettings.defaults().websocketMaxWriteBufferSize());
    assertEquals(0, AppSettings.builder().websocketMaxWriteBufferSize(0).build().websocketMaxWriteBufferSize());
  }
}

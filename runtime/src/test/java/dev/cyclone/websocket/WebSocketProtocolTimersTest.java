package dev.cyclone.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The protocol's timers on an {@link EmbeddedChannel} with frozen time, so that seconds pass in
 * no time: the close handshake's timeout and the ping timeout, also while a message is pending.
 */
class WebSocketProtocolTimersTest {
  private final Recorder events = new Recorder();
  private EmbeddedChannel channel;

  @AfterEach
  void finish() {
    channel.finishAndReleaseAll();
  }

  private WebSocketProtocol start(Duration pingInterval) {
    channel = new EmbeddedChannel();
    channel.freezeTime();
    WebSocketProtocol protocol =
        new WebSocketProtocol(events, false, false, 1024, 0, pingInterval, Duration.ZERO);
    channel.pipeline().addLast(protocol);
    protocol.start(() -> null);
    return protocol;
  }

  private void advance(long millis) {
    channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    channel.runPendingTasks();
  }

  @Test
  void anUnansweredCloseEndsTheConnectionAfterTheCloseTimeout() {
    WebSocketProtocol protocol = start(Duration.ZERO);
    protocol.close(4000, "bye");
    CloseWebSocketFrame close = channel.readOutbound();
    assertEquals(4000, close.statusCode());
    close.release();
    advance(WebSocketProtocol.CLOSE_TIMEOUT.toMillis() - 1);
    assertTrue(channel.isOpen(), "still waiting for the client's close");
    advance(1);
    assertFalse(channel.isOpen(), "closed at the timeout");
    assertEquals(List.of("close"), events.calls);
  }

  @Test
  void anUnansweredPingClosesWith1001AfterIntervalPlusTimeout() {
    start(Duration.ofMillis(100));
    advance(100);
    release(assertInstanceOf(PingWebSocketFrame.class, channel.readOutbound()));
    advance(99);
    assertTrue(channel.isOpen());
    advance(1);
    CloseWebSocketFrame close = channel.readOutbound();
    assertEquals(1001, close.statusCode());
    close.release();
    assertFalse(channel.isOpen());
    assertEquals(List.of("close"), events.calls);
  }

  @Test
  void aPongInTimeKeepsTheSocketOpen() {
    start(Duration.ofMillis(100));
    for (int i = 0; i < 5; i++) {
      advance(100);
      release(assertInstanceOf(PingWebSocketFrame.class, channel.readOutbound()));
      channel.writeInbound(new PongWebSocketFrame());
    }
    assertTrue(channel.isOpen());
    assertEquals(List.of("pong", "pong", "pong", "pong", "pong"), events.calls);
  }

  @Test
  void thePingTimeoutWaitsWhileReadingIsPausedForAMessage() {
    start(Duration.ofMillis(100));
    channel.writeInbound(new TextWebSocketFrame("slow"));
    assertFalse(channel.config().isAutoRead(), "reading paused while onText is pending");
    advance(100);
    release(assertInstanceOf(PingWebSocketFrame.class, channel.readOutbound()));
    advance(1000); // ten timeouts: the pong may be waiting unread
    assertTrue(channel.isOpen());
    assertNull(channel.readOutbound(), "no close frame");
    events.pending.complete(null);
    channel.runPendingTasks();
    assertTrue(channel.config().isAutoRead(), "reading again");
    channel.writeInbound(new PongWebSocketFrame()); // what reading finds
    advance(1000);
    assertTrue(channel.isOpen());
  }

  private static void release(WebSocketFrame frame) {
    frame.release();
  }

  /** Records the endpoint's calls; "slow" returns {@link #pending}. */
  static final class Recorder implements WebSocketProtocol.Events {
    final List<String> calls = new ArrayList<>();
    final CompletableFuture<Void> pending = new CompletableFuture<>();

    @Override
    public boolean acceptsText() {
      return true;
    }

    @Override
    public boolean acceptsBinary() {
      return true;
    }

    @Override
    public CompletionStage<?> onText(String message) {
      calls.add("text " + message);
      return message.equals("slow") ? pending : null;
    }

    @Override
    public CompletionStage<?> onBinary(byte[] message) {
      calls.add("binary " + message.length);
      return null;
    }

    @Override
    public void onPing(byte[] data) {
      calls.add("ping " + new String(data, StandardCharsets.UTF_8));
    }

    @Override
    public void onPong(byte[] data) {
      calls.add("pong");
    }

    @Override
    public void onClose() {
      calls.add("close");
    }

    @Override
    public String describe() {
      return "embedded";
    }
  }
}

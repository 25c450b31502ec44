package dev.cyclone.tests.websocket;

import static dev.cyclone.concurrent.Coroutines.await;
import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.annotations.Asynchronous;
import dev.cyclone.annotations.Coroutine;
import dev.cyclone.gen.Gen;
import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.Application;
import dev.cyclone.websocket.WebSocketClient;
import dev.cyclone.websocket.WebSocketClientConnection;
import dev.cyclone.websocket.WebSocketDispatcher;
import dev.cyclone.websocket.WebSocketHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * WebSocket handlers written the three ways, compiled with the processor as an application is: the
 * generated dispatcher converts open's path arguments, calls plain, {@code @Coroutine} and
 * {@code @Asynchronous} socket methods, and hands the next message over only when the previous
 * one is done. Real server, Cyclone's own client.
 */
class GeneratedWebSocketDispatchTest extends AsyncHTTPTestCase {
  enum Kind {
    RED,
    BLUE
  }

  /** Typed path arguments and a coroutine per message that sleeps for as long as the message says. */
  public static class SlowEcho extends WebSocketHandler {
    static final AtomicInteger inside = new AtomicInteger();
    static final AtomicInteger mostInside = new AtomicInteger();

    public void open(int id, Kind kind) {
      writeMessage("open " + (id + 1) + " " + kind);
    }

    @Coroutine
    public CompletableFuture<Void> onMessage(String message) {
      mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
      try {
        await(Gen.sleep(Duration.ofMillis(Long.parseLong(message))));
        await(writeMessage("slept " + message));
      } finally {
        inside.decrementAndGet();
      }
      return CompletableFuture.completedFuture(null);
    }

    @Asynchronous
    public void onMessage(byte[] data) {
      IOLoop.current().callLater(Duration.ofMillis(20), () -> {
        writeMessage("bytes " + data.length);
        done();
      });
    }
  }

  /** A coroutine open: messages that arrive meanwhile wait for it. */
  public static class SlowOpen extends WebSocketHandler {
    final List<String> seen = new ArrayList<>();

    @Coroutine
    public CompletableFuture<Void> open() {
      await(Gen.sleep(Duration.ofMillis(150)));
      seen.add("opened");
      return CompletableFuture.completedFuture(null);
    }

    public void onMessage(String message) {
      seen.add(message);
      writeMessage(String.join(",", seen));
    }
  }

  /** A coroutine that would sleep for an hour: the socket's end cancels it and its finally runs. */
  public static class Sleeper extends WebSocketHandler {
    static final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Coroutine
    public CompletableFuture<Void> onMessage(String message) {
      events.add("sleeping");
      writeMessage("sleeping");
      try {
        await(Gen.sleep(Duration.ofHours(1)));
        events.add("woke");
      } finally {
        events.add("finally");
      }
      return CompletableFuture.completedFuture(null);
    }

    @Override
    protected void onClose() {
      events.add("onClose");
    }
  }

  @Override
  protected Application getApp() {
    SlowEcho.inside.set(0);
    SlowEcho.mostInside.set(0);
    return new Application(List.of(
        url("/echo/([0-9]+)/(RED|BLUE)", SlowEcho.class),
        url("/slow-open", SlowOpen.class),
        url("/sleeper", Sleeper.class)));
  }

  private String ws(String path) {
    return getUrl(path).replaceFirst("^http", "ws");
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  @Test
  void theGeneratedDispatcherServesTheSocket() throws Exception {
    Class<?> dispatcher = Class.forName(getClass().getPackageName() + ".GeneratedWebSocketDispatchTest_SlowEcho_Dispatcher");
    assertTrue(WebSocketDispatcher.class.isAssignableFrom(dispatcher), "no reflection: " + dispatcher);
  }

  @Test
  void openGetsConvertedPathArguments() throws Exception {
    WebSocketClientConnection ws = get(WebSocketClient.connect(ws("/echo/41/BLUE")));
    assertEquals("open 42 BLUE", get(ws.readMessage()).text());
    ws.close();
  }

  @Test
  void coroutineMessagesAreHandledOneAtATimeInOrder() throws Exception {
    WebSocketClientConnection ws = get(WebSocketClient.connect(ws("/echo/1/RED")));
    get(ws.readMessage()); // open
    for (String ms : List.of("60", "5", "30", "0")) {
      ws.writeMessage(ms);
    }
    for (String ms : List.of("60", "5", "30", "0")) {
      assertEquals("slept " + ms, get(ws.readMessage()).text());
    }
    assertEquals(1, SlowEcho.mostInside.get(), "never two onMessage coroutines at once");
    ws.close();
  }

  @Test
  void anAsynchronousBinaryHandlerHoldsTheNextMessageUntilDone() throws Exception {
    WebSocketClientConnection ws = get(WebSocketClient.connect(ws("/echo/1/RED")));
    get(ws.readMessage());
    ws.writeMessage(new byte[3]);
    ws.writeMessage("0");
    assertEquals("bytes 3", get(ws.readMessage()).text(), "the text waits for the binary's done()");
    assertEquals("slept 0", get(ws.readMessage()).text());
    ws.close();
  }

  @Test
  void messagesWaitForACoroutineOpen() throws Exception {
    WebSocketClientConnection ws = get(WebSocketClient.connect(ws("/slow-open")));
    ws.writeMessage("first");
    ws.writeMessage("second");
    assertEquals("opened,first", get(ws.readMessage()).text());
    assertEquals("opened,first,second", get(ws.readMessage()).text());
    ws.close();
  }

  @Test
  void aKindOfMessageWithoutOnMessageClosesWith1003() throws Exception {
    WebSocketClientConnection ws = get(WebSocketClient.connect(ws("/slow-open")));
    ws.writeMessage(new byte[] {1});
    assertNull(get(ws.readMessage()));
    get(ws.closeFuture());
    assertEquals(1003, ws.closeCode());
  }

  @Test
  void theSocketsEndCancelsAPendingCoroutineWhoseFinallyRunsBeforeOnClose() throws Exception {
    Sleeper.events.clear();
    WebSocketClientConnection ws = get(WebSocketClient.connect(ws("/sleeper")));
    ws.writeMessage("nap");
    assertEquals("sleeping", get(ws.readMessage()).text());
    ws.close();
    get(ws.closeFuture());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Sleeper.events.contains("onClose") && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(List.of("sleeping", "finally", "onClose"), Sleeper.events);
  }
}

package dev.cyclone.websocket;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.httpclient.AsyncHTTPClient;
import dev.cyclone.httpclient.HTTPClientError;
import dev.cyclone.httpclient.HTTPConnectionError;
import dev.cyclone.httpclient.HTTPRequest;
import dev.cyclone.httpclient.HTTPTimeoutError;
import dev.cyclone.web.Application;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link WebSocketClient} against Cyclone's own server: what the client adds to the protocol. */
class WebSocketClientTest extends WebSocketTestCase {
  /** What the handlers saw, for the test thread. */
  static final BlockingQueue<String> events = new LinkedBlockingQueue<>();

  public static class Echo extends WebSocketHandler {
    public void onMessage(String message) {
      if (message.startsWith("big ")) {
        writeMessage("x".repeat(Integer.parseInt(message.substring(4))));
      } else if (message.startsWith("close ")) {
        close(4000, message.substring(6));
      } else {
        writeMessage(message);
      }
    }

    public void onMessage(byte[] message) {
      writeMessage(message);
    }

    @Override
    protected void onPing(byte[] data) {
      writeMessage("ping " + new String(data, StandardCharsets.UTF_8));
    }

    @Override
    protected void onClose() {
      events.add("closed " + closeCode() + " " + closeReason());
    }

    @Override
    protected String selectSubprotocol(List<String> subprotocols) {
      return subprotocols.contains("v1.echo") ? "v1.echo" : null;
    }

    @Override
    protected CompressionOptions getCompressionOptions() {
      return CompressionOptions.defaults();
    }
  }

  @Override
  protected Application getApp() {
    events.clear();
    return new Application(List.of(url("/echo", Echo.class)));
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  private static Throwable failure(Future<?> f) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
    return e.getCause();
  }

  @Test
  void echoesTextAndBinaryWithCompressionAndASubprotocol() throws Exception {
    WebSocketClientConnection c = await(WebSocketClient.connect(HTTPRequest.of(ws("/echo")),
        WebSocketClientOptions.builder().compression(CompressionOptions.defaults())
            .subprotocols(List.of("v0.echo", "v1.echo")).build()));
    assertEquals("v1.echo", c.selectedSubprotocol());
    await(c.writeMessage("ÿ café ☕"));
    assertEquals("ÿ café ☕", await(c.readMessage()).text());
    await(c.writeMessage(new byte[] {9, 8, 7}));
    WebSocketMessage binary = await(c.readMessage());
    assertTrue(!binary.isText() && binary.data().length == 3 && binary.data()[0] == 9);
    c.close(1001, "going away");
    assertNull(await(c.readMessage()));
    await(c.closeFuture());
    assertEquals("closed 1001 going away", events.poll(10, TimeUnit.SECONDS));
    assertEquals(1001, c.closeCode(), "the server echoes the client's code");
  }

  @Test
  void aServerCloseReachesTheReaderAsNullWithItsCodeAndReason() throws Exception {
    WebSocketClientConnection c = await(WebSocketClient.connect(ws("/echo")));
    CompletableFuture<WebSocketMessage> waiting = c.readMessage();
    await(c.writeMessage("close that is all"));
    assertNull(await(waiting));
    await(c.closeFuture());
    assertEquals(4000, c.closeCode());
    assertEquals("that is all", c.closeReason());
    assertInstanceOf(WebSocketClosedError.class, failure(c.writeMessage("too late")));
  }

  @Test
  void theOnMessageCallbackTakesEveryMessageThenNull() throws Exception {
    BlockingQueue<String> got = new LinkedBlockingQueue<>();
    WebSocketClientConnection c = await(WebSocketClient.connect(HTTPRequest.of(ws("/echo")),
        WebSocketClientOptions.builder()
            .onMessage(m -> got.add(m == null ? "(closed)" : m.text())).build()));
    c.writeMessage("one");
    c.writeMessage("two");
    assertEquals("one", got.poll(10, TimeUnit.SECONDS));
    assertEquals("two", got.poll(10, TimeUnit.SECONDS));
    IllegalStateException misuse = assertThrows(IllegalStateException.class, c::readMessage);
    assertTrue(misuse.getMessage().startsWith("[WebSocketReadWithCallback]"));
    c.close();
    assertEquals("(closed)", got.poll(10, TimeUnit.SECONDS));
  }

  @Test
  void aClientPingReachesOnPing() throws Exception {
    WebSocketClientConnection c = await(WebSocketClient.connect(ws("/echo")));
    await(c.ping("are you there".getBytes(StandardCharsets.UTF_8)));
    assertEquals("ping are you there", await(c.readMessage()).text());
    c.close();
  }

  @Test
  void aMessageOverTheClientsLimitClosesWith1009() throws Exception {
    WebSocketClientConnection c = await(WebSocketClient.connect(HTTPRequest.of(ws("/echo")),
        WebSocketClientOptions.builder().maxMessageSize(1024).build()));
    await(c.writeMessage("big 1024"));
    assertEquals(1024, await(c.readMessage()).text().length());
    await(c.writeMessage("big 1025"));
    assertNull(await(c.readMessage()));
    String closed = events.poll(10, TimeUnit.SECONDS);
    assertTrue(closed.startsWith("closed 1009 "), "the server sees the client's 1009: " + closed);
  }

  @Test
  void anUpgradeTheServerRefusesFailsWithItsStatus() throws Exception {
    HTTPClientError notFound = assertInstanceOf(HTTPClientError.class,
        failure(WebSocketClient.connect(ws("/nowhere"))));
    assertEquals(404, notFound.code());
    HTTPClientError foreign = assertInstanceOf(HTTPClientError.class,
        failure(WebSocketClient.connect(
            HTTPRequest.builder(ws("/echo")).header("Origin", "http://elsewhere.example").build())));
    assertEquals(403, foreign.code());
  }

  @Test
  void aRefusedConnectionFailsWithAConnectionError() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    assertInstanceOf(HTTPConnectionError.class,
        failure(WebSocketClient.connect("ws://127.0.0.1:" + closedPort + "/")));
  }

  @Test
  void aServerThatNeverAnswersTheUpgradeTimesOut() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<WebSocketClientConnection> f = WebSocketClient.connect(
          HTTPRequest.builder("ws://127.0.0.1:" + silent.getLocalPort() + "/")
              .requestTimeout(Duration.ofMillis(300)).build());
      try (Socket accepted = silent.accept()) {
        assertInstanceOf(HTTPTimeoutError.class, failure(f));
      }
    }
  }

  @Test
  void urlsAreCheckedWhereTheyAreGiven() {
    IllegalArgumentException scheme = assertThrows(IllegalArgumentException.class,
        () -> WebSocketClient.connect("http://127.0.0.1:1/".replace("http", "ftp")));
    assertTrue(scheme.getMessage().startsWith("[RequestUrl]"), scheme.getMessage());
    try (AsyncHTTPClient http = new AsyncHTTPClient()) {
      IllegalArgumentException fetch = assertThrows(IllegalArgumentException.class,
          () -> http.fetch(ws("/echo")));
      assertTrue(fetch.getMessage().contains("WebSocketClient.connect"), fetch.getMessage());
    }
  }
}

package dev.cyclone.websocket;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.httpserver.HTTPServerOptions;
import dev.cyclone.web.Application;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The socket on the HTTP connection it took over ({@code detach}): the HTTP server's idle and
 * header timeouts no longer apply, bytes that came in right behind the upgrade request are
 * frames, and stopping the server ends open sockets with {@code onClose}.
 */
class WebSocketConnectionTest extends WebSocketTestCase {
  static final Duration HTTP_TIMEOUT = Duration.ofMillis(150);

  static final BlockingQueue<String> closes = new LinkedBlockingQueue<>();

  public static class EchoSocket extends WebSocketHandler {
    public void onMessage(String message) {
      writeMessage(message);
    }

    @Override
    protected void onClose() {
      closes.add(closeCode() + " " + closeReason());
    }
  }


  @Override
  protected Application getApp() {
    return new Application(List.of(url("/echo", EchoSocket.class)));
  }

  @Override
  protected HTTPServerOptions getHTTPServerOptions() {
    return HTTPServerOptions.builder()
        .threads(2)
        .idleConnectionTimeout(HTTP_TIMEOUT)
        .headerTimeout(HTTP_TIMEOUT)
        .build();
  }

  @BeforeEach
  void reset() {
    closes.clear();
  }

  @Test
  void httpTimeoutsNoLongerApplyOnceUpgraded() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/echo")) {
      // a partial frame would trip the header timeout, an idle socket the idle timeout
      byte[] frame = Frames.frame(true, Frames.TEXT, Frames.utf8("slowly"));
      ws.send(java.util.Arrays.copyOf(frame, 3));
      assertFalse(ws.closedByServerWithin((int) HTTP_TIMEOUT.toMillis() * 3), "still open");
      ws.send(java.util.Arrays.copyOfRange(frame, 3, frame.length));
      assertEquals("slowly", ws.readText());
    }
  }

  @Test
  void framesRightBehindTheUpgradeRequestAreRead() throws Exception {
    String key = Handshake.newKey();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(("GET /echo HTTP/1.1\r\nHost: 127.0.0.1:" + getHttpPort() + "\r\n"
        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    // long enough that its masked bytes contain line ends, which an HTTP parser would act on
    String eager = "eager\r\n".repeat(300);
    bytes.writeBytes(Frames.frame(true, Frames.TEXT, Frames.utf8(eager)));
    try (Socket s = new Socket("127.0.0.1", getHttpPort())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(bytes.toByteArray()); // one write: one segment on loopback
      InputStream in = new java.io.BufferedInputStream(s.getInputStream());
      String head = readHead(in);
      assertTrue(head.startsWith("HTTP/1.1 101 "), head);
      Frames.Frame echo = Frames.read(in);
      assertEquals(eager, echo.text());
    }
  }

  @Test
  void stoppingTheServerEndsOpenSocketsWithOnClose() throws Exception {
    RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/echo");
    ws.sendText("here");
    assertEquals("here", ws.readText());
    httpServer().stop();
    Frames.Frame last = ws.readOrNull();
    assertTrue(last == null || last.opcode() == Frames.CLOSE, () -> "unexpected " + last);
    ws.close();
    assertNotNull(closes.poll(5, TimeUnit.SECONDS), "onClose ran");
  }

  @Test
  void aGracefulStopClosesOpenSocketsWith1001WithoutWaitingOutTheDeadline() throws Exception {
    RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/echo");
    ws.sendText("here");
    assertEquals("here", ws.readText());
    long start = System.nanoTime();
    Thread stopper = new Thread(() -> httpServer().stop(Duration.ofSeconds(4)));
    stopper.start();
    Frames.Frame close = ws.readClose(1001);
    ws.sendClose(1001, "");
    assertTrue(ws.closedByServerWithin(2000), "the server ended the connection");
    ws.close();
    stopper.join(10_000);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(millis < 2000, "stop returned after " + millis + " ms; close reason: "
        + close.closeReason());
    assertEquals("1001 ", closes.poll(5, TimeUnit.SECONDS));
  }

  private static String readHead(InputStream in) throws Exception {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }
}

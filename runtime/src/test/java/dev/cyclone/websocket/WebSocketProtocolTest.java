package dev.cyclone.websocket;

import static dev.cyclone.web.URLSpec.url;
import static dev.cyclone.websocket.Frames.BINARY;
import static dev.cyclone.websocket.Frames.CLOSE;
import static dev.cyclone.websocket.Frames.CONTINUATION;
import static dev.cyclone.websocket.Frames.PING;
import static dev.cyclone.websocket.Frames.PONG;
import static dev.cyclone.websocket.Frames.TEXT;
import static dev.cyclone.websocket.Frames.frame;
import static dev.cyclone.websocket.Frames.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.testsupport.LogCapture;
import dev.cyclone.web.AppSettings;
import dev.cyclone.web.Application;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 6455 on the wire, with hand-built frames: reassembly of fragments (with control frames
 * between them), the close codes for each kind of bad input (1002, 1003, 1007, 1009, 1011), and
 * the closing handshake started by either side. Each case checks the bytes the server sends, that
 * it ends the TCP connection, and that {@code onClose} ran once with what the client sent.
 */
class WebSocketProtocolTest extends WebSocketTestCase {
  static final int MAX = 1024;

  /** "code reason" of each onClose, in order. */
  static final BlockingQueue<String> closes = new LinkedBlockingQueue<>();
  static final AtomicInteger closedTwice = new AtomicInteger();

  /** Echoes both kinds; "close" makes it close with 4000 "bye"; records its onClose. */
  public static class EchoSocket extends WebSocketHandler {
    private int closeCalls;

    public void onMessage(String message) {
      if (message.equals("close")) {
        close(4000, "bye");
      } else {
        writeMessage(message);
      }
    }

    public void onMessage(byte[] message) {
      writeMessage(message);
    }

    @Override
    protected void onClose() {
      if (++closeCalls > 1) {
        closedTwice.incrementAndGet();
      }
      closes.add(closeCode() + " " + closeReason());
    }
  }

  /** Takes text only. */
  public static class TextOnlySocket extends WebSocketHandler {
    public void onMessage(String message) {
      writeMessage(message);
    }

    @Override
    protected void onClose() {
      closes.add(closeCode() + " " + closeReason());
    }
  }

  /** Fails on every message. */
  public static class FailingSocket extends WebSocketHandler {
    public void onMessage(String message) {
      throw new IllegalStateException("boom: " + message);
    }

    @Override
    protected void onClose() {
      closes.add(closeCode() + " " + closeReason());
    }
  }


  @Override
  protected Application getApp() {
    return new Application(
        List.of(
            url("/echo", EchoSocket.class),
            url("/text-only", TextOnlySocket.class),
            url("/failing", FailingSocket.class)),
        AppSettings.builder().websocketMaxMessageSize(MAX).build());
  }

  @BeforeEach
  void reset() {
    closes.clear();
    closedTwice.set(0);
  }

  @AfterEach
  void onCloseRanOnce() {
    assertEquals(0, closedTwice.get(), "onClose ran twice");
  }

  private RawWebSocket open(String path) throws Exception {
    return RawWebSocket.open(getHttpPort(), path);
  }

  // ---- Fragments ---------------------------------------------------------------------------------

  @Test
  void reassemblesAFragmentedTextMessage() throws Exception {
    try (RawWebSocket ws = open("/echo")) {
      ws.sendFrame(false, TEXT, utf8("Hel"))
          .sendFrame(false, CONTINUATION, utf8("lo, "))
          .sendFrame(true, CONTINUATION, utf8("world"));
      assertEquals("Hello, world", ws.readText());
    }
  }

  @Test
  void reassemblesAFragmentedBinaryMessage() throws Exception {
    try (RawWebSocket ws = open("/echo")) {
      ws.sendFrame(false, BINARY, new byte[] {1, 2})
          .sendFrame(false, CONTINUATION, new byte[0])
          .sendFrame(true, CONTINUATION, new byte[] {3, 0, (byte) 0xFF});
      Frames.Frame f = ws.read();
      assertEquals(BINARY, f.opcode());
      assertTrue(f.fin());
      assertArrayEquals(new byte[] {1, 2, 3, 0, (byte) 0xFF}, f.payload());
    }
  }

  @Test
  void answersAPingBetweenFragmentsAndStillDeliversTheWholeMessage() throws Exception {
    try (RawWebSocket ws = open("/echo")) {
      ws.sendFrame(false, TEXT, utf8("one "))
          .sendFrame(true, PING, utf8("are you there"))
          .sendFrame(true, CONTINUATION, utf8("message"));
      Frames.Frame pong = ws.read();
      assertEquals(PONG, pong.opcode());
      assertEquals("are you there", pong.text());
      assertEquals("one message", ws.readText());
    }
  }

  @Test
  void aCharacterSplitAcrossFragmentsIsValid() throws Exception {
    byte[] euro = utf8("\u20ac"); // E2 82 AC
    try (RawWebSocket ws = open("/echo")) {
      ws.sendFrame(false, TEXT, new byte[] {'a', euro[0]})
          .sendFrame(false, CONTINUATION, new byte[] {euro[1]})
          .sendFrame(true, CONTINUATION, new byte[] {euro[2], 'b'});
      assertEquals("a\u20acb", ws.readText());
    }
  }

  // ---- 1007: text that is not UTF-8 ------------------------------------------------------------

  @Test
  void invalidUtf8Closes1007() throws Exception {
    List<byte[]> invalid =
        List.of(
            new byte[] {'a', (byte) 0xC0, (byte) 0xAF}, // overlong '/'
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a UTF-16 surrogate
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
            new byte[] {'a', (byte) 0x80}, // a continuation byte alone
            new byte[] {'a', (byte) 0xE2, (byte) 0x82}); // cut short at the end
    for (byte[] payload : invalid) {
      try (RawWebSocket ws = open("/echo")) {
        ws.sendFrame(true, TEXT, payload);
        assertClosesAfterHandshake(ws, 1007);
      }
      assertEquals("1000 ", nextClose(), "onClose sees the client's answer");
    }
  }

  @Test
  void invalidUtf8AcrossFragmentsCloses1007() throws Exception {
    try (RawWebSocket ws = open("/echo")) {
      ws.sendFrame(false, TEXT, new byte[] {'a', (byte) 0xE2})
          .sendFrame(true, CONTINUATION, new byte[] {'(', 'b'});
      assertClosesAfterHandshake(ws, 1007);
    }
    nextClose();
  }

  // ---- 1002: protocol violations (Netty's decoder) ------------------------------------------------

  @Test
  void reservedOpcodesClose1002() throws Exception {
    for (int opcode : new int[] {0x3, 0x7, 0xB, 0xF}) {
      assertProtocolError(frame(true, opcode, utf8("x")));
    }
  }

  @Test
  void reservedBitsWithoutAnExtensionClose1002() throws Exception {
    assertProtocolError(frame(true, 4, TEXT, true, utf8("compressed?")));
  }

  @Test
  void anUnmaskedClientFrameCloses1002() throws Exception {
    assertProtocolError(frame(true, 0, TEXT, false, utf8("unmasked")));
  }

  @Test
  void aContinuationWithoutAStartCloses1002() throws Exception {
    assertProtocolError(frame(true, CONTINUATION, utf8("orphan")));
  }

  @Test
  void aNewMessageInsideAFragmentedOneCloses1002() throws Exception {
    assertProtocolError(
        concat(frame(false, TEXT, utf8("first")), frame(true, TEXT, utf8("second"))));
  }

  @Test
  void aFragmentedOrOversizedControlFrameCloses1002() throws Exception {
    assertProtocolError(frame(false, PING, utf8("fragmented ping")));
    assertProtocolError(frame(true, PING, new byte[126]));
  }

  @Test
  void aCloseFrameWithACodeNoEndpointSendsFailsTheConnection() throws Exception {
    // RFC 6455 §7.1.7: "fail the connection". A close frame the decoder cannot even frame (a
    // payload of one byte) is answered with 1002; one with a code that must not be sent counts
    // as the peer's close, so Netty drops TCP without a frame of its own (Autobahn's cases 7.9.*
    // allow both).
    for (byte[] payload :
        List.of(Frames.closePayload(1005, null), Frames.closePayload(999, null), new byte[] {3})) {
      try (RawWebSocket ws = open("/echo")) {
        ws.send(frame(true, CLOSE, payload));
        Frames.Frame answer = ws.readOrNull();
        if (answer != null) {
          assertEquals(1002, answer.closeCode(), () -> "answer to a bad close: " + answer);
          assertTrue(ws.closedByServerWithin(2000), "the server dropped the connection");
        }
      }
      assertNotNull(nextClose(), "onClose ran");
    }
  }

  /** Netty's decoder answers with a 1002 close frame and closes the connection at once. */
  private void assertProtocolError(byte[] bytes) throws Exception {
    try (RawWebSocket ws = open("/echo")) {
      ws.send(bytes);
      ws.readClose(1002);
      assertTrue(ws.closedByServerWithin(2000), "the server closed the connection");
    }
    assertNotNull(nextClose(), "onClose ran");
  }

  // ---- 1009: too big ---------------------------------------------------------------------------

  @Test
  void aMessageOfTheLimitIsDeliveredOneMoreByteCloses1009() throws Exception {
    try (RawWebSocket ws = open("/echo")) {
      ws.sendBinary(new byte[MAX]);
      assertEquals(MAX, ws.read().payload().length);
      ws.sendBinary(new byte[MAX + 1]);
      ws.readClose(1009);
      assertTrue(ws.closedByServerWithin(2000));
    }
    nextClose();
  }

  @Test
  void fragmentsOverTheLimitClose1009() throws Exception {
    try (RawWebSocket ws = open("/echo")) {
      ws.sendFrame(false, BINARY, new byte[MAX / 2])
          .sendFrame(false, CONTINUATION, new byte[MAX / 2])
          .sendFrame(true, CONTINUATION, new byte[1]);
      assertClosesAfterHandshake(ws, 1009);
    }
    nextClose();
  }

  // ---- 1003: a kind the handler does not take ---------------------------------------------------

  @Test
  void binaryToATextOnlyHandlerCloses1003() throws Exception {
    try (RawWebSocket ws = open("/text-only")) {
      ws.sendText("text is fine");
      assertEquals("text is fine", ws.readText());
      ws.sendBinary(new byte[] {1});
      assertClosesAfterHandshake(ws, 1003);
    }
    assertEquals("1000 ", nextClose());
  }

  // ---- 1011: the handler failed ----------------------------------------------------------------

  @Test
  void anExceptionInOnMessageCloses1011AndIsLogged() throws Exception {
    try (LogCapture log = LogCapture.start()) {
      try (RawWebSocket ws = open("/failing")) {
        ws.sendText("first");
        assertClosesAfterHandshake(ws, 1011);
      }
      nextClose();
      assertTrue(log.text().contains("boom: first"), "the exception is logged");
    }
  }

  // ---- The closing handshake ------------------------------------------------------------------

  @Test
  void serverInitiatedCloseWaitsForTheClientsAnswerThenEndsTcp() throws Exception {
    try (RawWebSocket ws = open("/echo")) {
      ws.sendText("close");
      Frames.Frame close = ws.readClose(4000);
      assertEquals("bye", close.closeReason());
      assertTrue(!ws.closedByServerWithin(100), "the server waits for the client's close");
      ws.sendText("dropped while closing");
      ws.sendClose(1000, "ok");
      assertTrue(ws.closedByServerWithin(2000), "then closes the connection");
    }
    assertEquals("1000 ok", nextClose());
  }

  @Test
  void clientInitiatedCloseIsEchoedAndTheServerEndsTcp() throws Exception {
    try (RawWebSocket ws = open("/echo")) {
      ws.sendClose(4001, "going away now");
      ws.readClose(4001);
      assertTrue(ws.closedByServerWithin(2000));
    }
    assertEquals("4001 going away now", nextClose());
  }

  @Test
  void aCloseWithoutACodeIsAnsweredWithout() throws Exception {
    try (RawWebSocket ws = open("/echo")) {
      ws.sendFrame(true, CLOSE, new byte[0]);
      assertEquals(-1, ws.read().closeCode());
      assertTrue(ws.closedByServerWithin(2000));
    }
    assertEquals("null null", nextClose());
  }

  // ---- Helpers -----------------------------------------------------------------------------------

  /**
   * The server sends a close frame with {@code code} and waits; the client answers with 1000 and
   * the server then closes the connection promptly (not at its close timeout).
   */
  private static void assertClosesAfterHandshake(RawWebSocket ws, int code) throws Exception {
    ws.readClose(code);
    ws.sendClose(1000, "");
    assertTrue(ws.closedByServerWithin(2000), "the server closed the connection");
  }

  private static String nextClose() throws InterruptedException {
    String c = closes.poll(5, TimeUnit.SECONDS);
    assertNotNull(c, "onClose ran");
    return c;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}

package dev.cyclone.websocket;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.testsupport.LeakWatch;
import dev.cyclone.web.AppSettings;
import dev.cyclone.web.Application;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * permessage-deflate (RFC 7692) at the byte level, with a client that deflates by hand: the
 * negotiation, compressed frames both ways, and the limits: a message whose decompressed size is
 * over {@code websocketMaxMessageSize} closes with 1009 (a small frame can inflate to anything),
 * data that does not inflate with 1007.
 */
class WebSocketCompressionTest extends AsyncHTTPTestCase {
  static final int MAX = 1024;
  static final String OFFER = "Sec-WebSocket-Extensions: permessage-deflate";

  static final BlockingQueue<String> closes = new LinkedBlockingQueue<>();

  public static class DeflateSocket extends WebSocketHandler {
    public void onMessage(byte[] message) {
      writeMessage(message);
    }

    @Override
    protected CompressionOptions getCompressionOptions() {
      return CompressionOptions.defaults();
    }

    @Override
    protected void onClose() {
      closes.add(closeCode() + " " + closeReason());
    }
  }

  /** Compresses each message on its own. */
  public static class NoContextSocket extends DeflateSocket {
    @Override
    protected CompressionOptions getCompressionOptions() {
      return new CompressionOptions(6, true, 15);
    }
  }

  @Override
  protected Application getApp() {
    return new Application(
        List.of(url("/deflate", DeflateSocket.class), url("/no-context", NoContextSocket.class)),
        AppSettings.builder().websocketMaxMessageSize(MAX).build());
  }

  @BeforeEach
  void reset() {
    closes.clear();
  }

  @AfterEach
  void noLeaks() {
    LeakWatch.assertNoBufferLeaks();
  }

  @Test
  void negotiatesAndCompressesBothWays() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/deflate", OFFER)) {
      assertEquals("permessage-deflate", ws.header("Sec-WebSocket-Extensions"));
      byte[] data = new byte[MAX];
      Arrays.fill(data, (byte) 'z');
      ws.send(Frames.frame(true, 4, Frames.BINARY, true, deflate(data)));
      Frames.Frame echo = ws.read();
      assertEquals(4, echo.rsv(), "the server compressed its answer (RSV1)");
      assertTrue(echo.payload().length < 100, "compressed: " + echo.payload().length + " bytes");
      assertArrayEquals(data, inflate(echo.payload()));
    }
  }

  @Test
  void noContextTakeoverCompressesEachMessageOnItsOwn() throws Exception {
    byte[] data = new byte[600];
    new java.util.Random(7692).nextBytes(data);
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) ('a' + (data[i] & 7)); // compressible, but not to nothing
    }
    // by default the server keeps its window: the same message again is a back-reference
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/deflate", OFFER)) {
      int first = echoCompressed(ws, data);
      int second = echoCompressed(ws, data);
      assertTrue(second < first / 4, first + " then " + second + " bytes");
    }
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/no-context", OFFER)) {
      assertEquals("permessage-deflate; server_no_context_takeover",
          ws.header("Sec-WebSocket-Extensions"));
      int first = echoCompressed(ws, data);
      assertEquals(first, echoCompressed(ws, data), "the same message, compressed the same");
    }
  }

  /** Sends {@code data} compressed; checks the echo inflates on its own; its compressed size. */
  private static int echoCompressed(RawWebSocket ws, byte[] data) throws Exception {
    ws.send(Frames.frame(true, 4, Frames.BINARY, true, deflate(data)));
    Frames.Frame echo = ws.read();
    assertEquals(4, echo.rsv());
    return echo.payload().length;
  }

  @Test
  void noExtensionWhenTheClientDoesNotOffer() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/deflate")) {
      assertNull(ws.header("Sec-WebSocket-Extensions"));
      ws.sendBinary(new byte[] {1, 2, 3});
      Frames.Frame echo = ws.read();
      assertEquals(0, echo.rsv());
      assertArrayEquals(new byte[] {1, 2, 3}, echo.payload());
    }
  }

  @Test
  void aCompressedMessageOfTheLimitPassesOneByteMoreCloses1009() throws Exception {
    Inflater fromServer = new Inflater(true); // the server keeps its context across messages
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/deflate", OFFER)) {
      for (int size : new int[] {MAX - 1, MAX}) {
        ws.send(Frames.frame(true, 4, Frames.BINARY, true, deflate(new byte[size])));
        assertEquals(size, inflate(fromServer, ws.read().payload()).length);
      }
      ws.send(Frames.frame(true, 4, Frames.BINARY, true, deflate(new byte[MAX + 1])));
      assertClosed(ws, 1009);
    }
    assertNotNull(closes.poll(5, TimeUnit.SECONDS), "onClose ran");
  }

  @Test
  void compressedFragmentsOverTheLimitClose1009() throws Exception {
    byte[] half = new byte[MAX / 2 + 1];
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/deflate", OFFER)) {
      byte[] whole = deflate(new byte[2 * half.length]);
      int cut = whole.length / 2;
      ws.send(Frames.frame(false, 4, Frames.BINARY, true, Arrays.copyOfRange(whole, 0, cut)));
      ws.send(Frames.frame(true, 0, Frames.CONTINUATION, true,
          Arrays.copyOfRange(whole, cut, whole.length)));
      assertClosed(ws, 1009);
    }
    assertNotNull(closes.poll(5, TimeUnit.SECONDS), "onClose ran");
  }

  @Test
  void aSmallFrameInflatingPastTheLimitCloses1009() throws Exception {
    byte[] bomb = deflate(new byte[100 * MAX]);
    assertTrue(bomb.length < MAX, "the compressed frame itself is small");
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/deflate", OFFER)) {
      ws.send(Frames.frame(true, 4, Frames.BINARY, true, bomb));
      assertClosed(ws, 1009);
    }
    assertNotNull(closes.poll(5, TimeUnit.SECONDS), "onClose ran");
  }

  @Test
  void dataThatDoesNotInflateCloses1007() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/deflate", OFFER)) {
      ws.send(Frames.frame(true, 4, Frames.BINARY, true, new byte[] {(byte) 0xFF, 0x00, 0x12, 0x34}));
      assertClosed(ws, 1007);
    }
    assertNotNull(closes.poll(5, TimeUnit.SECONDS), "onClose ran");
  }

  /** A close frame with {@code code} comes; after the client's answer, the server ends TCP. */
  private static void assertClosed(RawWebSocket ws, int code) throws Exception {
    Frames.Frame close = ws.readOrNull();
    assertNotNull(close, "a close frame before the connection ends");
    assertEquals(Frames.CLOSE, close.opcode(), () -> "expected a close frame, got " + close);
    assertEquals(code, close.closeCode(), () -> "close code of " + close);
    ws.sendClose(1000, "");
    assertTrue(ws.closedByServerWithin(2000), "the server ended the connection");
  }

  /** Raw DEFLATE, sync-flushed, without the final 00 00 FF FF (RFC 7692 §7.2.1). */
  static byte[] deflate(byte[] data) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    deflater.setInput(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[1024];
    int n;
    while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
      out.write(buffer, 0, n);
    }
    deflater.end();
    byte[] bytes = out.toByteArray();
    return Arrays.copyOf(bytes, bytes.length - 4);
  }

  /** The reverse: appends 00 00 FF FF and inflates, as the first message of a context. */
  static byte[] inflate(byte[] compressed) throws Exception {
    Inflater inflater = new Inflater(true);
    try {
      return inflate(inflater, compressed);
    } finally {
      inflater.end();
    }
  }

  /** Inflates the next message of the context {@code inflater} holds. */
  static byte[] inflate(Inflater inflater, byte[] compressed) throws Exception {
    byte[] input = Arrays.copyOf(compressed, compressed.length + 4);
    input[input.length - 2] = (byte) 0xFF;
    input[input.length - 1] = (byte) 0xFF;
    inflater.setInput(input);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[1024];
    int n;
    while ((n = inflater.inflate(buffer)) > 0) {
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}

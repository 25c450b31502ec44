package dev.cyclone.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A WebSocket client by hand over a plain socket: sends the opening handshake, then frames built
 * by {@link Frames} (masked or not, fragmented, malformed), and reads the server's frames one by
 * one. Every read is bounded by the socket timeout (5 s), so a server that stays silent fails the
 * test instead of hanging it.
 */
final class RawWebSocket implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final int status;
  private final Map<String, String> headers;

  private RawWebSocket(Socket socket, InputStream in, int status, Map<String, String> headers)
      throws IOException {
    this.socket = socket;
    this.in = in;
    this.out = socket.getOutputStream();
    this.status = status;
    this.headers = headers;
  }

  /** Opens {@code path} and checks the answer is a 101 with the right accept value. */
  static RawWebSocket open(int port, String path, String... extraHeaders) throws IOException {
    String key = Handshake.newKey();
    RawWebSocket ws = handshake(port, path, key, extraHeaders);
    assertEquals(101, ws.status, () -> "the upgrade was refused: " + ws.status + " " + ws.headers);
    assertEquals(Handshake.acceptFor(key), ws.header("Sec-WebSocket-Accept"));
    return ws;
  }

  /**
   * Sends a complete upgrade request for {@code path} with {@code key} and {@code extraHeaders}
   * ("Name: value") and reads the head of the answer, whatever its status.
   */
  static RawWebSocket handshake(int port, String path, String key, String... extraHeaders)
      throws IOException {
    return handshake(port, "", 0, path, key, extraHeaders);
  }

  /**
   * Sends {@code before} (whole HTTP requests) and the upgrade request in one write, reads the
   * {@code answers} responses to {@code before} (each with a Content-Length), then the head of the
   * upgrade's answer, whatever its status: an upgrade on a connection that served HTTP first.
   */
  static RawWebSocket handshake(
      int port, String before, int answers, String path, String key, String... extraHeaders)
      throws IOException {
    StringBuilder request =
        new StringBuilder()
            .append("GET ").append(path).append(" HTTP/1.1\r\n")
            .append("Host: 127.0.0.1:").append(port).append("\r\n")
            .append("Upgrade: websocket\r\n")
            .append("Connection: Upgrade\r\n")
            .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
            .append("Sec-WebSocket-Version: 13\r\n");
    for (String h : extraHeaders) {
      request.append(h).append("\r\n");
    }
    request.append("\r\n");
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(5000);
    socket.setTcpNoDelay(true);
    socket.getOutputStream().write((before + request).getBytes(StandardCharsets.ISO_8859_1));
    InputStream in = new BufferedInputStream(socket.getInputStream());
    for (int i = 0; i < answers; i++) {
      String status = line(in);
      Map<String, String> headers = readHeaders(in);
      String length = headers.get("content-length");
      if (length == null) {
        throw new AssertionError("expected a response with a Content-Length, got " + status);
      }
      in.readNBytes(Integer.parseInt(length));
    }
    String statusLine = line(in);
    Map<String, String> headers = readHeaders(in);
    return new RawWebSocket(socket, in, Integer.parseInt(statusLine.split(" ")[1]), headers);
  }

  private static Map<String, String> readHeaders(InputStream in) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.merge(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim(),
          (a, b) -> a + ", " + b);
    }
    return headers;
  }

  int status() {
    return status;
  }

  /** A header of the handshake's answer (names are case-insensitive), or null. */
  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  Socket socket() {
    return socket;
  }

  /** Writes bytes as they are (several frames, or part of one). */
  RawWebSocket send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  RawWebSocket sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
    return send(Frames.frame(fin, opcode, payload));
  }

  RawWebSocket sendText(String text) throws IOException {
    return sendFrame(true, Frames.TEXT, Frames.utf8(text));
  }

  RawWebSocket sendBinary(byte[] data) throws IOException {
    return sendFrame(true, Frames.BINARY, data);
  }

  RawWebSocket sendClose(int code, String reason) throws IOException {
    return sendFrame(true, Frames.CLOSE, Frames.closePayload(code, reason));
  }

  /** Reads the next frame; fails on EOF or when none comes within the socket timeout. */
  Frames.Frame read() throws IOException {
    return Frames.read(in);
  }

  /** Reads the next frame, or returns null when the server closes the connection instead. */
  Frames.Frame readOrNull() throws IOException {
    try {
      return Frames.read(in);
    } catch (EOFException | SocketException closed) {
      return null;
    }
  }

  /** Reads the next frame and checks it is a whole text message. */
  String readText() throws IOException {
    Frames.Frame f = read();
    assertEquals(Frames.TEXT, f.opcode(), () -> "expected a text message, got " + f);
    assertEquals(true, f.fin(), () -> "expected a whole message, got " + f);
    return f.text();
  }

  /** Reads the next frame and checks it is a close frame with {@code code}. */
  Frames.Frame readClose(int code) throws IOException {
    Frames.Frame f = read();
    assertEquals(Frames.CLOSE, f.opcode(), () -> "expected a close frame, got " + f);
    assertEquals(code, f.closeCode(), () -> "close code of " + f);
    return f;
  }

  /**
   * True when the server closes the TCP connection within {@code millis} with nothing more sent;
   * false when it stays open that long. Fails if a byte arrives.
   */
  boolean closedByServerWithin(int millis) throws IOException {
    int old = socket.getSoTimeout();
    socket.setSoTimeout(millis);
    try {
      int b = in.read();
      if (b != -1) {
        throw new AssertionError("expected the server to close, but it sent a byte: " + b);
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException reset) {
      return true;
    } finally {
      socket.setSoTimeout(old);
    }
  }

  /** Closes the socket without a close frame. */
  @Override
  public void close() throws IOException {
    socket.close();
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("the connection closed inside the handshake's answer");
      }
      line.write(b);
    }
    String s = line.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }
}

package dev.cyclone.httpserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A test client that speaks HTTP/1.1 by hand over a socket: for what the JDK client hides
 * (pipelining, HTTP/1.0, 100-continue, raw chunked framing, connection closes).
 */
public final class RawConnection implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  public RawConnection(int port) throws IOException {
    this(new Socket("127.0.0.1", port));
  }

  private RawConnection(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(5000);
    in = new java.io.BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  /** A connection over a socket the test has opened (and may write raw bytes to). */
  public static RawConnection over(Socket socket) throws IOException {
    return new RawConnection(socket);
  }

  /** The socket under this connection, for byte-level writes or an abrupt close. */
  public Socket socket() {
    return socket;
  }

  /** Sends text as is (use \r\n line ends). */
  public RawConnection send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return this;
  }

  /** Reads one response; {@code bodyExpected=false} for a response to HEAD (no body follows). */
  public Response read(boolean bodyExpected) throws IOException {
    String statusLine = line();
    if (statusLine == null) {
      throw new IOException("connection closed before a response");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(); line != null && !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      headers.merge(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim(),
          (a, b) -> a + ", " + b);
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    boolean noBody = !bodyExpected || status < 200 || status == 204 || status == 304;
    String chunks = null;
    if (!noBody) {
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        StringBuilder sizes = new StringBuilder();
        while (true) {
          int size = Integer.parseInt(line().trim(), 16);
          sizes.append(size).append(' ');
          if (size == 0) {
            line(); // the empty line after the last chunk
            break;
          }
          body.write(in.readNBytes(size));
          line();
        }
        chunks = sizes.toString().trim();
      } else if (headers.containsKey("content-length")) {
        body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
      } else {
        body.write(in.readAllBytes());
      }
    }
    return new Response(statusLine, status, headers, body.toString(StandardCharsets.UTF_8), chunks);
  }

  /** Reads one response with a body. */
  public Response read() throws IOException {
    return read(true);
  }

  /** True if the server closed the connection (reads EOF within the socket timeout). */
  public boolean closedByServer() throws IOException {
    try {
      return in.read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  /** True if nothing more arrives within {@code millis} and the connection is still open. */
  public boolean silentFor(int millis) throws IOException {
    int old = socket.getSoTimeout();
    socket.setSoTimeout(millis);
    try {
      int b = in.read();
      if (b != -1) {
        throw new AssertionError("unexpected byte after the response: " + (char) b);
      }
      return false;
    } catch (SocketTimeoutException e) {
      return true;
    } finally {
      socket.setSoTimeout(old);
    }
  }

  public void setTimeout(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** A response as read from the wire; header names lower case; chunk sizes when chunked. */
  public record Response(
      String statusLine, int status, Map<String, String> headers, String body, String chunks) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }
}

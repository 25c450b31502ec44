package dev.cyclone.httpclient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server that plays a script on each connection, byte for byte: for the responses no
 * well-behaved server sends (bodies ended by close, duplicated lengths, connections dropped halfway,
 * servers that never answer). One thread per connection.
 */
final class RawServer implements AutoCloseable {
  /** What the server does with one connection; {@code index} counts connections from 0. */
  @FunctionalInterface
  interface Script {
    void play(Socket socket, int index) throws Exception;
  }

  final AtomicInteger accepted = new AtomicInteger();
  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  RawServer(Script script) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket socket = server.accept();
                  sockets.add(socket);
                  int index = accepted.getAndIncrement();
                  Thread player =
                      new Thread(
                          () -> {
                            try {
                              script.play(socket, index);
                            } catch (Exception e) {
                              // The client hung up, or the test is over.
                            }
                          },
                          "raw-server-conn-" + index);
                  player.setDaemon(true);
                  player.start();
                } catch (IOException e) {
                  return;
                }
              }
            },
            "raw-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getLocalPort() + path;
  }

  /** Reads one request head (through the blank line); null when the client closed first. */
  static String readHead(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while ((b = in.read()) != -1) {
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  /** Writes {@code text} (ISO-8859-1) and flushes. */
  static void write(Socket socket, String text) throws IOException {
    write(socket, text.getBytes(StandardCharsets.ISO_8859_1));
  }

  static void write(Socket socket, byte[] bytes) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(bytes);
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}

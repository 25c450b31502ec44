package dev.cyclone.example;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends the same GET on {@code n} connections at once from one thread, with a selector: a client
 * light enough that the time measured is the server's, not a thousand client threads'.
 */
final class RawBurst {
  private RawBurst() {}

  /** Each connection's whole response (headers and body, {@code Connection: close}), in order. */
  static List<String> get(int port, String path, int n, Duration timeout) throws IOException {
    byte[] request =
        ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    List<ByteArrayOutputStream> responses = new ArrayList<>();
    List<SocketChannel> channels = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Selector selector = Selector.open()) {
      for (int i = 0; i < n; i++) {
        SocketChannel channel = SocketChannel.open();
        channels.add(channel);
        channel.configureBlocking(false);
        channel.connect(new InetSocketAddress("127.0.0.1", port));
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        responses.add(response);
        channel.register(selector, SelectionKey.OP_CONNECT, new Exchange(ByteBuffer.wrap(request), response));
      }
      int open = n;
      ByteBuffer buffer = ByteBuffer.allocate(8192);
      while (open > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IOException(open + " of " + n + " responses did not end within " + timeout);
        }
        selector.select(Math.max(1, left / 1_000_000));
        for (SelectionKey key : selector.selectedKeys()) {
          SocketChannel channel = (SocketChannel) key.channel();
          Exchange exchange = (Exchange) key.attachment();
          if (key.isConnectable() && channel.finishConnect()) {
            key.interestOps(SelectionKey.OP_WRITE);
          } else if (key.isWritable()) {
            channel.write(exchange.request);
            if (!exchange.request.hasRemaining()) {
              key.interestOps(SelectionKey.OP_READ);
            }
          } else if (key.isReadable()) {
            buffer.clear();
            int read = channel.read(buffer);
            if (read < 0) {
              channel.close();
              open--;
            } else {
              exchange.response.write(buffer.array(), 0, read);
            }
          }
        }
        selector.selectedKeys().clear();
      }
    } finally {
      for (SocketChannel channel : channels) {
        channel.close(); // after a timeout or an error, some are still open
      }
    }
    List<String> texts = new ArrayList<>();
    for (ByteArrayOutputStream response : responses) {
      texts.add(response.toString(StandardCharsets.UTF_8));
    }
    return texts;
  }

  private record Exchange(ByteBuffer request, ByteArrayOutputStream response) {}
}

package dev.cyclone.benchmarks;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The held-requests test: opens {@code --n} keep-alive connections to a server on 127.0.0.1, then
 * sends {@code GET /sleep?ms=M} on all of them at once, so that every request is held open by the
 * server at the same time; reads the server's heap after full GCs ({@code GET /heap}, on a
 * connection of its own) with no connection, with every connection open and idle, and with every
 * request held (once the server's {@code GET /active} says it holds all of them); waits for all the answers; then sends a second round on the same connections, whose
 * latencies (undisturbed by the full GCs of {@code /heap}) are the ones reported, and prints one
 * line of {@code key=value} results.
 *
 * <pre>
 *   HeldRequests --port 18080 --n 10000 --ms 2000
 * </pre>
 *
 * <p>Run by {@code benchmarks/held.sh}, which starts the servers.
 */
public final class HeldRequests {
  private HeldRequests() {}

  /** Runs the test; exits 1 if a request failed or the server answered too early. */
  public static void main(String[] args) throws Exception {
    int port = 18080;
    int n = 10_000;
    int ms = 2000;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--n" -> n = Integer.parseInt(args[i + 1]);
        case "--ms" -> ms = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("usage: HeldRequests --port P --n N --ms MS");
      }
    }
    long baseline = heap(port);
    boolean epoll = Epoll.isAvailable();
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    Round round = new Round(n);
    try {
      List<Channel> channels = connect(group, epoll, port, n, round);
      long connected = heap(port);
      DefaultFullHttpRequest request =
          new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/sleep?ms=" + ms);
      request.headers().set(HttpHeaderNames.HOST, "127.0.0.1");

      // Round 1: the heap, read while every request is held.
      long sendMillis = round.send(channels, request);
      // The heap is read once the server holds every request (it answers them after ms).
      long deadline = System.nanoTime() + ms * 1_000_000L;
      while (get(port, "/active") < n && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      long active = get(port, "/active");
      long held = heap(port);
      int answeredBeforeHeap = n - (int) round.done.getCount();
      boolean all1 = round.done.await(ms + 60_000L, TimeUnit.MILLISECONDS);
      int failures1 = round.failures.get();

      // Round 2, on the same connections: the timing, undisturbed by the full GCs of /heap.
      round.reset();
      round.send(channels, request);
      boolean all2 = round.done.await(ms + 60_000L, TimeUnit.MILLISECONDS);
      long wall = (System.nanoTime() - round.start) / 1_000_000;
      request.release();
      for (Channel c : channels) {
        c.close();
      }
      long[] sorted = Arrays.stream(round.latency).filter(l -> l >= 0).sorted().toArray();
      System.out.printf(
          "n=%d ms=%d answered=%d failures=%d heldWhenMeasured=%d sendMillis=%d wallMillis=%d"
              + " latencyMinMs=%d latencyP50Ms=%d latencyP99Ms=%d latencyMaxMs=%d"
              + " heapBaseline=%d heapConnected=%d heapHeld=%d"
              + " bytesPerHeldRequest=%d bytesPerConnectionAndRequest=%d%n",
          n, ms, sorted.length, failures1 + round.failures.get(), n - answeredBeforeHeap,
          sendMillis, wall, pct(sorted, 0), pct(sorted, 50), pct(sorted, 99), pct(sorted, 100),
          baseline, connected, held, (held - connected) / n, (held - baseline) / n);
      if (active < n) {
        System.out.println("(only " + active + " of " + n + " requests were held when the heap was read)");
      }
      if (!all1 || !all2 || failures1 > 0 || round.failures.get() > 0 || answeredBeforeHeap > 0
          || active < n) {
        System.exit(1);
      }
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  /** One request on every connection: when each was sent and answered. */
  static final class Round {
    final long[] sentAt;
    final long[] latency;
    final AtomicInteger failures = new AtomicInteger();
    volatile CountDownLatch done;
    long start;

    Round(int n) {
      sentAt = new long[n];
      latency = new long[n];
      reset();
    }

    void reset() {
      Arrays.fill(latency, -1);
      failures.set(0);
      done = new CountDownLatch(latency.length);
    }

    /** Sends {@code request} on every channel; returns the milliseconds it took. */
    long send(List<Channel> channels, DefaultFullHttpRequest request) {
      start = System.nanoTime();
      for (int i = 0; i < channels.size(); i++) {
        sentAt[i] = System.nanoTime();
        channels.get(i).writeAndFlush(request.retainedDuplicate());
      }
      return (System.nanoTime() - start) / 1_000_000;
    }

    void answered(int index, boolean ok) {
      latency[index] = (System.nanoTime() - sentAt[index]) / 1_000_000;
      if (!ok) {
        failures.incrementAndGet();
      }
      done.countDown();
    }
  }

  private static List<Channel> connect(
      EventLoopGroup group, boolean epoll, int port, int n, Round round) throws InterruptedException {
    List<Channel> channels = new ArrayList<>(n);
    for (int first = 0; first < n; first += 500) {
      List<ChannelFuture> batch = new ArrayList<>();
      for (int i = first; i < Math.min(n, first + 500); i++) {
        int index = i;
        Bootstrap b =
            new Bootstrap()
                .group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(
                    new ChannelInitializer<SocketChannel>() {
                      @Override
                      protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                            .addLast(new HttpClientCodec())
                            .addLast(new HttpObjectAggregator(1 << 16))
                            .addLast(
                                new SimpleChannelInboundHandler<FullHttpResponse>() {
                                  @Override
                                  protected void channelRead0(
                                      ChannelHandlerContext ctx, FullHttpResponse r) {
                                    round.answered(index, r.status().code() == 200);
                                  }

                                  @Override
                                  public void exceptionCaught(ChannelHandlerContext ctx, Throwable t) {
                                    round.failures.incrementAndGet();
                                    ctx.close();
                                  }
                                });
                      }
                    });
        batch.add(b.connect("127.0.0.1", port));
      }
      for (ChannelFuture f : batch) {
        channels.add(f.sync().channel());
      }
    }
    return channels;
  }

  private static long pct(long[] sorted, int p) {
    if (sorted.length == 0) {
      return -1;
    }
    return sorted[Math.min(sorted.length - 1, (int) ((long) sorted.length * p / 100))];
  }

  /** {@code GET /heap} on a connection of its own: the server's heap in use after full GCs. */
  static long heap(int port) throws IOException {
    return get(port, "/heap");
  }

  /** {@code GET path} on a connection of its own; its body is a number. */
  static long get(int port, String path) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.US_ASCII);
      return Long.parseLong(text.substring(text.indexOf("\r\n\r\n") + 4).trim());
    }
  }
}

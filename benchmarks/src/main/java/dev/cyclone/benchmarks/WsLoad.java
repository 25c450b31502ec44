package dev.cyclone.benchmarks;

import dev.cyclone.httpclient.HTTPRequest;
import dev.cyclone.websocket.WebSocketClient;
import dev.cyclone.websocket.WebSocketClientConnection;
import dev.cyclone.websocket.WebSocketClientOptions;
import dev.cyclone.websocket.WebSocketMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The WebSocket comparison's load generator (benchmarks/websocket.sh), the same for every server:
 * Cyclone's own client on one loop, pinned to its own core by the script.
 *
 * <pre>
 *   WsLoad fanout PORT N ROUNDS READY_FILE GO_FILE
 *   WsLoad echo PORT CONNECTIONS IN_FLIGHT WARMUP_S SECONDS
 * </pre>
 *
 * <p>{@code fanout}: N members join {@code /room}; once all have, it writes READY_FILE and waits
 * for GO_FILE (the script reads the server's heap meanwhile); then, ROUNDS times, one member sends
 * a message with its send time, and the round ends when every member has it. It prints the time
 * until the last member had it (p50, p99 over rounds) and the median member's latency.
 *
 * <p>{@code echo}: CONNECTIONS sockets on {@code /echo}, each keeping IN_FLIGHT 32-byte messages
 * in flight; it prints the messages echoed per second over SECONDS after WARMUP_S.
 */
public final class WsLoad {
  private WsLoad() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "fanout" -> fanout(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
          Path.of(args[4]), Path.of(args[5]));
      case "echo" -> echo(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
          Integer.parseInt(args[4]), Integer.parseInt(args[5]));
      default -> throw new IllegalArgumentException("fanout or echo, got " + args[0]);
    }
    System.exit(0);
  }

  private static void fanout(int port, int n, int rounds, Path ready, Path go) throws Exception {
    long[] arrivals = new long[n];
    AtomicLong arrived = new AtomicLong();
    List<Consumer<WebSocketMessage>> members = new ArrayList<>();
    // each member records, on the client's loop, when this round's message reached it
    List<WebSocketClientConnection> sockets = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int me = i;
      members.add(m -> {
        if (m != null) {
          arrivals[me] = System.nanoTime();
          arrived.incrementAndGet();
        }
      });
    }
    for (int start = 0; start < n; start += 500) {
      int end = Math.min(n, start + 500);
      List<CompletableFuture<WebSocketClientConnection>> batch = new ArrayList<>();
      for (int i = start; i < end; i++) {
        batch.add(WebSocketClient.connect(
            HTTPRequest.builder("ws://127.0.0.1:" + port + "/room").requestTimeout(Duration.ofSeconds(60)).build(),
            WebSocketClientOptions.builder().onMessage(members.get(i)).build()));
      }
      for (CompletableFuture<WebSocketClientConnection> f : batch) {
        sockets.add(f.get(60, TimeUnit.SECONDS));
      }
    }
    Thread.sleep(500);
    System.out.println("connected " + sockets.size());
    Files.writeString(ready, "connected " + n);
    while (!Files.exists(go)) {
      Thread.sleep(50);
    }
    double[] last = new double[rounds];
    double[] median = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      arrived.set(0);
      long sent = System.nanoTime();
      sockets.get(r % n).writeMessage("round " + r + " " + sent);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (arrived.get() < n) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("round " + r + ": only " + arrived.get() + " of " + n + " members got it");
        }
        Thread.onSpinWait();
      }
      long[] latencies = new long[n];
      long max = 0;
      for (int i = 0; i < n; i++) {
        latencies[i] = arrivals[i] - sent;
        max = Math.max(max, latencies[i]);
      }
      Arrays.sort(latencies);
      last[r] = max / 1e6;
      median[r] = latencies[n / 2] / 1e6;
      Thread.sleep(200);
    }
    Arrays.sort(last);
    Arrays.sort(median);
    System.out.printf("fanout n=%d rounds=%d last_p50_ms=%.2f last_p99_ms=%.2f member_median_ms=%.2f%n",
        n, rounds, percentile(last, 0.50), percentile(last, 0.99), percentile(median, 0.50));
  }

  private static void echo(int port, int connections, int inFlight, int warmupSeconds, int seconds) throws Exception {
    AtomicLong echoed = new AtomicLong();
    String payload = "x".repeat(32);
    List<WebSocketClientConnection> sockets = new ArrayList<>();
    WebSocketClientConnection[] holder = new WebSocketClientConnection[connections];
    for (int i = 0; i < connections; i++) {
      int me = i;
      sockets.add(WebSocketClient.connect(HTTPRequest.of("ws://127.0.0.1:" + port + "/echo"),
          WebSocketClientOptions.builder().onMessage(m -> {
            if (m != null) {
              echoed.incrementAndGet();
              holder[me].writeMessage(payload); // one back, one out: the window stays full
            }
          }).build()).get(30, TimeUnit.SECONDS));
      holder[i] = sockets.get(i);
    }
    for (WebSocketClientConnection ws : sockets) {
      for (int k = 0; k < inFlight; k++) {
        ws.writeMessage(payload);
      }
    }
    Thread.sleep(warmupSeconds * 1000L);
    long before = echoed.get();
    long start = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    long count = echoed.get() - before;
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf("echo connections=%d in_flight=%d msgs_per_s=%.0f%n", connections, inFlight, count / elapsed);
  }

  private static double percentile(double[] sorted, double p) {
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}

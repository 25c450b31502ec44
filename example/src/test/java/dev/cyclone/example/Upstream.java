package dev.cyclone.example;

import static dev.cyclone.concurrent.Coroutines.await;
import static dev.cyclone.web.URLSpec.url;

import dev.cyclone.annotations.Coroutine;
import dev.cyclone.gen.Gen;
import dev.cyclone.httpserver.HTTPServer;
import dev.cyclone.httpserver.HTTPServerOptions;
import dev.cyclone.locks.Event;
import dev.cyclone.web.Application;
import dev.cyclone.web.RequestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * A second Cyclone application on its own loopback port: the upstream the example's {@code
 * /callback}, {@code /coroutine} and {@code /aggregate} fetch from in tests.
 *
 * <ul>
 *   <li>{@code /image}: {@link #IMAGE} as {@code image/gif}
 *   <li>{@code /status/N}: answers status N
 *   <li>{@code /slow?ms=N}: answers after N ms; counts down {@link #slowClosed} if the client
 *       goes away first
 *   <li>{@code /barrier?n=N}: answers only once N requests wait here at the same time (else a 504
 *       after 3 s), which proves that fetches run concurrently without measuring time
 * </ul>
 */
final class Upstream implements AutoCloseable {
  /** Binary bytes (every byte value) served by {@code /image}. */
  static final byte[] IMAGE = new byte[1000];

  static {
    for (int i = 0; i < IMAGE.length; i++) {
      IMAGE[i] = (byte) i;
    }
  }

  /** Counted down each time a client closes a {@code /slow} request before its answer. */
  final CountDownLatch slowClosed = new CountDownLatch(1);

  private final HTTPServer server;
  private final int port;

  Upstream() {
    Map<String, Object> shared = Map.of("upstream", this, "barrier", new Barrier());
    server =
        new HTTPServer(
            new Application(
                List.of(
                    url("/image", ImageHandler.class),
                    url("/status/([0-9]+)", StatusHandler.class),
                    url("/slow", SlowHandler.class, shared),
                    url("/barrier", BarrierHandler.class, shared))),
            // One loop: the barrier's Event belongs to one loop.
            HTTPServerOptions.builder().threads(1).build());
    port = server.listen(0, "127.0.0.1");
  }

  /** {@code http://127.0.0.1:PORT} + {@code path}. */
  String urlOf(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  @Override
  public void close() {
    server.stop();
  }

  /** An http URL of a loopback port nothing listens on. */
  static String closedPortUrl() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static class SlowHandler extends RequestHandler {
    Upstream upstream;

    @Override
    protected void initialize(Map<String, Object> args) {
      upstream = (Upstream) args.get("upstream");
    }

    @Coroutine
    public CompletableFuture<Void> get() {
      int ms = Integer.parseInt(getArgument("ms"));
      await(Gen.sleep(Duration.ofMillis(ms)));
      write("slow " + ms);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    protected void onConnectionClose() {
      upstream.slowClosed.countDown();
    }
  }

  /** Requests waiting at the barrier; confined to the upstream's one loop. */
  static final class Barrier {
    int arrived;
    Event full;
  }

  public static class BarrierHandler extends RequestHandler {
    Barrier barrier;

    @Override
    protected void initialize(Map<String, Object> args) {
      barrier = (Barrier) args.get("barrier");
    }

    @Coroutine
    public CompletableFuture<Void> get() {
      int n = Integer.parseInt(getArgument("n"));
      if (barrier.full == null) {
        barrier.full = new Event();
      }
      Event full = barrier.full;
      if (++barrier.arrived == n) {
        full.set();
      }
      try {
        await(full.waitFor(Duration.ofSeconds(3)), java.util.concurrent.TimeoutException.class);
        write("all " + n + " arrived");
      } catch (java.util.concurrent.TimeoutException e) {
        setStatus(504);
        write("only " + barrier.arrived + " of " + n + " arrived");
      }
      return CompletableFuture.completedFuture(null);
    }
  }

  /** {@code /image}: {@link #IMAGE} as {@code image/gif}. */
  public static class ImageHandler extends RequestHandler {
    public void get() {
      setHeader("Content-Type", "image/gif");
      write(IMAGE);
    }
  }

  /** {@code /status/N}: answers status N. */
  public static class StatusHandler extends RequestHandler {
    public void get(int code) {
      setStatus(code);
      if (code != 204 && code != 304) {
        write("status " + code);
      }
    }
  }
}

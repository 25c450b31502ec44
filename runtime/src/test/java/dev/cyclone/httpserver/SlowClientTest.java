package dev.cyclone.httpserver;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.Application;
import dev.cyclone.web.RequestHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Clients that are slow on purpose: a header block trickled byte by byte (slowloris), a body that
 * never completes, a connection that idles, and a client that never reads its response. Each is
 * cut off or held back without costing the server unbounded time or memory.
 */
class SlowClientTest extends AsyncHTTPTestCase {
  private static final int HIGH_WATER = 64 * 1024;
  private static final int PIECE = 16 * 1024;
  private static final long FLOOD_BYTES = 32L * 1024 * 1024;

  /** Streams {@link #FLOOD_BYTES} in pieces, each written when the previous flush() completed. */
  public static class FloodHandler extends RequestHandler {
    static final AtomicLong written = new AtomicLong();
    static final CompletableFuture<Void> finished = new CompletableFuture<>();

    public CompletionStage<Void> get() {
      setHeader("Content-Length", FLOOD_BYTES);
      setHeader("Content-Type", "application/octet-stream");
      CompletableFuture<Void> done = new CompletableFuture<>();
      pump(done);
      return done.thenRun(() -> finished.complete(null));
    }

    private void pump(CompletableFuture<Void> done) {
      byte[] piece = new byte[PIECE];
      while (written.get() < FLOOD_BYTES) {
        write(piece);
        written.addAndGet(PIECE);
        CompletableFuture<Void> f = flush();
        if (!f.isDone()) {
          f.whenComplete((v, t) -> {
            if (t != null) {
              done.completeExceptionally(t);
            } else {
              pump(done);
            }
          });
          return;
        }
      }
      done.complete(null);
    }
  }

  @Override
  protected HTTPServerOptions getHTTPServerOptions() {
    return HTTPServerOptions.builder()
        .threads(1)
        .headerTimeout(Duration.ofMillis(500))
        .bodyTimeout(Duration.ofMillis(500))
        .idleConnectionTimeout(Duration.ofMillis(1500))
        .writeBufferWaterMarks(HIGH_WATER / 2, HIGH_WATER)
        .build();
  }

  @Override
  protected Application getApp() {
    return new Application(
        List.of(
            url("/", HostileApp.HelloHandler.class),
            url("/echo", HostileApp.EchoHandler.class),
            url("/flood", FloodHandler.class)));
  }

  @Test
  void trickledHeadersAreCutOffByTheHeaderTimeout() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      long start = System.nanoTime();
      String request = "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(100) + "\r\n\r\n";
      int sent = 0;
      try {
        for (; sent < request.length(); sent++) {
          c.send(request.substring(sent, sent + 1));
          Thread.sleep(50);
          if (c.socket().getInputStream().available() > 0) {
            break; // the server has answered
          }
        }
      } catch (java.io.IOException reset) {
        // the server closed while we were still sending: what we want
      }
      RawConnection.Response r = c.read();
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(408, r.status());
      assertTrue(c.closedByServer());
      assertTrue(sent < request.length(), "cut off before the headers were complete");
      assertTrue(millis >= 450 && millis < 3000, "cut off after " + millis + " ms");
    }
  }

  @Test
  void anIdleConnectionIsNotCutByTheHeaderTimeout() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      assertTrue(c.silentFor(800), "no byte sent yet: the idle timeout applies, not the header one");
      assertEquals(200, c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().status());
      assertTrue(c.silentFor(800), "between requests too");
      assertEquals(200, c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().status());
    }
  }

  @Test
  void aConnectionThatNeverSendsIsClosedByTheIdleTimeout() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      long start = System.nanoTime();
      assertTrue(c.closedByServer());
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(millis >= 1200, "closed after " + millis + " ms");
    }
  }

  @Test
  void aBodyThatNeverCompletesIsCutOffByTheBodyTimeout() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      long start = System.nanoTime();
      c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab");
      RawConnection.Response r = c.read();
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(408, r.status());
      assertTrue(c.closedByServer());
      assertTrue(millis >= 450 && millis < 3000, "cut off after " + millis + " ms");
    }
  }

  @Test
  void aClientThatDoesNotReadHoldsTheHandlerBackAndServerMemoryBounded() throws Exception {
    FloodHandler.written.set(0);
    try (Socket s = new Socket()) {
      s.setReceiveBufferSize(64 * 1024);
      s.connect(new InetSocketAddress("127.0.0.1", getHttpPort()));
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write("GET /flood HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();

      // Wait until the handler is stuck: nothing written for 300 ms.
      long last = -1;
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (FloodHandler.written.get() != last && System.nanoTime() < deadline) {
        last = FloodHandler.written.get();
        Thread.sleep(300);
      }
      assertTrue(last > 0 && last < FLOOD_BYTES, "the handler waits for the client; wrote " + last);
      long queued = queuedOnServer();
      assertTrue(queued <= HIGH_WATER + 2L * PIECE, "server-side queue is bounded: " + queued + " bytes");

      // Now read it all: the handler resumes and finishes.
      InputStream in = s.getInputStream();
      byte[] buf = new byte[256 * 1024];
      long total = 0;
      int n;
      while (total < FLOOD_BYTES && (n = in.read(buf)) != -1) {
        total += n;
      }
      assertTrue(total >= FLOOD_BYTES, "read " + total);
      waitFor(FloodHandler.finished);
    }
  }

  /** Response bytes the server holds for its connections, not yet taken by their sockets. */
  private long queuedOnServer() {
    long queued = 0;
    for (Channel ch : httpServer().connections()) {
      ChannelOutboundBuffer buffer = ch.unsafe().outboundBuffer();
      if (buffer != null) {
        queued += buffer.totalPendingWriteBytes();
      }
    }
    return queued;
  }
}

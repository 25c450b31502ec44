package dev.cyclone.web;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.annotations.StreamRequestBody;
import dev.cyclone.httpserver.RawConnection;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.testing.ExpectLog;
import dev.cyclone.testsupport.LeakWatch;
import io.netty.buffer.ByteBuf;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * {@link StreamRequestBody}: prepare() before the body, each piece to dataReceived as it comes,
 * reading paused while a piece is digested, per-handler limits, 100-continue, failures and
 * vanishing clients; and a 1 GiB upload through a server whose whole heap is 48 MiB.
 */
class StreamRequestBodyTest extends AsyncHTTPTestCase {
  static final AtomicReference<CompletableFuture<Void>> gate = new AtomicReference<>();
  static final AtomicInteger piecesSeen = new AtomicInteger();
  static final AtomicLong bytesSeen = new AtomicLong();
  static volatile CountDownLatch closed = new CountDownLatch(1);
  static volatile CompletableFuture<Void> pendingPiece;

  /** Counts and checksums what it is sent; the answer says what arrived. */
  @StreamRequestBody
  public static class CountingHandler extends RequestHandler {
    private final CRC32 crc = new CRC32();
    private long bytes;
    private int pieces;

    @Override
    protected void prepare() {
      String limit = getQueryArgument("limit", null);
      if (limit != null) {
        request().connection().setMaxBodySize(Long.parseLong(limit));
      }
      if (getQueryArgument("refuse", null) != null) {
        throw new HTTPError(403);
      }
    }

    public void dataReceived(ByteBuf chunk) {
      pieces++;
      bytes += chunk.readableBytes();
      crc.update(chunk.nioBuffer());
      if (getQueryArgument("fail", null) != null && bytes > 1000) {
        throw new IllegalStateException("expected: the handler cannot take this");
      }
    }

    public void post() {
      setHeader("Content-Type", "text/plain");
      write(bytes + " " + Long.toHexString(crc.getValue()) + " " + (getBodyArgument("x", "none")));
    }

    public void put() {
      post();
    }
  }

  /** Digests each piece when the test opens the gate. */
  @StreamRequestBody
  public static class SlowHandler extends RequestHandler {
    public CompletableFuture<Void> dataReceived(byte[] chunk) {
      piecesSeen.incrementAndGet();
      bytesSeen.addAndGet(chunk.length);
      CompletableFuture<Void> wait = gate.get();
      pendingPiece = wait;
      return wait;
    }

    public void post() {
      write("slow " + bytesSeen.get());
    }

    @Override
    protected void onConnectionClose() {
      closed.countDown();
    }
  }

  @Override
  protected Application getApp() {
    return new Application(List.of(url("/count", CountingHandler.class), url("/slow", SlowHandler.class)));
  }

  private static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static String crcOf(byte[] b) {
    CRC32 crc = new CRC32();
    crc.update(b);
    return Long.toHexString(crc.getValue());
  }

  @Test
  void aBodyWithALengthArrivesPieceByPieceAndTheVerbSeesNoBody() throws Exception {
    byte[] body = randomBytes(5 * 1024 * 1024 + 17, 1);
    HttpResponse<String> r = httpClient().send(
        request("/count").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    assertEquals(body.length + " " + crcOf(body) + " none", r.body());
  }

  @Test
  void aChunkedBodyAndAnEmptyOne() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      c.send("PUT /count HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
      assertEquals("11 " + crcOf("hello world".getBytes(StandardCharsets.US_ASCII)) + " none", c.read().body());
      c.send("POST /count HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
      assertEquals("0 0 none", c.read().body(), "no body, no piece; the same connection goes on");
    }
  }

  @Test
  void whileAPieceIsDigestedTheConnectionReadsNothingMore() throws Exception {
    piecesSeen.set(0);
    bytesSeen.set(0);
    gate.set(new CompletableFuture<>());
    int size = 64 * 1024 * 1024; // far more than the socket buffers hold
    CountDownLatch written = new CountDownLatch(1);
    try (Socket socket = new Socket("127.0.0.1", getHttpPort())) {
      Thread writer = new Thread(() -> {
        try {
          OutputStream out = socket.getOutputStream();
          out.write(("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: " + size + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
          byte[] block = new byte[64 * 1024];
          for (int sent = 0; sent < size; sent += block.length) {
            out.write(block);
          }
          out.flush();
          written.countDown();
        } catch (IOException e) {
          // the test failed elsewhere
        }
      });
      writer.start();
      assertTrue(waitUntil(() -> piecesSeen.get() >= 1), "a first piece arrived");
      TimeUnit.MILLISECONDS.sleep(300);
      assertEquals(1, piecesSeen.get(), "no second piece while the first is digested");
      assertFalse(written.await(0, TimeUnit.MILLISECONDS), "the client is held back");

      gate.set(CompletableFuture.completedFuture(null)); // from now on each piece is taken at once
      pendingPiece.complete(null);
      assertTrue(written.await(30, TimeUnit.SECONDS), "the client could send the rest");
      socket.setSoTimeout(10_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      assertEquals("HTTP/1.1 200 OK", in.readLine());
      writer.join();
    }
    assertEquals(size, bytesSeen.get());
  }

  @Test
  void aHandlersOwnLimitIsAnsweredWith413AndTheServerGoesOn() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      c.send("POST /count?limit=1000 HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n");
      RawConnection.Response r = c.read();
      assertEquals(413, r.status());
      assertTrue(c.closedByServer());
    }
    try (RawConnection c = new RawConnection(getHttpPort())) {
      c.send("POST /count?limit=10 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "8\r\n12345678\r\n8\r\n12345678\r\n");
      assertEquals(413, c.read().status(), "a chunked body past the limit, mid-stream");
    }
    assertEquals(200, fetch("/count", "POST", "abc").statusCode(), "the loop goes on");
    // and a handler may allow more than the server does
    dev.cyclone.httpserver.HTTPServer small =
        new Application(
                List.of(url("/count", CountingHandler.class)),
                AppSettings.builder()
                    .serverOptions(dev.cyclone.httpserver.HTTPServerOptions.builder().maxBodySize(1000).build())
                    .build())
            .listen(0, "127.0.0.1");
    try (RawConnection c = new RawConnection(small.port())) {
      String body = "y".repeat(3000);
      c.send("POST /count?limit=5000 HTTP/1.1\r\nHost: x\r\nContent-Length: 3000\r\n\r\n" + body);
      assertEquals("3000 " + crcOf(body.getBytes(StandardCharsets.US_ASCII)) + " none", c.read().body());
      c.send("POST /count HTTP/1.1\r\nHost: x\r\nContent-Length: 3000\r\n\r\n");
      assertEquals(413, c.read().status(), "without it, the server's limit");
    } finally {
      small.stop();
    }
  }

  @Test
  void aContinueIsSentOnlyWhenPrepareWantsTheBody() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      c.send("POST /count HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
      assertEquals(100, c.read(false).status());
      c.send("hello");
      assertEquals("5 " + crcOf("hello".getBytes(StandardCharsets.US_ASCII)) + " none", c.read().body());
    }
    try (RawConnection c = new RawConnection(getHttpPort())) {
      c.send("POST /count?refuse=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
      RawConnection.Response refused = c.read();
      assertEquals(403, refused.status(), "refused in prepare(): no 100, the body never sent");
      assertEquals("close", refused.header("Connection"), "the unread body ends the connection, and it says so");
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void anExceptionInDataReceivedIs500() throws Exception {
    try (ExpectLog logged = ExpectLog.of("dev.cyclone.web", "Uncaught exception POST /count?fail=1");
        RawConnection c = new RawConnection(getHttpPort())) {
      c.send("POST /count?fail=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(100000));
      assertEquals(500, c.read().status());
      assertTrue(logged.lines().get(0).contains("expected: the handler cannot take this"), logged.lines().toString());
    }
    assertEquals(200, fetch("/count", "POST", "abc").statusCode(), "the loop goes on");
  }

  /**
   * A client that goes away while a piece is being digested: the server is not reading then, so it
   * learns of it when it reads again (as Tornado, whose connection does not read either), and the
   * handler's onConnectionClose runs then; the pieces it had read are released.
   */
  @Test
  void aClientThatVanishesMidUploadClosesTheHandlerAndLeaksNothing() throws Exception {
    closed = new CountDownLatch(1);
    bytesSeen.set(0);
    gate.set(new CompletableFuture<>());
    try (Socket socket = new Socket("127.0.0.1", getHttpPort())) {
      OutputStream out = socket.getOutputStream();
      out.write("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[200_000]);
      out.flush();
      assertTrue(waitUntil(() -> pendingPiece != null && !pendingPiece.isDone()));
    }
    CompletableFuture<Void> first = pendingPiece;
    gate.set(CompletableFuture.completedFuture(null));
    first.complete(null); // the handler is done with its piece: the server reads, and finds the client gone
    assertTrue(closed.await(5, TimeUnit.SECONDS), "onConnectionClose ran");
    assertTrue(bytesSeen.get() < 1_000_000, "the body never completed");
    TimeUnit.MILLISECONDS.sleep(100);
    LeakWatch.assertNoBufferLeaks();
  }

  @Test
  void aGibibyteStreamsThroughAServerWithA48MibHeap() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process server = new ProcessBuilder(java, "-Xmx48m", "-Dio.netty.leakDetection.level=disabled",
        "-cp", System.getProperty("java.class.path"), UploadServerMain.class.getName())
        .redirectErrorStream(true)
        .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertTrue(line != null && line.startsWith("port "), "the server started: " + line);
      int port = Integer.parseInt(line.substring(5).trim());
      long size = 1L << 30;
      CRC32 crc = new CRC32();
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(60_000);
        OutputStream body = socket.getOutputStream();
        body.write(("PUT /count?limit=" + (2L << 30) + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + size + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        byte[] block = randomBytes(1 << 20, 3);
        for (long sent = 0; sent < size; sent += block.length) {
          block[(int) (sent / block.length) % block.length] ^= 1; // not the same block twice
          crc.update(block);
          body.write(block);
        }
        body.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        assertEquals("HTTP/1.1 200 OK", in.readLine());
        String last = null;
        for (String l = in.readLine(); l != null && !l.isEmpty(); l = in.readLine()) {
          last = l;
        }
        char[] answer = new char[64];
        int n = in.read(answer);
        assertEquals(size + " " + Long.toHexString(crc.getValue()) + " none", new String(answer, 0, n), last);
      }
    } finally {
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Marked, but with nothing to take the body. */
  @StreamRequestBody
  public static class NoMethodHandler extends RequestHandler {
    public void put() {}
  }

  @Test
  void aMarkedHandlerWithoutDataReceivedFailsWhenItsRouteIsMade() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> url("/none", NoMethodHandler.class));
    assertTrue(e.getMessage().startsWith("[StreamRequestBodyMethod]"), e.getMessage());
  }

  @Test
  void aRouteBuiltFromADispatcherIsServedWholeBodied() throws Exception {
    HandlerDispatcher<CountingHandler> byHand = new HandlerDispatcher<>() {
      @Override
      public CountingHandler create() {
        return new CountingHandler();
      }

      @Override
      public java.util.Set<String> methods() {
        return java.util.Set.of("POST");
      }

      @Override
      public java.util.concurrent.CompletionStage<?> invoke(CountingHandler h, String method, PathArguments args) {
        h.write("by hand: " + h.request().body().length);
        return null;
      }
    };
    dev.cyclone.httpserver.HTTPServer server =
        new Application(List.of(URLSpec.url("/hand", byHand, java.util.Map.of()))).listen(0, "127.0.0.1");
    try (RawConnection c = new RawConnection(server.port())) {
      c.send("POST /hand HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
      assertEquals("by hand: 3", c.read().body(), "no handler class to mark it: the body is read whole");
    } finally {
      server.stop();
    }
  }

  private static boolean waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
    return condition.getAsBoolean();
  }
}

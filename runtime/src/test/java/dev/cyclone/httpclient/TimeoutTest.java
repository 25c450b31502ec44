package dev.cyclone.httpclient;

import static dev.cyclone.httpclient.ClientFixture.failure;
import static dev.cyclone.httpclient.RawServer.readHead;
import static dev.cyclone.httpclient.RawServer.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.locks.TestLoop;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Each phase of a fetch times out with an {@link HTTPTimeoutError} that names it. */
class TimeoutTest {
  private static final TestLoop t = new TestLoop("timeout-test");
  private static final Duration SHORT = Duration.ofMillis(150);

  @AfterAll
  static void closeAll() {
    t.close();
  }

  /** A server that reads requests and never answers until the test ends. */
  private static RawServer silent(CountDownLatch release) throws IOException {
    return new RawServer(
        (socket, i) -> {
          readHead(socket);
          release.await(10, TimeUnit.SECONDS);
          socket.close();
        });
  }

  @Test
  void silentServerTimesOutDuringRequest() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (AsyncHTTPClient client = new AsyncHTTPClient();
        RawServer server = silent(release)) {
      long start = System.nanoTime();
      HTTPTimeoutError e =
          failure(
              t,
              HTTPTimeoutError.class,
              () -> client.fetch(HTTPRequest.builder(server.url("/")).requestTimeout(SHORT).build()));
      long elapsed = System.nanoTime() - start;
      assertEquals("Timeout during request", e.getMessage());
      assertEquals(599, e.code());
      assertTrue(elapsed >= SHORT.toNanos(), "timed out early: " + elapsed);
      assertTrue(elapsed < Duration.ofSeconds(5).toNanos(), "timed out late: " + elapsed);
    } finally {
      release.countDown();
    }
  }

  @Test
  void bodyThatStallsTimesOut() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (AsyncHTTPClient client = new AsyncHTTPClient();
        RawServer server =
            new RawServer(
                (socket, i) -> {
                  readHead(socket);
                  write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nstart...");
                  release.await(10, TimeUnit.SECONDS);
                  socket.close();
                })) {
      failure(
          t,
          HTTPTimeoutError.class,
          () -> client.fetch(HTTPRequest.builder(server.url("/")).requestTimeout(SHORT).build()));
    } finally {
      release.countDown();
    }
  }

  @Test
  void requestWaitingForASlotTimesOutInTheQueue() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (AsyncHTTPClient client = new AsyncHTTPClient(HTTPClientOptions.defaults().maxClients(1));
        RawServer server = silent(release)) {
      CompletableFuture<HTTPResponse> first = t.call(() -> client.fetch(server.url("/first")));
      HTTPTimeoutError e =
          failure(
              t,
              HTTPTimeoutError.class,
              () -> client.fetch(HTTPRequest.builder(server.url("/second")).connectTimeout(SHORT).build()));
      assertEquals("Timeout in request queue", e.getMessage());
      assertTrue(!first.isDone());
    } finally {
      release.countDown();
    }
  }

  /**
   * A listening socket whose accept queue is full drops new connection attempts, so connecting
   * hangs. Where the system answers them anyway, the test is skipped.
   */
  @Test
  void connectThatHangsTimesOut() throws Exception {
    List<Socket> fillers = new ArrayList<>();
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        AsyncHTTPClient client = new AsyncHTTPClient()) {
      boolean hung = false;
      for (int i = 0; i < 16 && !hung; i++) {
        Socket s = new Socket();
        fillers.add(s);
        try {
          s.connect(new InetSocketAddress(full.getInetAddress(), full.getLocalPort()), 100);
        } catch (SocketTimeoutException e) {
          hung = true;
        }
      }
      Assumptions.assumeTrue(hung, "this system does not drop connections to a full backlog");
      String url = "http://127.0.0.1:" + full.getLocalPort() + "/";
      HTTPTimeoutError e =
          failure(
              t,
              HTTPTimeoutError.class,
              () -> client.fetch(HTTPRequest.builder(url).connectTimeout(SHORT).build()));
      assertTrue(e.getMessage().startsWith("Timeout while connecting"), e.getMessage());
    } finally {
      for (Socket s : fillers) {
        s.close();
      }
    }
  }
}

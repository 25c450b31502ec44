package dev.cyclone.httpclient;

import static dev.cyclone.httpclient.ClientFixture.eventually;
import static dev.cyclone.httpclient.ClientFixture.failure;
import static dev.cyclone.httpclient.ClientFixture.get;
import static dev.cyclone.httpclient.RawServer.readHead;
import static dev.cyclone.httpclient.RawServer.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.locks.TestLoop;
import io.netty.handler.codec.http.FullHttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Keep-alive pooling, the maxClients limit and its queue, and closing the client. */
class PoolTest {
  private static final TestLoop t = new TestLoop("pool-test");
  private static final TestLoop other = new TestLoop("pool-test-other");

  @AfterAll
  static void closeLoops() {
    t.close();
    other.close();
  }

  private static TestServer helloServer() {
    return new TestServer()
        .route("/hello", (ctx, req, q) -> TestServer.respond(ctx, req, 200, "Hello world!"))
        .route(
            "/close",
            (ctx, req, q) -> TestServer.respond(ctx, req, 200, "bye", "Connection", "close"))
        .route("/hold", (ctx, req, q) -> {});
  }

  @Test
  void sequentialFetchesReuseOneConnection() {
    try (TestServer server = helloServer();
        AsyncHTTPClient client = new AsyncHTTPClient()) {
      for (int i = 0; i < 3; i++) {
        assertEquals("Hello world!", get(t, () -> client.fetch(server.url("/hello"))).bodyText());
      }
      assertEquals(1, server.accepted.get());
      assertEquals(1, (int) t.call(client::idleConnections));
    }
  }

  @Test
  void connectionCloseIsHonoured() {
    try (TestServer server = helloServer();
        AsyncHTTPClient client = new AsyncHTTPClient()) {
      get(t, () -> client.fetch(server.url("/close")));
      assertEquals(0, (int) t.call(client::idleConnections));
      get(t, () -> client.fetch(server.url("/close")));
      assertEquals(2, server.accepted.get());
    }
  }

  @Test
  void requestConnectionCloseIsNotPooled() {
    try (TestServer server = helloServer();
        AsyncHTTPClient client = new AsyncHTTPClient()) {
      HTTPRequest request =
          HTTPRequest.builder(server.url("/hello")).header("Connection", "close").build();
      get(t, () -> client.fetch(request));
      get(t, () -> client.fetch(request));
      assertEquals(2, server.accepted.get());
    }
  }

  @Test
  void pooledConnectionClosedByTheServerIsNotReused() throws Exception {
    try (RawServer server =
            new RawServer(
                (socket, i) -> {
                  readHead(socket);
                  write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n" + i);
                  socket.close(); // without saying so in the response
                });
        AsyncHTTPClient client = new AsyncHTTPClient()) {
      assertEquals("0", get(t, () -> client.fetch(server.url("/"))).bodyText());
      eventually("the pool noticed the close", () -> t.call(client::idleConnections) == 0);
      assertEquals("1", get(t, () -> client.fetch(server.url("/"))).bodyText());
    }
  }

  /**
   * The server drops a kept-alive connection just as the second request arrives on it: a GET is
   * sent again on a new connection, a POST is not (it may have been processed).
   */
  @Test
  void staleConnectionIsRetriedOnceForIdempotentMethods() throws Exception {
    try (RawServer server =
            new RawServer(
                (socket, i) -> {
                  readHead(socket);
                  write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n" + i);
                  readHead(socket);
                  socket.close(); // the second request on this connection gets no answer
                });
        AsyncHTTPClient client = new AsyncHTTPClient()) {
      assertEquals("0", get(t, () -> client.fetch(server.url("/"))).bodyText());
      assertEquals("1", get(t, () -> client.fetch(server.url("/"))).bodyText());
      assertEquals(2, server.accepted.get());
      HTTPRequest post = HTTPRequest.builder(server.url("/")).method("POST").body("x").build();
      HTTPConnectionError e = failure(t, HTTPConnectionError.class, () -> client.fetch(post));
      assertEquals("Connection closed before a response arrived", e.getMessage());
    }
  }

  @Test
  void maxClientsLimitsConcurrentRequests() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    try (TestServer server =
            new TestServer()
                .route(
                    "/slow",
                    (ctx, req, q) -> {
                      most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                      FullHttpRequest kept = req.retain();
                      ctx.executor()
                          .schedule(
                              () -> {
                                inFlight.decrementAndGet();
                                TestServer.respond(ctx, kept, 200, "done");
                                kept.release();
                              },
                              20,
                              TimeUnit.MILLISECONDS);
                    });
        AsyncHTTPClient client = new AsyncHTTPClient(HTTPClientOptions.defaults().maxClients(2))) {
      t.await(
          () -> {
            List<CompletableFuture<HTTPResponse>> all = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
              all.add(client.fetch(server.url("/slow")));
            }
            return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]));
          });
      assertEquals(2, most.get());
      assertTrue(server.accepted.get() <= 2, "connections: " + server.accepted.get());
    }
  }

  @Test
  void queuedRequestsRunInTheOrderTheyCame() {
    List<String> order = new CopyOnWriteArrayList<>();
    try (TestServer server =
            new TestServer()
                .route(
                    "/order",
                    (ctx, req, q) -> {
                      order.add(q.parameters().get("i").get(0));
                      TestServer.respond(ctx, req, 200, "ok");
                    });
        AsyncHTTPClient client = new AsyncHTTPClient(HTTPClientOptions.defaults().maxClients(1))) {
      t.await(
          () -> {
            List<CompletableFuture<HTTPResponse>> all = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
              all.add(client.fetch(server.url("/order?i=" + i)));
            }
            return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]));
          });
      assertEquals(List.of("0", "1", "2", "3", "4"), order);
    }
  }

  @Test
  void idleConnectionsAreClosedAfterTheIdleTimeout() {
    try (TestServer server = helloServer();
        AsyncHTTPClient client =
            new AsyncHTTPClient(
                HTTPClientOptions.defaults().idleConnectionTimeout(Duration.ofMillis(50)))) {
      get(t, () -> client.fetch(server.url("/hello")));
      eventually("the server saw the idle connection close", () -> server.closed.get() == 1);
      assertEquals(0, (int) t.call(client::idleConnections));
    }
  }

  @Test
  void closeClosesPooledConnectionsAndFailsRunningFetches() {
    try (TestServer server = helloServer()) {
      AsyncHTTPClient client = new AsyncHTTPClient();
      CompletableFuture<HTTPResponse> held = t.call(() -> client.fetch(server.url("/hold")));
      get(t, () -> client.fetch(server.url("/hello"))); // on a second connection, then pooled
      assertEquals(1, (int) t.call(client::idleConnections));
      client.close();
      HTTPClientError e = failure(t, HTTPClientError.class, () -> held);
      assertEquals("AsyncHTTPClient was closed", e.getMessage());
      eventually("the server saw both connections close", () -> server.closed.get() == 2);
      IllegalStateException closed =
          assertThrows(IllegalStateException.class, () -> client.fetch(server.url("/hello")));
      assertTrue(closed.getMessage().startsWith("[ClientClosed]"), closed.getMessage());
    }
  }

  @Test
  void eachLoopHasItsOwnPoolAndCompletesOnItsOwnThread() {
    try (TestServer server = helloServer();
        AsyncHTTPClient client = new AsyncHTTPClient()) {
      for (TestLoop loop : List.of(t, other, t, other)) {
        Thread loopThread = loop.call(Thread::currentThread);
        Thread completedOn =
            loop.await(() -> client.fetch(server.url("/hello")).thenApply(r -> Thread.currentThread()));
        assertSame(loopThread, completedOn);
      }
      assertEquals(2, server.accepted.get());
    }
  }
}

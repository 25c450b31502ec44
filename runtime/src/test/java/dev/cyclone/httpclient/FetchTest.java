package dev.cyclone.httpclient;

import static dev.cyclone.httpclient.ClientFixture.failure;
import static dev.cyclone.httpclient.ClientFixture.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.locks.TestLoop;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Fetching from a well-behaved server: requests out, responses in, errors, callbacks, gzip. */
class FetchTest {
  private static final TestLoop t = new TestLoop("fetch-test");
  private static final AsyncHTTPClient client = new AsyncHTTPClient();
  private static final CountDownLatch holdClosed = new CountDownLatch(1);
  /** Opens /gated: its response is written only once the test has attached its continuation. */
  private static final CompletableFuture<Void> gate = new CompletableFuture<>();
  private static final TestServer server =
      new TestServer()
          .route("/hello", (ctx, req, q) -> TestServer.respond(ctx, req, 200, "Hello world!"))
          .route(
              "/echo",
              (ctx, req, q) ->
                  TestServer.respond(
                      ctx,
                      req,
                      200,
                      req.content().toString(StandardCharsets.UTF_8),
                      "X-Method",
                      req.method().name(),
                      "X-Uri",
                      req.uri()))
          .route("/headers", FetchTest::echoHeaders)
          .route(
              "/status",
              (ctx, req, q) -> {
                int code = Integer.parseInt(q.parameters().get("code").get(0));
                TestServer.respond(ctx, req, code, "status " + code);
              })
          .route(
              "/gzip",
              (ctx, req, q) ->
                  TestServer.respond(
                      ctx, req, 200, gzip("hello gzip ".repeat(100)), "Content-Encoding", "gzip"))
          .route("/chunked", FetchTest::chunked)
          .route(
              "/gated",
              (ctx, req, q) -> {
                req.retain();
                gate.thenRun(
                    () ->
                        ctx.executor()
                            .execute(
                                () -> {
                                  TestServer.respond(ctx, req, 200, "opened");
                                  req.release();
                                }));
              })
          .route(
              "/hold",
              (ctx, req, q) -> ctx.channel().closeFuture().addListener(f -> holdClosed.countDown()));

  @AfterAll
  static void closeAll() {
    client.close();
    server.close();
    t.close();
  }

  private static void echoHeaders(ChannelHandlerContext ctx, FullHttpRequest req, Object q) {
    StringBuilder lines = new StringBuilder();
    for (Map.Entry<String, String> h : req.headers()) {
      lines.append(h.getKey().toLowerCase()).append(": ").append(h.getValue()).append('\n');
    }
    TestServer.respond(ctx, req, 200, lines.toString());
  }

  private static void chunked(ChannelHandlerContext ctx, FullHttpRequest req, Object q) {
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    HttpUtil.setTransferEncodingChunked(head, true);
    ctx.write(head);
    for (String part : new String[] {"asdf", "qwer"}) {
      ctx.write(new DefaultHttpContent(Unpooled.copiedBuffer(part, StandardCharsets.UTF_8)));
    }
    ctx.writeAndFlush(new DefaultLastHttpContent());
  }

  static byte[] gzip(String text) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(text.getBytes(StandardCharsets.UTF_8));
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String headersSent(HTTPRequest request) {
    return get(t, () -> client.fetch(request)).bodyText();
  }

  @Test
  void getReturnsCodeReasonHeadersBodyUrlAndTime() {
    String url = server.url("/hello");
    HTTPResponse r = get(t, () -> client.fetch(url));
    assertEquals(200, r.code());
    assertEquals("OK", r.reason());
    assertEquals("Hello world!", r.bodyText());
    assertArrayEquals("Hello world!".getBytes(StandardCharsets.UTF_8), r.body());
    assertEquals("text/plain; charset=utf-8", r.headers().get("content-type"));
    assertEquals(url, r.effectiveUrl());
    assertEquals(url, r.request().url());
    assertTrue(r.requestTime().toNanos() > 0);
    assertTrue(r.error().isEmpty());
  }

  @Test
  void completesOnTheCallersLoop() {
    Thread loopThread = t.call(Thread::currentThread);
    Thread completedOn =
        t.await(() -> client.fetch(server.url("/hello")).thenApply(r -> Thread.currentThread()));
    assertSame(loopThread, completedOn);
  }

  @Test
  void fetchFromAPlainThreadCompletesOnTheDefaultLoop() throws Exception {
    Thread defaultLoop =
        IOLoop.current().runSync(() -> CompletableFuture.completedFuture(Thread.currentThread()));
    // The server answers only after the continuation is attached: a response that came first
    // would run it on this thread, whichever thread completed the fetch.
    CompletableFuture<Thread> completedOn =
        client.fetch(server.url("/gated")).thenApply(r -> Thread.currentThread());
    gate.complete(null);
    assertSame(defaultLoop, completedOn.get(10, TimeUnit.SECONDS));
  }

  @Test
  void methodsAndBodiesReachTheServer() {
    HTTPResponse post =
        get(t, () -> client.fetch(HTTPRequest.builder(server.url("/echo")).method("POST").body("a=1&b=2").build()));
    assertEquals("POST", post.headers().get("X-Method"));
    assertEquals("a=1&b=2", post.bodyText());
    HTTPResponse put =
        get(
            t,
            () ->
                client.fetch(
                    HTTPRequest.builder(server.url("/echo")).method("PUT").body(new byte[] {1, 2, 3}).build()));
    assertArrayEquals(new byte[] {1, 2, 3}, put.body());
    HTTPResponse delete =
        get(t, () -> client.fetch(HTTPRequest.builder(server.url("/echo?x=1&y=%20")).method("DELETE").build()));
    assertEquals("DELETE", delete.headers().get("X-Method"));
    assertEquals("/echo?x=1&y=%20", delete.headers().get("X-Uri"));
  }

  @Test
  void headHasHeadersButNoBody() {
    HTTPResponse head =
        get(t, () -> client.fetch(HTTPRequest.builder(server.url("/hello")).method("HEAD").build()));
    assertEquals(200, head.code());
    assertEquals("12", head.headers().get("content-length"));
    assertEquals(0, head.body().length);
    // The connection stays in step: the next request on it gets its own response.
    assertEquals("Hello world!", get(t, () -> client.fetch(server.url("/hello"))).bodyText());
  }

  @Test
  void clientAddsHostUserAgentAndAcceptEncoding() {
    String sent = headersSent(HTTPRequest.of(server.url("/headers")));
    assertTrue(sent.contains("host: 127.0.0.1:" + server.port() + "\n"), sent);
    assertTrue(sent.contains("user-agent: Cyclone\n"), sent);
    assertTrue(sent.contains("accept-encoding: gzip\n"), sent);
    String custom =
        headersSent(
            HTTPRequest.builder(server.url("/headers"))
                .userAgent("TestAgent/1.0")
                .header("X-Custom", "yes")
                .decompressResponse(false)
                .build());
    assertTrue(custom.contains("user-agent: TestAgent/1.0\n"), custom);
    assertTrue(custom.contains("x-custom: yes\n"), custom);
    assertFalse(custom.contains("accept-encoding"), custom);
  }

  @Test
  void basicAuthFromTheRequestOrTheUrl() {
    String expected = "authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\n"; // RFC 7617's example
    assertTrue(
        headersSent(HTTPRequest.builder(server.url("/headers")).basicAuth("Aladdin", "open sesame").build())
            .contains(expected));
    String url = "http://Aladdin:open%20sesame@127.0.0.1:" + server.port() + "/headers";
    assertTrue(headersSent(HTTPRequest.of(url)).contains(expected));
  }

  @Test
  void non2xxFailsWithTheResponse() {
    HTTPClientError e =
        failure(t, HTTPClientError.class, () -> client.fetch(server.url("/status?code=404")));
    assertEquals(404, e.code());
    assertEquals("HTTP 404: Not Found", e.getMessage());
    HTTPResponse r = e.response().orElseThrow();
    assertEquals("status 404", r.bodyText());
    failure(t, HTTPClientError.class, () -> client.fetch(server.url("/no-such-route")));
  }

  @Test
  void raiseErrorFalseReturnsTheErrorResponse() {
    HTTPResponse r =
        get(
            t,
            () ->
                client.fetch(
                    HTTPRequest.builder(server.url("/status?code=500")).raiseError(false).build()));
    assertEquals(500, r.code());
    assertEquals(500, r.error().orElseThrow().code());
    assertEquals("status 500", r.bodyText());
  }

  @Test
  void callbackRunsOnTheLoopWithTheResponse() {
    Thread loopThread = t.call(Thread::currentThread);
    HTTPResponse[] got = new HTTPResponse[1];
    Thread[] on = new Thread[1];
    t.await(
        () -> {
          CompletableFuture<Void> done = new CompletableFuture<>();
          client.fetch(
              server.url("/hello"),
              r -> {
                got[0] = r;
                on[0] = Thread.currentThread();
                done.complete(null);
              });
          return done;
        });
    assertEquals("Hello world!", got[0].bodyText());
    assertSame(loopThread, on[0]);
  }

  @Test
  void callbackGetsFailuresAsResponses() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String refused = "http://127.0.0.1:" + closedPort + "/";
    HTTPResponse r =
        t.await(
            () -> {
              CompletableFuture<HTTPResponse> done = new CompletableFuture<>();
              client.fetch(refused, done::complete);
              return done;
            });
    assertEquals(599, r.code());
    assertInstanceOf(HTTPConnectionError.class, r.error().orElseThrow());
    HTTPResponse notFound =
        t.await(
            () -> {
              CompletableFuture<HTTPResponse> done = new CompletableFuture<>();
              client.fetch(server.url("/status?code=403"), done::complete);
              return done;
            });
    assertEquals(403, notFound.code());
    assertEquals(403, notFound.error().orElseThrow().code());
  }

  @Test
  void refusedConnectionCarriesItsCause() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    HTTPConnectionError e =
        failure(t, HTTPConnectionError.class, () -> client.fetch("http://127.0.0.1:" + closedPort + "/"));
    assertEquals(599, e.code());
    assertTrue(ClientFixture.causedBy(e, ConnectException.class), String.valueOf(e.getCause()));
  }

  @Test
  void gzipBodiesAreDecompressed() {
    HTTPResponse r = get(t, () -> client.fetch(server.url("/gzip")));
    assertEquals("hello gzip ".repeat(100), r.bodyText());
    assertNull(r.headers().get("Content-Encoding"));
    assertEquals("gzip", r.headers().get("X-Consumed-Content-Encoding"));
    HTTPResponse raw =
        get(t, () -> client.fetch(HTTPRequest.builder(server.url("/gzip")).decompressResponse(false).build()));
    assertEquals("gzip", raw.headers().get("Content-Encoding"));
    assertArrayEquals(gzip("hello gzip ".repeat(100)), raw.body());
  }

  @Test
  void chunkedBodiesAreJoined() {
    assertEquals("asdfqwer", get(t, () -> client.fetch(server.url("/chunked"))).bodyText());
  }

  @Test
  void streamingCallbackGetsTheBodyInsteadOfTheResponse() {
    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    Thread loopThread = t.call(Thread::currentThread);
    List<Thread> threads = new ArrayList<>();
    HTTPResponse r =
        get(
            t,
            () ->
                client.fetch(
                    HTTPRequest.builder(server.url("/gzip"))
                        .streamingCallback(
                            chunk -> {
                              streamed.writeBytes(chunk);
                              threads.add(Thread.currentThread());
                            })
                        .build()));
    assertEquals("hello gzip ".repeat(100), streamed.toString(StandardCharsets.UTF_8));
    assertEquals(0, r.body().length);
    assertTrue(threads.stream().allMatch(th -> th == loopThread));
  }

  @Test
  void streamingCallbackThatThrowsFailsTheFetch() {
    HTTPClientError e =
        failure(
            t,
            HTTPClientError.class,
            () ->
                client.fetch(
                    HTTPRequest.builder(server.url("/hello"))
                        .streamingCallback(
                            chunk -> {
                              throw new IllegalStateException("enough");
                            })
                        .build()));
    assertInstanceOf(IllegalStateException.class, e.getCause());
  }

  @Test
  void headerCallbackGetsTheHeadLineByLine() {
    List<String> lines = new ArrayList<>();
    get(
        t,
        () ->
            client.fetch(HTTPRequest.builder(server.url("/hello")).headerCallback(lines::add).build()));
    assertEquals("HTTP/1.1 200 OK\r\n", lines.get(0));
    assertTrue(lines.contains("content-length: 12\r\n"), lines.toString());
    assertEquals("\r\n", lines.get(lines.size() - 1));
  }

  @Test
  void cancellingTheFutureAbortsTheRequest() throws InterruptedException {
    CompletableFuture<HTTPResponse> held = t.call(() -> client.fetch(server.url("/hold")));
    assertFalse(held.isDone());
    held.cancel(false);
    assertTrue(holdClosed.await(10, TimeUnit.SECONDS), "the server saw the connection close");
  }
}

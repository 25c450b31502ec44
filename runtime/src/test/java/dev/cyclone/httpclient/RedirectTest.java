package dev.cyclone.httpclient;

import static dev.cyclone.httpclient.ClientFixture.failure;
import static dev.cyclone.httpclient.ClientFixture.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.locks.TestLoop;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Following redirects, after Tornado's httpclient_test: limits, method changes, loops. */
class RedirectTest {
  private static final TestLoop t = new TestLoop("redirect-test");
  private static final AsyncHTTPClient client = new AsyncHTTPClient();
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
                      req.method().name() + " " + req.content().toString(StandardCharsets.UTF_8)))
          .route(
              "/redirect",
              (ctx, req, q) ->
                  TestServer.respond(
                      ctx,
                      req,
                      Integer.parseInt(q.parameters().get("status").get(0)),
                      "moved",
                      "Location",
                      q.parameters().get("url").get(0)))
          .route("/no-location", (ctx, req, q) -> TestServer.respond(ctx, req, 302, "nowhere"))
          .route("/loop", (ctx, req, q) -> TestServer.respond(ctx, req, 302, "", "Location", "/loop"))
          .route(
              "/countdown",
              (ctx, req, q) -> {
                int n = Integer.parseInt(q.parameters().get("n").get(0));
                if (n == 0) {
                  TestServer.respond(ctx, req, 200, "Zero");
                } else {
                  TestServer.respond(ctx, req, 302, "", "Location", "/countdown?n=" + (n - 1));
                }
              });

  @AfterAll
  static void closeAll() {
    client.close();
    server.close();
    t.close();
  }

  private static String redirect(int status, String to) {
    return server.url("/redirect?status=" + status + "&url=" + to);
  }

  @Test
  void followsToTheFinalResponse() {
    HTTPResponse r = get(t, () -> client.fetch(redirect(302, "/hello")));
    assertEquals(200, r.code());
    assertEquals("Hello world!", r.bodyText());
    assertEquals(server.url("/hello"), r.effectiveUrl());
    assertEquals(redirect(302, "/hello"), r.request().url());
  }

  @Test
  void followsAbsoluteLocations() {
    HTTPResponse r = get(t, () -> client.fetch(redirect(301, server.url("/hello"))));
    assertEquals("Hello world!", r.bodyText());
  }

  @Test
  void followsFiveRedirectsByDefaultAndNoMore() {
    HTTPResponse five = get(t, () -> client.fetch(server.url("/countdown?n=5")));
    assertEquals("Zero", five.bodyText());
    HTTPClientError six =
        failure(t, HTTPClientError.class, () -> client.fetch(server.url("/countdown?n=6")));
    assertEquals(302, six.code());
    assertTrue(six.response().orElseThrow().effectiveUrl().endsWith("/countdown?n=1"));
  }

  @Test
  void maxRedirectsLimitsTheChain() {
    HTTPResponse r =
        get(
            t,
            () ->
                client.fetch(
                    HTTPRequest.builder(server.url("/countdown?n=5"))
                        .maxRedirects(3)
                        .raiseError(false)
                        .build()));
    assertEquals(302, r.code());
    assertTrue(r.effectiveUrl().endsWith("/countdown?n=2"), r.effectiveUrl());
  }

  @Test
  void redirectLoopEndsWithTheLastRedirect() {
    HTTPClientError e = failure(t, HTTPClientError.class, () -> client.fetch(server.url("/loop")));
    assertEquals(302, e.code());
    assertEquals("/loop", e.response().orElseThrow().headers().get("Location"));
  }

  @Test
  void notFollowedWhenTurnedOff() {
    HTTPResponse r =
        get(
            t,
            () ->
                client.fetch(
                    HTTPRequest.builder(redirect(302, "/hello"))
                        .followRedirects(false)
                        .raiseError(false)
                        .build()));
    assertEquals(302, r.code());
    assertEquals("/hello", r.headers().get("Location"));
    assertEquals("moved", r.bodyText());
  }

  @Test
  void redirectWithoutLocationIsTheAnswer() {
    HTTPClientError e =
        failure(t, HTTPClientError.class, () -> client.fetch(server.url("/no-location")));
    assertEquals(302, e.code());
    assertEquals("nowhere", e.response().orElseThrow().bodyText());
  }

  private static String postThrough(int status) {
    return get(
            t,
            () ->
                client.fetch(
                    HTTPRequest.builder(redirect(status, "/echo")).method("POST").body("payload").build()))
        .bodyText();
  }

  @Test
  void postAnswered303Or302BecomesGet() {
    assertEquals("GET ", postThrough(303));
    assertEquals("GET ", postThrough(302));
  }

  @Test
  void postAnswered307Or308StaysPost() {
    assertEquals("POST payload", postThrough(307));
    assertEquals("POST payload", postThrough(308));
  }

  @Test
  void callbacksSeeOnlyTheFinalResponse() {
    List<String> lines = new ArrayList<>();
    List<byte[]> chunks = new ArrayList<>();
    get(
        t,
        () ->
            client.fetch(
                HTTPRequest.builder(redirect(302, "/hello"))
                    .headerCallback(lines::add)
                    .streamingCallback(chunks::add)
                    .build()));
    assertEquals("HTTP/1.1 200 OK\r\n", lines.get(0));
    assertEquals(1, lines.stream().filter(l -> l.startsWith("HTTP/")).count());
    assertEquals("Hello world!", new String(chunks.get(0), StandardCharsets.UTF_8));
    assertEquals(1, chunks.size());
  }
}

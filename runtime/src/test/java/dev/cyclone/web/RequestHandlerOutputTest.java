package dev.cyclone.web;

import dev.cyclone.testing.ExpectLog;
import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.httpserver.RawConnection;
import dev.cyclone.testing.AsyncHTTPTestCase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Output: status, headers, JSON, ETag/304, 204, redirects, misuse that must fail loudly. */
class RequestHandlerOutputTest extends AsyncHTTPTestCase {

  public record Point(int x, int y) {}

  public static class JsonHandler extends RequestHandler {
    public void get() {
      write(new Point(1, 2));
    }

    public void post() {
      write(Map.of("script", "</script>"));
    }
  }

  /** Text in pieces, some of them not ASCII, and bytes between them. */
  public static class TextHandler extends RequestHandler {
    static final String TEXT = "h\u00e9llo, \u65e5\u672c \ud83d\ude00 " + "x".repeat(300);

    public void get() {
      write(TEXT.substring(0, 7));
      write(new byte[] {'[', ']'});
      write(TEXT.substring(7));
    }
  }

  /**
   * computeEtag overridden: no ETag at all, or a version of the handler's choosing; or an Etag
   * header the handler set itself, which computeEtag must not replace.
   */
  public static class EtagHandler extends RequestHandler {
    public void get(String kind) {
      if (kind.equals("set")) {
        setHeader("ETag", "\"mine\"");
      }
      write("same body either way");
    }

    @Override
    protected CharSequence computeEtag() {
      String kind = pathArguments().positional().get(0);
      return kind.equals("none") ? null : "\"v7-" + bodyWritten().length + "\"";
    }
  }

  public static class StatusHandler extends RequestHandler {
    public void get(String code) {
      setStatus(Integer.parseInt(code));
      if (!code.equals("204") && !code.equals("304")) {
        write("body");
      }
    }
  }

  public static class ReasonHandler extends RequestHandler {
    public void get() {
      setStatus(200, "Fine\r\nInjected: yes");
    }
  }

  public static class HeaderHandler extends RequestHandler {
    public void get() {
      setHeader("X-Single", "one");
      setHeader("X-Tab", "a\tb");
      addHeader("X-Multi", "a");
      addHeader("X-Multi", "b");
      setHeader("X-Removed", "gone");
      clearHeader("X-Removed");
      String refused;
      try {
        setHeader("X-Bad", "a\r\nInjected: yes");
        refused = "accepted";
      } catch (IllegalArgumentException e) {
        refused = e.getMessage();
      }
      write(refused);
    }
  }

  public static class MisuseHandler extends RequestHandler {
    public void get(String what) {
      String result;
      try {
        if (what.equals("write")) {
          finish();
          write("late");
          return;
        }
        finish();
        finish();
        return;
      } catch (IllegalStateException e) {
        result = e.getMessage();
      }
      MisuseHandler.last = result;
    }

    static volatile String last;
  }

  public static class RedirectingHandler extends RequestHandler {
    public void get(String kind) {
      switch (kind) {
        case "temp" -> redirect("/target");
        case "perm" -> redirect("/target", true);
        case "303" -> redirect("/target", 303);
        default -> redirect("/target\r\nX-Injected: yes");
      }
    }
  }

  public static class FlushHandler extends RequestHandler {
    public java.util.concurrent.CompletionStage<Void> get() {
      write("first;");
      return flush().thenCompose(v -> {
        write("second;");
        return flush();
      }).thenRun(() -> write("last"));
    }
  }

  @Override
  protected Application getApp() {
    return new Application(
        List.of(
            url("/json", JsonHandler.class),
            url("/text", TextHandler.class),
            url("/etag/(none|version|set)", EtagHandler.class),
            url("/status/([0-9]+)", StatusHandler.class),
            url("/reason", ReasonHandler.class),
            url("/headers", HeaderHandler.class),
            url("/misuse/(write|finish)", MisuseHandler.class),
            url("/redirect/(\\w+)", RedirectingHandler.class),
            url("/flush", FlushHandler.class)));
  }

  @Test
  void recordsAndMapsAreWrittenAsJson() {
    HttpResponse<String> r = fetch("/json");
    assertEquals("{\"x\":1,\"y\":2}", r.body());
    assertEquals("application/json; charset=UTF-8", r.headers().firstValue("Content-Type").get());
    assertEquals("{\"script\":\"<\\/script>\"}", fetch("/json", "POST", "").body());
  }

  @Test
  void textWrittenInPiecesArrivesAsUtf8WithItsLengthAndEtag() throws Exception {
    String text = TextHandler.TEXT;
    String expected = text.substring(0, 7) + "[]" + text.substring(7);
    byte[] bytes = expected.getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(getUrl("/text"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertArrayEquals(bytes, r.body());
    assertEquals(String.valueOf(bytes.length), r.headers().firstValue("Content-Length").get());
    assertEquals(
        String.format("\"%016x\"", Xxh64.hash(bytes, 0, bytes.length)),
        r.headers().firstValue("Etag").get());
  }

  @Test
  void headIsAnsweredByGetWithItsLengthAndNoBodyOnAConnectionThatGoesOn() throws Exception {
    String text = TextHandler.TEXT;
    String body = text.substring(0, 7) + "[]" + text.substring(7);
    int length = body.getBytes(StandardCharsets.UTF_8).length;
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response head = c.send("HEAD /text HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
      assertEquals(200, head.status());
      assertEquals(String.valueOf(length), head.header("Content-Length"));
      RawConnection.Response get = c.send("GET /json HTTP/1.1\r\nHost: x\r\n\r\n").read();
      assertEquals("{\"x\":1,\"y\":2}", get.body(), "the next response starts where HEAD's ended");
    }
  }

  @Test
  void computeEtagDecidesTheTagOrThatThereIsNone() throws Exception {
    assertFalse(fetch("/etag/none").headers().firstValue("Etag").isPresent());
    assertEquals("\"v7-20\"", fetch("/etag/version").headers().firstValue("Etag").get());
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r =
          c.send("GET /etag/version HTTP/1.1\r\nHost: x\r\nIf-None-Match: \"v7-20\"\r\n\r\n").read();
      assertEquals(304, r.status(), "the overridden tag is what If-None-Match is compared with");
    }
  }

  @Test
  void anEtagTheHandlerSetIsKept() {
    HttpResponse<String> r = fetch("/etag/set");
    assertEquals(List.of("\"mine\""), r.headers().allValues("Etag"));
  }

  @Test
  void defaultHeadersAndContentLength() {
    HttpResponse<String> r = fetch("/status/200");
    assertEquals("4", r.headers().firstValue("Content-Length").get());
    assertEquals("text/html; charset=UTF-8", r.headers().firstValue("Content-Type").get());
    assertTrue(r.headers().firstValue("Server").get().startsWith("Cyclone"));
    assertTrue(r.headers().firstValue("Date").isPresent());
    assertTrue(r.headers().firstValue("Etag").isPresent());
  }

  @Test
  void status204HasNoContentLengthAndNoBody() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r = c.send("GET /status/204 HTTP/1.1\r\nHost: x\r\n\r\n").read();
      assertEquals(204, r.status());
      assertEquals(null, r.header("Content-Length"));
      assertEquals(null, r.header("Transfer-Encoding"));
      assertTrue(c.silentFor(100), "no body bytes follow a 204");
    }
  }

  @Test
  void matchingIfNoneMatchGives304WithoutContentLength() throws Exception {
    String etag = fetch("/status/200").headers().firstValue("Etag").get();
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r =
          c.send("GET /status/200 HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + etag + "\r\n\r\n").read();
      assertEquals(304, r.status());
      assertEquals(null, r.header("Content-Length"));
      assertEquals(etag, r.header("Etag"));
      assertTrue(c.silentFor(100));
    }
  }

  @Test
  void unknownStatusGetsReasonUnknown() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      assertEquals("HTTP/1.1 599 Unknown", c.send("GET /status/599 HTTP/1.1\r\nHost: x\r\n\r\n").read().statusLine());
      assertEquals("HTTP/1.1 201 Created", c.send("GET /status/201 HTTP/1.1\r\nHost: x\r\n\r\n").read().statusLine());
    }
  }

  @Test
  void crLfInReasonIsReplaced() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r = c.send("GET /reason HTTP/1.1\r\nHost: x\r\n\r\n").read();
      assertEquals("HTTP/1.1 200 Fine  Injected: yes", r.statusLine());
      assertEquals(null, r.header("Injected"));
    }
  }

  @Test
  void headersAreSetAddedClearedAndCrLfRefused() {
    HttpResponse<String> r = fetch("/headers");
    assertEquals("one", r.headers().firstValue("X-Single").get());
    assertEquals(List.of("a", "b"), r.headers().allValues("X-Multi"));
    assertFalse(r.headers().firstValue("X-Removed").isPresent());
    assertFalse(r.headers().firstValue("Injected").isPresent());
    assertTrue(r.body().startsWith("[HeaderValue]"), r.body());
  }

  @Test
  void aTabInAValueIsSentAsItIs() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      assertEquals("a\tb", c.send("GET /headers HTTP/1.1\r\nHost: x\r\n\r\n").read().header("X-Tab"));
    }
  }

  /** The handler records its exception after finish() sent the response: the client may be first. */
  private static void awaitLast() {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (MisuseHandler.last == null && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }

  @Test
  void writeAfterFinishFails() {
    MisuseHandler.last = null;
    assertEquals(200, fetch("/misuse/write").statusCode());
    awaitLast();
    assertEquals("[WriteAfterFinish] Cannot write() after finish()", MisuseHandler.last);
    assertTrue(MisuseHandler.last.contains("Cannot write() after finish()"));
  }

  @Test
  void finishTwiceFails() {
    MisuseHandler.last = null;
    assertEquals(200, fetch("/misuse/finish").statusCode());
    awaitLast();
    assertEquals("[FinishTwice] finish() called twice", MisuseHandler.last);
  }

  @Test
  void redirects() {
    HttpResponse<String> temp = fetch("/redirect/temp");
    assertEquals(302, temp.statusCode());
    assertEquals("/target", temp.headers().firstValue("Location").get());
    assertEquals(301, fetch("/redirect/perm").statusCode());
    assertEquals(303, fetch("/redirect/303").statusCode());
    HttpResponse<String> bad;
    try (ExpectLog logged = ExpectLog.of("dev.cyclone.web", "Uncaught exception GET /redirect/bad")) {
      bad = fetch("/redirect/bad");
    }
    assertEquals(500, bad.statusCode(), "a CR/LF in a redirect target is refused");
    assertFalse(bad.headers().firstValue("X-Injected").isPresent());
  }

  @Test
  void flushSendsChunksAndItsFutureCompletes() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r = c.send("GET /flush HTTP/1.1\r\nHost: x\r\n\r\n").read();
      assertEquals(200, r.status());
      assertEquals("chunked", r.header("Transfer-Encoding"));
      assertEquals("first;second;last", r.body());
      assertEquals("6 7 4 0", r.chunks());
    }
  }
}

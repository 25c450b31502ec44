package dev.cyclone.tests.httpclient;

import static dev.cyclone.concurrent.Coroutines.await;
import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.annotations.Coroutine;
import dev.cyclone.gen.Gen;
import dev.cyclone.httpclient.AsyncHTTPClient;
import dev.cyclone.httpclient.HTTPClientError;
import dev.cyclone.httpclient.HTTPConnectionError;
import dev.cyclone.httpclient.HTTPRequest;
import dev.cyclone.httpclient.HTTPResponse;
import dev.cyclone.httpclient.HTTPTimeoutError;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.Application;
import dev.cyclone.web.RequestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code AsyncHTTPClient} awaited from compiled coroutines against a local Cyclone server: the
 * seed's {@code response = await http_client.fetch(url)}, with failures thrown at the await and
 * caught in the coroutine.
 */
class HTTPClientCoroutinesTest extends AsyncHTTPTestCase {
  private final AsyncHTTPClient client = new AsyncHTTPClient();
  private final Fetcher fetcher = new HTTPClientCoroutinesTest_Fetcher_Coroutines(client);

  @Override
  protected Application getApp() {
    return new Application(
        List.of(
            url("/hello", HelloHandler.class),
            url("/status/([0-9]+)", StatusHandler.class),
            url("/echo", EchoBodyHandler.class),
            url("/redirect", RedirectToHelloHandler.class),
            url("/slow", SlowHandler.class)));
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  /** Coroutines that fetch; compiled into HTTPClientCoroutinesTest_Fetcher_Coroutines. */
  static class Fetcher {
    final AsyncHTTPClient client;

    Fetcher(AsyncHTTPClient client) {
      this.client = client;
    }

    /** The seed's fetch_image: {@code response = await http_client.fetch(url); return response.body}. */
    @Coroutine
    CompletableFuture<String> fetchText(String url) {
      HTTPResponse response = await(client.fetch(url));
      return CompletableFuture.completedFuture(response.code() + " " + response.bodyText());
    }

    /** Catches the failure of a fetch as the exception the future failed with. */
    @Coroutine
    CompletableFuture<String> fetchOrDescribe(HTTPRequest request) {
      try {
        HTTPResponse response = await(client.fetch(request));
        return CompletableFuture.completedFuture("ok " + response.code());
      } catch (HTTPTimeoutError e) {
        return CompletableFuture.completedFuture("timeout " + e.code());
      } catch (HTTPConnectionError e) {
        return CompletableFuture.completedFuture("connection " + e.code());
      } catch (HTTPClientError e) {
        String body = e.response().map(HTTPResponse::bodyText).orElse("-");
        return CompletableFuture.completedFuture("error " + e.code() + " " + body);
      }
    }

    /** Several fetches in a loop, one after the other, each awaited. */
    @Coroutine
    CompletableFuture<List<Integer>> sequential(List<String> urls) {
      List<Integer> codes = new ArrayList<>();
      for (String url : urls) {
        HTTPRequest request = HTTPRequest.builder(url).raiseError(false).build();
        codes.add(await(client.fetch(request)).code());
      }
      return CompletableFuture.completedFuture(codes);
    }

    /** Several fetches at once, gathered with multi. */
    @Coroutine
    CompletableFuture<List<String>> concurrent(String url, int n) {
      List<CompletableFuture<String>> fetches = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        fetches.add(fetchText(url + "?n=" + i));
      }
      return CompletableFuture.completedFuture(await(Gen.multi(fetches)));
    }

    @Coroutine
    CompletableFuture<String> post(String url, String body) {
      HTTPRequest request =
          HTTPRequest.builder(url).method("POST").body(body).header("Content-Type", "text/x-test").build();
      HTTPResponse response = await(client.fetch(request));
      return CompletableFuture.completedFuture(response.headers().get("Content-Type") + " " + response.bodyText());
    }

    @Coroutine
    CompletableFuture<String> followRedirect(String url) {
      HTTPResponse response = await(client.fetch(url));
      return CompletableFuture.completedFuture(response.effectiveUrl() + " " + response.bodyText());
    }
  }

  @Test
  void awaitReturnsTheResponse() {
    assertEquals("200 Hello", runSync(() -> fetcher.fetchText(getUrl("/hello"))));
  }

  @Test
  void errorStatusIsThrownAtTheAwaitAndCaught() {
    assertEquals("error 404 status 404", runSync(() -> fetcher.fetchOrDescribe(HTTPRequest.of(getUrl("/status/404")))));
    assertEquals("error 503 status 503", runSync(() -> fetcher.fetchOrDescribe(HTTPRequest.of(getUrl("/status/503")))));
    assertEquals("ok 200", runSync(() -> fetcher.fetchOrDescribe(HTTPRequest.of(getUrl("/status/200")))));
  }

  @Test
  void raiseErrorFalseReturnsErrorResponses() {
    assertEquals(
        List.of(200, 404, 500),
        runSync(() -> fetcher.sequential(List.of(getUrl("/hello"), getUrl("/status/404"), getUrl("/status/500")))));
  }

  @Test
  void connectionFailureIsCaughtAs599() {
    assertEquals("connection 599", runSync(() -> fetcher.fetchOrDescribe(HTTPRequest.of(closedPortUrl()))));
  }

  @Test
  void timeoutIsCaughtAsHTTPTimeoutError() {
    HTTPRequest slow = HTTPRequest.builder(getUrl("/slow")).requestTimeout(Duration.ofMillis(200)).build();
    assertEquals("timeout 599", runSync(() -> fetcher.fetchOrDescribe(slow)));
  }

  @Test
  void concurrentFetchesAllComplete() {
    List<String> bodies = runSync(() -> fetcher.concurrent(getUrl("/hello"), 8));
    assertEquals(8, bodies.size());
    assertTrue(bodies.stream().allMatch("200 Hello"::equals), bodies.toString());
  }

  @Test
  void postSendsTheBody() {
    assertEquals("text/x-test ping", runSync(() -> fetcher.post(getUrl("/echo"), "ping")));
  }

  @Test
  void redirectsAreFollowed() {
    assertEquals(getUrl("/hello") + " Hello", runSync(() -> fetcher.followRedirect(getUrl("/redirect"))));
  }

  private static String closedPortUrl() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // The server the client fetches from.

  public static class HelloHandler extends RequestHandler {
    public void get() {
      write("Hello");
    }
  }

  public static class StatusHandler extends RequestHandler {
    public void get(int code) {
      setStatus(code);
      write("status " + code);
    }
  }

  public static class EchoBodyHandler extends RequestHandler {
    public void post() {
      setHeader("Content-Type", request().headers().get("Content-Type"));
      write(request().body());
    }
  }

  public static class RedirectToHelloHandler extends RequestHandler {
    public void get() {
      redirect("/hello");
    }
  }

  public static class SlowHandler extends RequestHandler {
    @Coroutine
    public CompletableFuture<Void> get() {
      await(Gen.sleep(Duration.ofSeconds(3)));
      write("slow");
      return CompletableFuture.completedFuture(null);
    }
  }
}

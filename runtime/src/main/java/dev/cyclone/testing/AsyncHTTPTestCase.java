package dev.cyclone.testing;

import dev.cyclone.httpserver.HTTPServer;
import dev.cyclone.httpserver.HTTPServerOptions;
import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.web.Application;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A JUnit 5 base class that runs an {@link Application} on a free loopback port for each test
 * (Tornado's {@code tornado.testing.AsyncHTTPTestCase}):
 *
 * <pre>{@code
 * class HelloTest extends AsyncHTTPTestCase {
 *   @Override
 *   protected Application getApp() {
 *     return new Application(List.of(url("/", MainHandler.class)));
 *   }
 *
 *   @Test
 *   void saysHello() {
 *     HttpResponse<String> response = fetch("/");
 *     assertEquals(200, response.statusCode());
 *     assertEquals("Hello, world", response.body());
 *   }
 * }
 * }</pre>
 *
 * <p>Before each test: {@link #getApp()} is called and served by an {@link HTTPServer} on
 * 127.0.0.1 (options from {@link #getHTTPServerOptions()}); after it, the server is stopped.
 * {@link #fetch} uses the JDK's {@link HttpClient} (HTTP/1.1, no redirects followed) and never
 * throws for an error status. {@link #runSync} runs a coroutine or any future-returning code on a
 * test {@link IOLoop} and waits for it, as Tornado's {@code gen_test}. Every wait is bounded by
 * {@link #getAsyncTestTimeout()}: 5 seconds, or the system property {@code
 * cyclone.asyncTestTimeout} (seconds), like Tornado's {@code ASYNC_TEST_TIMEOUT}.
 *
 * <p>Test methods run on JUnit's thread; handlers run on the server's loops.
 */
public abstract class AsyncHTTPTestCase extends AsyncTestCase {
  private Application app;
  private HTTPServer server;
  private int port;
  private HttpClient client;

  /** The application under test; called once before each test. */
  protected abstract Application getApp();

  /**
   * The server's options; by default the application's ({@code AppSettings.serverOptions}, as
   * {@code Application.listen} would use) on two loops (enough to show cross-loop bugs, cheap to
   * start). Override to test limits.
   */
  protected HTTPServerOptions getHTTPServerOptions() {
    return app.settings().serverOptions().toBuilder().threads(2).build();
  }

  /** Starts the server; JUnit calls it before each test. */
  @BeforeEach
  protected void setUpHTTPServer() {
    app = getApp();
    server = new HTTPServer(app, getHTTPServerOptions());
    port = server.listen(0, "127.0.0.1");
    client = httpClientBuilder().build();
  }

  /**
   * The builder of the client {@link #fetch} uses, called before each test: HTTP/1.1, no
   * redirects followed, the test timeout to connect. Override to add to it (as {@link
   * AsyncHTTPSTestCase} adds its trust in the test certificate).
   */
  protected HttpClient.Builder httpClientBuilder() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(getAsyncTestTimeout());
  }

  /** The scheme of {@link #getUrl}: {@code http} here, {@code https} in {@link AsyncHTTPSTestCase}. */
  protected String getProtocol() {
    return "http";
  }

  /** Stops the server; JUnit calls it after each test (and then closes the test loop). */
  @AfterEach
  protected void tearDownHTTPServer() {
    if (server != null) {
      server.stop();
    }
  }

  /** The application being served (the one {@link #getApp()} returned for this test). */
  protected final Application app() {
    return app;
  }

  /** The running server. */
  protected final HTTPServer httpServer() {
    return server;
  }

  /** The port the server listens on. */
  protected final int getHttpPort() {
    return port;
  }

  /** {@code http://127.0.0.1:PORT} + {@code path} ({@code https://} with {@link AsyncHTTPSTestCase}). */
  protected final String getUrl(String path) {
    return getProtocol() + "://127.0.0.1:" + port + path;
  }

  /** The client {@link #fetch} uses, for requests it does not cover. */
  protected final HttpClient httpClient() {
    return client;
  }

  /** A request builder for {@code path} with the test timeout, to customise and {@link #fetch}. */
  protected final HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(getUrl(path))).timeout(getAsyncTestTimeout());
  }

  /** GETs {@code path}; the body as UTF-8 text. */
  protected final HttpResponse<String> fetch(String path) {
    return fetch(request(path).GET());
  }

  /** Sends {@code method} to {@code path} with {@code body} (null: no body). */
  protected final HttpResponse<String> fetch(String path, String method, String body) {
    HttpRequest.BodyPublisher publisher =
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    return fetch(request(path).method(method, publisher));
  }

  /** Sends a request built with {@link #request(String)}. */
  protected final HttpResponse<String> fetch(HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fetching", e);
    }
  }
}

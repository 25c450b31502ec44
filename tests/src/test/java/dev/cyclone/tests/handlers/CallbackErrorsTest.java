package dev.cyclone.tests.handlers;

import static dev.cyclone.concurrent.Coroutines.await;
import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.annotations.Asynchronous;
import dev.cyclone.annotations.Coroutine;
import dev.cyclone.gen.Gen;
import dev.cyclone.httpclient.AsyncHTTPClient;
import dev.cyclone.httpclient.HTTPRequest;
import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.testing.ExpectLog;
import dev.cyclone.web.Application;
import dev.cyclone.web.HTTPError;
import dev.cyclone.web.RequestHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An exception raised in a callback an {@code @Asynchronous} handler scheduled through Cyclone, or
 * after an await in a {@code @Coroutine}, is answered once through the handler's writeError (an
 * HTTPError with its status), and the connection stays usable.
 */
class CallbackErrorsTest extends AsyncHTTPTestCase {
  static AsyncHTTPClient client;
  static final AtomicInteger clientResponseCode = new AtomicInteger();

  /** Closed before the server's loops stop (this runs before the base class's teardown). */
  @AfterEach
  void closeClient() {
    if (client != null) {
      client.close();
      client = null;
    }
  }

  /** Counts writeError calls; the test reads the count. */
  public abstract static class CountingHandler extends RequestHandler {
    AtomicInteger errors;
    CountDownLatch settled;

    @Override
    protected void initialize(Map<String, Object> args) {
      errors = (AtomicInteger) args.get("errors");
      settled = (CountDownLatch) args.get("settled");
    }

    @Override
    protected void writeError(int status, Throwable exc) {
      errors.incrementAndGet();
      super.writeError(status, exc);
    }
  }

  public static class OkHandler extends RequestHandler {
    public void get() {
      write("ok");
    }
  }

  public static class CallbackHandler extends CountingHandler {
    @Asynchronous
    public void get(String kind) {
      IOLoop loop = IOLoop.current();
      switch (kind) {
        case "callLater" -> loop.callLater(Duration.ofMillis(5), () -> {
          throw new IllegalStateException("from callLater");
        });
        case "addCallback" -> loop.addCallback(() -> {
          throw new IllegalStateException("from addCallback");
        });
        case "addFuture" -> loop.addFuture(Gen.sleep(Duration.ofMillis(5)), f -> {
          throw new IllegalStateException("from addFuture");
        });
        case "nested" -> loop.callLater(Duration.ofMillis(5), () -> loop.addCallback(() -> {
          throw new IllegalStateException("from a callback's callback");
        }));
        case "httpError" -> loop.callLater(Duration.ofMillis(5), () -> {
          throw new HTTPError(403, "forbidden in a callback");
        });
        case "client" -> client.fetch(HTTPRequest.of("http://" + request().host() + "/ok"), response -> {
          clientResponseCode.set(response.code());
          throw new IllegalStateException("from the HTTP client's callback, after " + response.code());
        });
        case "twice" -> {
          loop.callLater(Duration.ofMillis(5), () -> {
            throw new IllegalStateException("first");
          });
          loop.callLater(Duration.ofMillis(30), () -> {
            throw new IllegalStateException("second");
          });
          loop.callLater(Duration.ofMillis(60), settled::countDown);
        }
        case "method" -> throw new IllegalStateException("from the method itself");
        default -> throw new HTTPError(404);
      }
    }
  }

  public static class CoroutineHandler extends CountingHandler {
    @Coroutine
    public CompletableFuture<Void> get(String kind) {
      await(Gen.sleep(Duration.ofMillis(5)));
      switch (kind) {
        case "throw" -> throw new IllegalStateException("after an await");
        case "httpError" -> throw new HTTPError(409, "conflict after an await");
        case "failedFuture" -> await(CompletableFuture.failedFuture(new IllegalArgumentException("failed")));
        default -> write("no error");
      }
      return CompletableFuture.completedFuture(null);
    }
  }

  public static class VoidCoroutineHandler extends CountingHandler {
    @Coroutine
    public void get() {
      await(Gen.sleep(Duration.ofMillis(5)));
      throw new HTTPError(418, "teapot after an await");
    }
  }

  private final AtomicInteger errors = new AtomicInteger();
  private final CountDownLatch settled = new CountDownLatch(1);

  @BeforeEach
  void reset() {
    errors.set(0);
  }

  @Override
  protected Application getApp() {
    Map<String, Object> args = Map.of("errors", errors, "settled", settled);
    return new Application(List.of(
        url("/ok", OkHandler.class),
        url("/callback/(\\w+)", CallbackHandler.class, args),
        url("/coroutine/(\\w+)", CoroutineHandler.class, args),
        url("/void", VoidCoroutineHandler.class, args)));
  }

  @Test
  void callbackExceptionsAre500() throws Exception {
    for (String kind : List.of("callLater", "addCallback", "addFuture", "nested", "method")) {
      assertAnsweredOnce("/callback/" + kind, 500);
    }
  }

  @Test
  void httpClientCallbackExceptionIs500() throws Exception {
    client = new AsyncHTTPClient();
    assertAnsweredOnce("/callback/client", 500);
    assertEquals(200, clientResponseCode.get());
  }

  @Test
  void httpErrorInACallbackKeepsItsStatus() throws Exception {
    assertAnsweredOnce("/callback/httpError", 403);
  }

  @Test
  @SuppressWarnings("try") // the expectation is checked when it closes
  void aSecondFailingCallbackDoesNotAnswerAgain() throws Exception {
    try (ExpectLog logged = ExpectLog.of("dev.cyclone.web", "GET /callback/twice");
        // the second failure comes after the request ended: the loop logs it
        ExpectLog late = ExpectLog.optional("dev.cyclone.ioloop.IOLoop", "Exception in callback");
        RawConnection c = new RawConnection(getHttpPort())) {
      assertEquals(500, c.get("/callback/twice").read().status());
      assertTrue(settled.await(5, TimeUnit.SECONDS));
      assertTrue(c.quietFor(50), "nothing more was sent");
      assertEquals(1, errors.get());
      assertEquals("ok", c.get("/ok").read().body());
    }
  }

  @Test
  void coroutineExceptionsAfterAnAwait() throws Exception {
    assertAnsweredOnce("/coroutine/throw", 500);
    assertAnsweredOnce("/coroutine/failedFuture", 500);
    assertAnsweredOnce("/coroutine/httpError", 409);
    assertAnsweredOnce("/void", 418);
    assertEquals("no error", fetch("/coroutine/none").body());
  }

  @SuppressWarnings("try") // the expectation is checked when it closes
  private void assertAnsweredOnce(String path, int status) throws Exception {
    errors.set(0);
    // a 500 is logged with its exception; a 4xx only when its HTTPError has a log message
    try (ExpectLog logged = status == 500
            ? ExpectLog.of("dev.cyclone.web", "Uncaught exception GET " + path)
            : ExpectLog.optional("dev.cyclone.web", status + " GET " + path);
        RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response response = c.get(path).read();
      assertEquals(status, response.status(), path);
      assertTrue(response.body().contains(status + ": "), response.body());
      assertEquals(1, errors.get(), path);
      // keep-alive: the same connection serves the next request
      assertEquals("ok", c.get("/ok").read().body(), path);
      assertEquals(1, errors.get(), path);
    }
  }
}

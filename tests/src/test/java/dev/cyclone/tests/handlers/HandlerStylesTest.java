package dev.cyclone.tests.handlers;

import static dev.cyclone.concurrent.Coroutines.await;
import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.annotations.Asynchronous;
import dev.cyclone.annotations.Coroutine;
import dev.cyclone.gen.Gen;
import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.Application;
import dev.cyclone.web.RequestHandler;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The three handler styles end to end over loopback: plain, {@code @Asynchronous} (finishes from a
 * callback), and {@code @Coroutine} (returning a future, or void), plus a {@code @Coroutine
 * prepare()}.
 */
class HandlerStylesTest extends AsyncHTTPTestCase {
  static final ExecutorService WORKERS = Executors.newSingleThreadExecutor();

  @AfterAll
  static void stopWorkers() {
    WORKERS.shutdownNow();
  }

  public static class PlainHandler extends RequestHandler {
    public void get() {
      write("plain");
    }

    public void post() {
      write("posted " + new String(request().body(), StandardCharsets.UTF_8));
    }
  }

  public static class CallbackHandler extends RequestHandler {
    @Asynchronous
    public void get() {
      String before = Thread.currentThread().getName();
      IOLoop.current().callLater(Duration.ofMillis(20), () ->
          finish("callback on the same loop: " + before.equals(Thread.currentThread().getName())));
    }
  }

  public static class FutureCoroutineHandler extends RequestHandler {
    @Coroutine
    public CompletableFuture<Void> get(String name) {
      String before = Thread.currentThread().getName();
      await(Gen.sleep(Duration.ofMillis(10)));
      // completed on another thread: the coroutine still resumes on its loop
      int answer = await(CompletableFuture.supplyAsync(() -> 42, WORKERS));
      write("hello " + name + " " + answer + " " + before.equals(Thread.currentThread().getName()));
      return CompletableFuture.completedFuture(null);
    }
  }

  public static class VoidCoroutineHandler extends RequestHandler {
    @Coroutine
    public void get() {
      await(Gen.sleep(Duration.ofMillis(20)));
      // written after a real suspension: only there if the request waited for the coroutine
      write("void coroutine");
    }

    @Coroutine
    public void put() {
      await(Gen.sleep(Duration.ofMillis(5)));
      setStatus(201);
      write("created");
    }
  }

  /** A plain (not @Coroutine) verb returning a stage: the request finishes when it completes. */
  public static class StageHandler extends RequestHandler {
    public CompletableFuture<Void> get() {
      return IOLoop.current().runInExecutor(WORKERS, () -> "from a worker").thenAccept(this::write);
    }
  }

  public static class PreparedHandler extends RequestHandler {
    AtomicInteger verbCalls;
    String user;

    @Override
    protected void initialize(Map<String, Object> args) {
      verbCalls = (AtomicInteger) args.get("verbCalls");
    }

    @Coroutine
    @Override
    protected void prepare() {
      user = await(lookUp(getQueryArgument("user", "")));
      if (user == null) {
        setStatus(403);
        finish("no such user");
      }
    }

    CompletableFuture<String> lookUp(String name) {
      CompletableFuture<String> found = new CompletableFuture<>();
      IOLoop.current().callLater(Duration.ofMillis(10), () -> found.complete(name.equals("ann") ? "Ann" : null));
      return found;
    }

    @Coroutine
    public void get() {
      verbCalls.incrementAndGet();
      await(Gen.sleep(Duration.ofMillis(1)));
      write("hello " + user);
    }
  }

  private final AtomicInteger verbCalls = new AtomicInteger();

  @Override
  protected Application getApp() {
    return new Application(List.of(
        url("/plain", PlainHandler.class),
        url("/callback", CallbackHandler.class),
        url("/future/(\\w+)", FutureCoroutineHandler.class),
        url("/void", VoidCoroutineHandler.class),
        url("/stage", StageHandler.class),
        url("/prepared", PreparedHandler.class, Map.of("verbCalls", verbCalls))));
  }

  @Test
  void plainVerbsFinishWhenTheyReturn() {
    HttpResponse<String> get = fetch("/plain");
    assertEquals(200, get.statusCode());
    assertEquals("plain", get.body());
    HttpResponse<String> post = fetch("/plain", "POST", "abc");
    assertEquals(200, post.statusCode());
    assertEquals("posted abc", post.body());
  }

  @Test
  void headIsServedByGetWithoutABody() {
    HttpResponse<String> head = fetch(request("/plain").method("HEAD", HttpRequest.BodyPublishers.noBody()));
    assertEquals(200, head.statusCode());
    assertEquals("", head.body());
    assertEquals("5", head.headers().firstValue("Content-Length").orElseThrow());
  }

  @Test
  void asynchronousVerbFinishesFromItsCallback() {
    HttpResponse<String> response = fetch("/callback");
    assertEquals(200, response.statusCode());
    assertEquals("callback on the same loop: true", response.body());
  }

  @Test
  void coroutineVerbFinishesWhenItsFutureCompletes() {
    HttpResponse<String> response = fetch("/future/ann");
    assertEquals(200, response.statusCode());
    assertEquals("hello ann 42 true", response.body());
  }

  @Test
  void voidCoroutineVerbFinishesWhenItsBodyEnds() {
    HttpResponse<String> get = fetch("/void");
    assertEquals(200, get.statusCode());
    assertEquals("void coroutine", get.body());
    HttpResponse<String> put = fetch("/void", "PUT", "");
    assertEquals(201, put.statusCode());
    assertEquals("created", put.body());
  }

  @Test
  void plainVerbReturningAStageFinishesWhenItCompletes() {
    HttpResponse<String> response = fetch("/stage");
    assertEquals(200, response.statusCode());
    assertEquals("from a worker", response.body());
  }

  @Test
  void coroutinePrepareRunsBeforeTheVerb() {
    HttpResponse<String> response = fetch("/prepared?user=ann");
    assertEquals(200, response.statusCode());
    assertEquals("hello Ann", response.body());
    assertEquals(1, verbCalls.get());
  }

  @Test
  void coroutinePrepareThatAnswersSkipsTheVerb() {
    HttpResponse<String> response = fetch("/prepared?user=bob");
    assertEquals(403, response.statusCode());
    assertEquals("no such user", response.body());
    assertEquals(0, verbCalls.get());
    assertTrue(fetch("/prepared?user=ann").body().equals("hello Ann"));
  }
}

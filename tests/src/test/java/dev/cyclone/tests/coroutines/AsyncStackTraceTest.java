package dev.cyclone.tests.coroutines;

import static dev.cyclone.concurrent.Coroutines.await;
import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.annotations.Coroutine;
import dev.cyclone.concurrent.AsyncStackTrace;
import dev.cyclone.gen.Gen;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.testing.ExpectLog;
import dev.cyclone.web.AppSettings;
import dev.cyclone.web.Application;
import dev.cyclone.web.RequestHandler;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A failure after an await carries the chain of coroutines that awaited it, in the user's terms
 * (class, method, file and the line of the await each last resumed from), in its stack trace
 * ({@link AsyncStackTrace}); the debug error page shows them.
 */
class AsyncStackTraceTest extends AsyncHTTPTestCase {
  private static final String SOURCE = "src/test/java/dev/cyclone/tests/coroutines/AsyncStackTraceTest.java";

  static class Chain {
    @Coroutine
    CompletableFuture<byte[]> fetchImage(String url) {
      await(Gen.moment()); // frame: fetchImage
      throw new UncheckedFailure("upstream closed: " + url);
    }

    @Coroutine
    CompletableFuture<Integer> render(String url) {
      byte[] image = await(fetchImage(url)); // frame: render
      return CompletableFuture.completedFuture(image.length);
    }

    @Coroutine
    CompletableFuture<Integer> caught(String url) {
      try {
        return CompletableFuture.completedFuture(await(render(url)));
      } catch (UncheckedFailure e) {
        return CompletableFuture.completedFuture(-1);
      }
    }

    @Coroutine
    CompletableFuture<Integer> neverSuspends() {
      throw new UncheckedFailure("at once");
    }
  }

  static final class UncheckedFailure extends RuntimeException {
    UncheckedFailure(String message) {
      super(message);
    }
  }

  public static class ImageHandler extends RequestHandler {
    @Coroutine
    public CompletableFuture<Void> get() {
      int size = await(new AsyncStackTraceTest_Chain_Coroutines().render("http://images/1")); // frame: get
      write("size " + size);
      return CompletableFuture.completedFuture(null);
    }
  }

  @Override
  protected Application getApp() {
    return new Application(List.of(url("/image", ImageHandler.class)),
        AppSettings.builder().debug(true).build());
  }

  private final Chain chain = new AsyncStackTraceTest_Chain_Coroutines();

  /** The line of the marker comment {@code // frame: name} in this file. */
  private static int lineOf(String name) throws IOException {
    List<String> lines = Files.readAllLines(Path.of(SOURCE));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).endsWith("// frame: " + name)) {
        return i + 1;
      }
    }
    throw new AssertionError("no marker for " + name);
  }

  private static String frame(String method) throws IOException {
    return "async/" + AsyncStackTraceTest.class.getName() + "$Chain." + method + "(AsyncStackTraceTest.java:" + lineOf(method) + ")";
  }

  @Test
  void aFailureAfterAnAwaitNamesTheAwaitingCoroutinesInnermostFirst() throws Exception {
    UncheckedFailure failure = assertThrows(UncheckedFailure.class, () -> runSync(() -> chain.render("u")));
    List<String> frames = AsyncStackTrace.of(failure).stream().map(StackTraceElement::toString).toList();
    assertEquals(List.of(frame("fetchImage"), frame("render")), frames);
    StackTraceElement[] trace = failure.getStackTrace();
    assertTrue(trace[trace.length - 3].getMethodName().equals("resume$"),
        "the loop's frames below the body give way to the async ones: " + Arrays.toString(trace));
  }

  @Test
  void aCaughtFailureStopsTheChainWhereItWasCaught() {
    assertEquals(-1, runSync(() -> chain.caught("u")));
  }

  @Test
  void aChainThatNeverSuspendedNeedsNoAsyncFrames() {
    UncheckedFailure failure = assertThrows(UncheckedFailure.class, () -> runSync(chain::neverSuspends));
    assertEquals(List.of(), AsyncStackTrace.of(failure), "the real stack trace has every frame");
  }

  @Test
  @SuppressWarnings("try") // the access line is only kept out of the output
  void theDebugErrorPageShowsTheAsyncFrames() throws Exception {
    HttpResponse<String> page;
    try (ExpectLog logged = ExpectLog.of("dev.cyclone.web", "Uncaught exception GET /image");
        ExpectLog access = ExpectLog.optional("dev.cyclone.access", "500 GET /image")) {
      page = fetch("/image");
      String line = logged.lines().get(0);
      assertTrue(line.contains("at async/"), "the log shows the async frames too: " + line);
    }
    assertEquals(500, page.statusCode());
    String body = page.body();
    int fetchImage = body.indexOf(frame("fetchImage"));
    int render = body.indexOf(frame("render"));
    int get = body.indexOf("async/" + AsyncStackTraceTest.class.getName() + "$ImageHandler.get(AsyncStackTraceTest.java:" + lineOf("get") + ")");
    assertTrue(fetchImage > 0 && render > fetchImage && get > render, body);
  }
}

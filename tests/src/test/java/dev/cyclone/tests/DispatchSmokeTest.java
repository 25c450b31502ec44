package dev.cyclone.tests;

import static dev.cyclone.concurrent.Coroutines.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cyclone.annotations.Coroutine;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.Application;
import dev.cyclone.web.RequestHandler;
import dev.cyclone.web.URLSpec;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The generated dispatcher serves typed path arguments and coroutine verbs. */
class DispatchSmokeTest extends AsyncHTTPTestCase {
  public static class ItemHandler extends RequestHandler {
    @Coroutine
    public CompletableFuture<Void> get(int id, String name) {
      String value = await(CompletableFuture.completedFuture("item " + (id + 1) + " " + name));
      write(value);
      return CompletableFuture.completedFuture(null);
    }
  }

  @Override
  protected Application getApp() {
    return new Application(List.of(URLSpec.url("/items/(\\d+)/(\\w+)", ItemHandler.class)));
  }

  @Test
  void typedArgumentsReachTheCoroutine() throws Exception {
    HttpResponse<String> response = fetch("/items/41/x");
    assertEquals(200, response.statusCode());
    assertEquals("item 42 x", response.body());
  }
}

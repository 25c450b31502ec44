package dev.cyclone.tests.handlers;

import static dev.cyclone.concurrent.Coroutines.await;
import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.cyclone.annotations.Coroutine;
import dev.cyclone.gen.Gen;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.Application;
import dev.cyclone.web.HandlerDispatchers;
import dev.cyclone.web.RequestHandler;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A base handler's coroutines (a {@code void @Coroutine prepare()}, a verb) are compiled into each
 * concrete subclass's {@code _Coroutines} and dispatched as coroutines.
 */
class InheritedCoroutinesTest extends AsyncHTTPTestCase {
  public abstract static class AuthenticatedHandler extends RequestHandler {
    String user;

    /** Looks the user up without blocking, before every verb. */
    @Override
    @Coroutine
    public void prepare() {
      await(Gen.sleep(Duration.ofMillis(5)));
      user = getArgument("user", "anonymous");
    }

    @Coroutine
    public CompletableFuture<Void> get() {
      String greeting = await(greeting());
      write(greeting + ", " + user);
      return CompletableFuture.completedFuture(null);
    }

    abstract CompletableFuture<String> greeting();
  }

  public static class HelloHandler extends AuthenticatedHandler {
    @Override
    CompletableFuture<String> greeting() {
      return Gen.sleep(Duration.ofMillis(5)).thenApply(v -> "hello");
    }
  }

  @Override
  protected Application getApp() {
    return new Application(List.of(url("/hello", HelloHandler.class)));
  }

  @Test
  void inheritedPrepareAndVerbRunAsCoroutines() {
    HttpResponse<String> response = fetch("/hello?user=ada");
    assertEquals(200, response.statusCode());
    assertEquals("hello, ada", response.body());
  }

  @Test
  void theSubclassIsCreatedThroughItsGeneratedClass() throws Exception {
    Object handler = HandlerDispatchers.forClass(HelloHandler.class).create();
    assertSame(Class.forName(HelloHandler.class.getPackageName() + ".InheritedCoroutinesTest_HelloHandler_Coroutines"),
        handler.getClass());
  }
}

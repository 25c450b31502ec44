package dev.cyclone.tests.handlers;

import static dev.cyclone.concurrent.Coroutines.await;
import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.annotations.Coroutine;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.Application;
import dev.cyclone.web.HandlerDispatcher;
import dev.cyclone.web.HandlerDispatchers;
import dev.cyclone.web.RequestHandler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Handlers are served by their generated {@code _Dispatcher}, which knows their verbs at compile
 * time: 405 with the exact Allow header for the others.
 */
class GeneratedDispatchTest extends AsyncHTTPTestCase {
  public static class GetPostHandler extends RequestHandler {
    public void get() {
      write("get");
    }

    public void post() {
      write("post");
    }
  }

  public static class PostOnlyHandler extends RequestHandler {
    public void post() {
      write("post");
    }
  }

  public static class EveryVerbHandler extends RequestHandler {
    public void get() {}

    public void head() {}

    public void post() {}

    public void delete() {}

    public void patch() {}

    public void put() {}

    public void options() {}
  }

  public static class CoroutineHandler extends RequestHandler {
    @Coroutine
    public CompletableFuture<String> get() {
      write(await(CompletableFuture.completedFuture("coroutine")));
      return CompletableFuture.completedFuture("ignored");
    }
  }

  /** A subclass inherits its verbs: the dispatcher calls the inherited methods. */
  public static class InheritingHandler extends GetPostHandler {
    public void delete() {
      write("delete");
    }
  }

  @Override
  protected Application getApp() {
    return new Application(List.of(
        url("/getpost", GetPostHandler.class),
        url("/postonly", PostOnlyHandler.class),
        url("/every", EveryVerbHandler.class),
        url("/coroutine", CoroutineHandler.class),
        url("/inheriting", InheritingHandler.class)));
  }

  @Test
  void theGeneratedDispatcherServesEachHandler() throws Exception {
    for (Class<? extends RequestHandler> handler : List.of(GetPostHandler.class, PostOnlyHandler.class,
        EveryVerbHandler.class, CoroutineHandler.class, InheritingHandler.class)) {
      Class<?> generated = Class.forName(
          "dev.cyclone.tests.handlers.GeneratedDispatchTest_" + handler.getSimpleName() + "_Dispatcher");
      HandlerDispatcher<?> dispatcher = HandlerDispatchers.forClass(handler);
      assertSame(generated, dispatcher.getClass(), handler.getSimpleName());
    }
  }

  @Test
  void aHandlerWithCoroutinesIsCreatedAsItsCompiledSubclass() throws Exception {
    Object handler = HandlerDispatchers.forClass(CoroutineHandler.class).create();
    assertInstanceOf(Class.forName("dev.cyclone.tests.handlers.GeneratedDispatchTest_CoroutineHandler_Coroutines"),
        handler);
    assertEquals(GetPostHandler.class, HandlerDispatchers.forClass(GetPostHandler.class).create().getClass());
  }

  @Test
  void nothingIsDispatchedByReflection() {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true));
    try {
      assertEquals("get", fetch("/getpost").body());
      assertEquals("coroutine", fetch("/coroutine").body());
      assertEquals("delete", fetch("/inheriting", "DELETE", null).body());
      org.slf4j.LoggerFactory.getLogger(GeneratedDispatchTest.class).warn("marker");
    } finally {
      System.setErr(err);
    }
    String log = captured.toString();
    assertTrue(log.contains("marker"), "the log was captured: " + log);
    assertFalse(log.contains("[ReflectiveDispatch]"), log);
  }

  @Test
  void otherVerbsAre405WithTheExactAllowHeader() {
    HttpResponse<String> delete = fetch("/getpost", "DELETE", null);
    assertEquals(405, delete.statusCode());
    assertEquals("GET, HEAD, POST", delete.headers().firstValue("Allow").orElseThrow());

    HttpResponse<String> get = fetch("/postonly");
    assertEquals(405, get.statusCode());
    assertEquals("POST", get.headers().firstValue("Allow").orElseThrow());

    HttpResponse<String> head = fetch(request("/postonly").method("HEAD", HttpRequest.BodyPublishers.noBody()));
    assertEquals(405, head.statusCode());
    assertEquals("POST", head.headers().firstValue("Allow").orElseThrow());

    HttpResponse<String> put = fetch("/inheriting", "PUT", "");
    assertEquals(405, put.statusCode());
    assertEquals("GET, HEAD, POST, DELETE", put.headers().firstValue("Allow").orElseThrow());
  }

  @Test
  void everyVerbIsDispatched() {
    for (String verb : List.of("GET", "HEAD", "POST", "DELETE", "PATCH", "PUT", "OPTIONS")) {
      assertEquals(200, fetch("/every", verb, verb.equals("GET") || verb.equals("HEAD") ? null : "").statusCode(),
          verb);
    }
  }

  @Test
  void anUnknownMethodIs405() {
    HttpResponse<String> response = fetch("/every", "FOO", null);
    assertEquals(405, response.statusCode());
    assertEquals("GET, HEAD, POST, DELETE, PATCH, PUT, OPTIONS",
        response.headers().firstValue("Allow").orElseThrow());
  }
}

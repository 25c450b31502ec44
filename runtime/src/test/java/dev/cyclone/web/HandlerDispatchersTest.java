package dev.cyclone.web;

import dev.cyclone.testing.ExpectLog;
import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.annotations.Asynchronous;
import dev.cyclone.testing.AsyncHTTPTestCase;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * How a handler class is dispatched: a generated {@code _Dispatcher} when present, otherwise the
 * reflective fallback, which instantiates the generated {@code _Coroutines} subclass when there is
 * one and checks verb methods when the application is built.
 */
class HandlerDispatchersTest extends AsyncHTTPTestCase {

  /** Has a "generated" subclass: HandlerDispatchersTest_CoHandler_Coroutines. */
  public static class CoHandler extends RequestHandler {
    public CompletableFuture<Void> get() {
      write("uncompiled");
      return CompletableFuture.completedFuture(null);
    }
  }

  /** Has a "generated" dispatcher: HandlerDispatchersTest_GenHandler_Dispatcher. */
  public static class GenHandler extends RequestHandler {
    public void get(String id) {
      write("reflective " + id);
    }
  }

  public static class AllVerbsHandler extends RequestHandler {
    public void get() {}

    public void post() {}

    public void put() {}

    public void patch() {}

    public void delete() {}

    public void options() {}

    @Asynchronous
    public void head() {
      finish();
    }
  }

  public static class BadParameterHandler extends RequestHandler {
    public void get(int id) {}
  }

  public static class OverloadedHandler extends RequestHandler {
    public void get() {}

    public void get(String id) {}
  }

  public static class NoDefaultConstructorHandler extends RequestHandler {
    public NoDefaultConstructorHandler(String x) {}

    public void get() {}
  }

  public static class BadReturnHandler extends RequestHandler {
    public String get() {
      return "x";
    }
  }

  public static class WrongArityHandler extends RequestHandler {
    public void get(String a, String b) {}
  }

  @Override
  protected Application getApp() {
    return new Application(
        List.of(
            url("/co", CoHandler.class),
            url("/gen/(\\d+)", GenHandler.class),
            url("/arity/(\\d+)", WrongArityHandler.class)));
  }

  @Test
  void reflectiveDispatchCreatesTheGeneratedCoroutinesSubclass() throws Exception {
    HandlerDispatcher<CoHandler> d = HandlerDispatchers.forClass(CoHandler.class);
    assertInstanceOf(ReflectiveDispatcher.class, d);
    assertInstanceOf(HandlerDispatchersTest_CoHandler_Coroutines.class, d.create());
    assertEquals("compiled", fetch("/co").body());
  }

  @Test
  void aGeneratedDispatcherIsUsedWhenPresent() {
    HandlerDispatcher<GenHandler> d = HandlerDispatchers.forClass(GenHandler.class);
    assertInstanceOf(HandlerDispatchersTest_GenHandler_Dispatcher.class, d);
    assertSame(d, HandlerDispatchers.forClass(GenHandler.class), "one dispatcher per class");
    assertEquals("generated 7", fetch("/gen/7").body());
  }

  @Test
  void supportedMethodsAreTheDeclaredVerbs() {
    assertEquals(
        Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"),
        HandlerDispatchers.forClass(AllVerbsHandler.class).methods());
    assertEquals(Set.of("GET"), HandlerDispatchers.forClass(CoHandler.class).methods());
  }

  public static class WaitingHandler extends RequestHandler {
    @Asynchronous
    public void get() {}
  }

  @Test
  void asynchronousVerbReturnsTheFinishFuture() throws Exception {
    HandlerDispatcher<WaitingHandler> waiting = HandlerDispatchers.forClass(WaitingHandler.class);
    WaitingHandler h = waiting.create();
    assertSame(h.finishFuture(), waiting.invoke(h, "GET", PathArguments.NONE));
    HandlerDispatcher<AllVerbsHandler> plain = HandlerDispatchers.forClass(AllVerbsHandler.class);
    assertSame(null, plain.invoke(plain.create(), "GET", PathArguments.NONE), "a plain method: null");
  }

  @Test
  void badHandlersFailWhenTheRouteIsBuilt() {
    assertRule("[VerbParameter]", BadParameterHandler.class);
    assertRule("[VerbOverload]", OverloadedHandler.class);
    assertRule("[HandlerConstructor]", NoDefaultConstructorHandler.class);
    assertRule("[VerbReturn]", BadReturnHandler.class);
  }

  @Test
  void pathArgumentCountMismatchIs500() {
    try (ExpectLog logged = ExpectLog.of("dev.cyclone.web", "Uncaught exception GET /arity/1")) {
      assertEquals(500, fetch("/arity/1").statusCode());
    }
  }

  private static void assertRule(String rule, Class<? extends RequestHandler> handler) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> url("/", handler, Map.of()));
    assertTrue(e.getMessage().startsWith(rule), e.getMessage());
  }
}

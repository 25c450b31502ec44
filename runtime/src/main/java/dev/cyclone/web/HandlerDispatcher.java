package dev.cyclone.web;

import io.netty.buffer.ByteBuf;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Creates the handlers of one {@link RequestHandler} class and calls their verb methods: the one
 * place where the web layer meets a handler's own code. The annotation processor generates an
 * implementation per handler class ({@code p.Outer_Inner_Dispatcher} for {@code p.Outer.Inner},
 * with a public no-argument constructor), so that nothing is looked up by reflection while serving
 * a request; a handler compiled without the processor is served by a reflective fallback. See
 * {@link HandlerDispatchers} for how one is chosen.
 *
 * <p>Every method is called on the request's connection loop. An implementation holds no
 * per-request state: one instance serves every request to its routes, on every loop.
 *
 * @param <H> the handler class
 */
public interface HandlerDispatcher<H extends RequestHandler> {
  /**
   * A new handler, once per request, before anything else happens to it. For a class with
   * {@code @Coroutine} methods this is an instance of the generated subclass {@code p.Foo_Coroutines}.
   */
  H create() throws Exception;

  /**
   * The HTTP methods the handler implements, upper case ({@code "GET"}, {@code "POST"}, ...). A
   * request for another method is answered 405 with an {@code Allow} header listing these (plus
   * {@code HEAD} when {@code GET} is there: a handler without {@code head()} answers HEAD through
   * {@code get()}, the body dropped).
   */
  Set<String> methods();

  /**
   * Runs the handler's {@code prepare()} hook, after {@code initialize} and before the verb.
   * Returns null when it is done, or a stage that completes when it is (a {@code @Coroutine}
   * prepare); its failure is answered as the verb's would be.
   */
  default CompletionStage<?> prepare(H handler) throws Exception {
    handler.prepare();
    return null;
  }

  /**
   * Calls the verb method for {@code method} (one of {@link #methods()}, upper case) with the
   * route's path arguments. Returns:
   *
   * <ul>
   *   <li>null for a plain method that has returned: the request is finished now unless the
   *       handler finished it already;
   *   <li>a stage for a method whose work goes on: a {@code @Coroutine}'s future (the request is
   *       finished when it completes), or for an {@code @Asynchronous} method {@link
   *       RequestHandler#finishFuture()} (the handler calls {@code finish()} itself).
   * </ul>
   *
   * An exception thrown here, or a failed stage, is answered through {@code writeError}: an {@link
   * HTTPError} with its status, anything else with 500.
   */
  CompletionStage<?> invoke(H handler, String method, PathArguments args) throws Exception;

  /**
   * The {@code @Asynchronous(timeout = ...)} of the verb for {@code method}, in milliseconds, or 0
   * when it has none: a request not finished by then is answered 503.
   */
  default long timeoutMillis(String method) {
    return 0;
  }

  /**
   * Whether {@code handlerClass} (the route's; null for a route built from a dispatcher) takes its
   * request bodies as a stream: it is marked {@link dev.cyclone.annotations.StreamRequestBody}.
   * Then {@code prepare} runs when the headers arrive, {@link #dataReceived} for each piece of the
   * body, and the verb at its end. Asked once, when the route is made; a marked class without a
   * usable {@code dataReceived} fails then, with {@code [StreamRequestBodyMethod]}.
   */
  default boolean streamsBody(Class<?> handlerClass) {
    return handlerClass != null && BodyStreaming.of(handlerClass).streams();
  }

  /**
   * Calls the handler's {@code dataReceived} with the next piece of its body. Returns null when it
   * is done with the piece, or a stage that completes when it is: until then the connection reads
   * nothing more. {@code chunk} stays valid until then, and is released after.
   */
  default CompletionStage<?> dataReceived(H handler, ByteBuf chunk) throws Exception {
    try {
      return BodyStreaming.of(handler.getClass()).deliver(handler, chunk);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new java.lang.reflect.UndeclaredThrowableException(t);
    }
  }
}

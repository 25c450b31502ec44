package dev.cyclone.websocket;

import dev.cyclone.web.HandlerDispatcher;
import dev.cyclone.web.PathArguments;
import java.util.concurrent.CompletionStage;

/**
 * The {@link HandlerDispatcher} of a {@link WebSocketHandler} subclass, which also calls the
 * methods the subclass declares for the socket's life: {@code open} and {@code onMessage}. The
 * processor generates it ({@code p.Foo_Dispatcher}), so nothing is looked up by reflection while a
 * socket is served; a handler compiled without the processor gets a reflective fallback.
 *
 * <p>Each method returns null when the handler's method is plain and has returned, or a stage that
 * completes when it is done: a {@code @Coroutine}'s future, or for an {@code @Asynchronous} method
 * the future {@link WebSocketHandler#expectDone()} made before the call. The next message is not
 * delivered until then. Every method is called on the socket's loop.
 *
 * @param <H> the handler class
 */
public interface WebSocketDispatcher<H extends WebSocketHandler> extends HandlerDispatcher<H> {
  /**
   * Calls {@code open(...)} with the route's path arguments, converted as a verb's are; returns
   * null at once when the class declares no {@code open}.
   */
  CompletionStage<?> open(H handler, PathArguments args) throws Exception;

  /** True when the class declares {@code onMessage(String)}. */
  boolean acceptsText();

  /** True when the class declares {@code onMessage(byte[])}. */
  boolean acceptsBinary();

  /** Calls {@code onMessage(String)}; only when {@link #acceptsText()}. */
  CompletionStage<?> onMessage(H handler, String message) throws Exception;

  /** Calls {@code onMessage(byte[])}; only when {@link #acceptsBinary()}. */
  CompletionStage<?> onMessage(H handler, byte[] message) throws Exception;
}

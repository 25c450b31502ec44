package dev.cyclone.processor.model;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * A concrete {@code RequestHandler} subclass, and what its generated {@code Foo_Dispatcher} needs
 * to create it and call its verb methods without reflection.
 *
 * @param type the handler class
 * @param packageName its package
 * @param dispatcherName the simple name of the dispatcher ({@code Outer_Inner_Dispatcher})
 * @param coroutinesName the generated subclass to instantiate, or null when it has no coroutines
 * @param verbs its verb methods, in the order of {@code GET, HEAD, POST, DELETE, PATCH, PUT, OPTIONS}
 * @param prepare its {@code prepare()} when that is a coroutine, else null
 * @param webSocket for a {@code WebSocketHandler}, the methods its socket calls; else null
 * @param bodyStream for a {@code @StreamRequestBody} handler, its {@code dataReceived}; else null
 */
public record HandlerClass(
    TypeElement type,
    String packageName,
    String dispatcherName,
    String coroutinesName,
    List<Verb> verbs,
    Verb prepare,
    WebSocket webSocket,
    BodyStream bodyStream) {

  /**
   * The {@code dataReceived} of a {@code @StreamRequestBody} handler (its {@link Verb#httpMethod()}
   * is {@code "DATA"}), and whether it takes a {@code byte[]} (else Cyclone's {@code ByteBuf}).
   */
  public record BodyStream(Verb dataReceived, boolean bytes) {}

  /**
   * What a {@code WebSocketHandler} subclass declares for its socket's life, each null when absent:
   * {@code open(...)} (taking path arguments as a verb does), {@code onMessage(String)} and
   * {@code onMessage(byte[])}.
   */
  public record WebSocket(Verb open, Verb onText, Verb onBinary) {}

  /** How a verb method runs, which says what the dispatcher returns for it. */
  public enum Style {
    /** Plain: the request finishes when it returns. */
    PLAIN,
    /** {@code @Asynchronous}: the handler calls {@code finish()} itself. */
    ASYNCHRONOUS,
    /** Returns a future (a {@code @Coroutine}, or a plain method returning a stage). */
    FUTURE,
    /** A {@code void @Coroutine}: its future comes from the generated {@code name$coroutine}. */
    VOID_COROUTINE
  }

  /**
   * A verb method: {@code httpMethod} ({@code "GET"}) → {@code method}, its path parameters and
   * the {@code @Asynchronous} timeout in milliseconds (0 for none).
   */
  public record Verb(
      String httpMethod, ExecutableElement method, Style style, List<PathParameter> parameters,
      boolean varargs, long timeoutMillis) {}

  /**
   * A verb parameter filled from a path argument: its name (matched against named groups), and how
   * the argument's text is converted.
   *
   * @param conversion the {@code PathConversions} method to call, or null for a String
   * @param target the class passed to the conversion (an enum, or a type with {@code valueOf}),
   *     or null
   */
  public record PathParameter(String name, String conversion, TypeElement target) {}
}

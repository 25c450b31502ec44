package dev.cyclone.websocket;

import dev.cyclone.annotations.Asynchronous;
import dev.cyclone.web.PathArguments;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.CompletionStage;

/**
 * The fallback for a {@link WebSocketHandler} compiled without the Cyclone processor: finds {@code
 * open(String...)} and {@code onMessage(String|byte[])} by reflection, once per class. The verbs
 * themselves (the upgrade's GET) go through the web layer's own fallback; this class only serves
 * what {@link WebSocketDispatcher} adds, so its {@code HandlerDispatcher} methods are not used.
 */
final class ReflectiveWebSocketDispatcher {
  private static final ClassValue<ReflectiveWebSocketDispatcher> CACHE =
      new ClassValue<>() {
        @Override
        protected ReflectiveWebSocketDispatcher computeValue(Class<?> type) {
          return new ReflectiveWebSocketDispatcher(type);
        }
      };

  private final Method open;
  private final Method onText;
  private final Method onBinary;

  private ReflectiveWebSocketDispatcher(Class<?> type) {
    this.open = find(type, "open", null);
    this.onText = find(type, "onMessage", String.class);
    this.onBinary = find(type, "onMessage", byte[].class);
  }

  /** The dispatcher of {@code type} (a handler's class, or its generated {@code _Coroutines}). */
  static WebSocketDispatcher<WebSocketHandler> of(Class<?> type) {
    ReflectiveWebSocketDispatcher methods = CACHE.get(type);
    return new WebSocketDispatcher<>() {
      @Override
      public WebSocketHandler create() {
        throw new UnsupportedOperationException("created by the web layer's dispatcher");
      }

      @Override
      public java.util.Set<String> methods() {
        return java.util.Set.of("GET");
      }

      @Override
      public CompletionStage<?> invoke(WebSocketHandler h, String method, PathArguments args) {
        throw new UnsupportedOperationException("invoked by the web layer's dispatcher");
      }

      @Override
      public CompletionStage<?> open(WebSocketHandler handler, PathArguments args) throws Exception {
        if (methods.open == null) {
          return null;
        }
        Object[] call =
            methods.open.isVarArgs()
                ? new Object[] {args.inOrder().toArray(new String[0])}
                : args.inOrder().toArray();
        if (!methods.open.isVarArgs() && call.length != methods.open.getParameterCount()) {
          throw new IllegalStateException(
              "[PathArgs] " + methods.open + " takes " + methods.open.getParameterCount()
                  + " path arguments but its route captured " + call.length);
        }
        return methods.call(methods.open, handler, call);
      }

      @Override
      public boolean acceptsText() {
        return methods.onText != null;
      }

      @Override
      public boolean acceptsBinary() {
        return methods.onBinary != null;
      }

      @Override
      public CompletionStage<?> onMessage(WebSocketHandler handler, String message) throws Exception {
        return methods.call(methods.onText, handler, new Object[] {message});
      }

      @Override
      public CompletionStage<?> onMessage(WebSocketHandler handler, byte[] message)
          throws Exception {
        return methods.call(methods.onBinary, handler, new Object[] {message});
      }
    };
  }

  private CompletionStage<?> call(Method m, WebSocketHandler handler, Object[] args) throws Exception {
    boolean asynchronous = m.isAnnotationPresent(Asynchronous.class);
    CompletionStage<?> done = asynchronous ? handler.expectDone() : null;
    Object result;
    try {
      result = m.invoke(handler, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Error error) {
        throw error;
      }
      throw (Exception) cause;
    }
    return asynchronous ? done : (CompletionStage<?>) result;
  }

  /** The most derived method {@code name} below WebSocketHandler, taking {@code parameter}. */
  private static Method find(Class<?> type, String name, Class<?> parameter) {
    for (Class<?> c = type; c != null && c != WebSocketHandler.class; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        if (!m.getName().equals(name) || m.isSynthetic() || m.isBridge()
            || Modifier.isStatic(m.getModifiers())) {
          continue;
        }
        boolean fits = parameter == null
            ? java.util.Arrays.stream(m.getParameterTypes()).allMatch(
                p -> p == String.class || p == String[].class)
            : m.getParameterCount() == 1 && m.getParameterTypes()[0] == parameter;
        if (fits) {
          Class<?> r = m.getReturnType();
          if (r != void.class && !CompletionStage.class.isAssignableFrom(r)) {
            throw new IllegalArgumentException(
                "[WebSocketMethodReturn] " + c.getName() + "." + name
                    + "() returns " + r.getSimpleName() + "; it returns void or a CompletionStage");
          }
          m.setAccessible(true);
          return m;
        }
      }
    }
    return null;
  }
}

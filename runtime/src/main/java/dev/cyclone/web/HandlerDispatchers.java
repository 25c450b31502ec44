package dev.cyclone.web;

import java.lang.reflect.InvocationTargetException;

/**
 * Finds the {@link HandlerDispatcher} of a handler class, once per route when the {@link
 * Application} is built: the processor's generated {@code p.Foo_Dispatcher} when it exists,
 * otherwise a reflective fallback (which logs once, on first use, that it is slower).
 */
public final class HandlerDispatchers {
  private static final ClassValue<HandlerDispatcher<?>> CACHE =
      new ClassValue<>() {
        @Override
        protected HandlerDispatcher<?> computeValue(Class<?> type) {
          return create(type.asSubclass(RequestHandler.class));
        }
      };

  private HandlerDispatchers() {}

  /**
   * The dispatcher for {@code type}: generated if available, reflective otherwise. Fails with an
   * {@link IllegalArgumentException} naming the rule when the class cannot be a handler (abstract,
   * no no-argument constructor, a verb method with a parameter that is not a String, ...).
   * Thread-safe; the answer is cached per class.
   */
  @SuppressWarnings("unchecked")
  public static <H extends RequestHandler> HandlerDispatcher<H> forClass(Class<H> type) {
    return (HandlerDispatcher<H>) CACHE.get(type);
  }

  private static <H extends RequestHandler> HandlerDispatcher<?> create(Class<H> type) {
    Class<?> generated = GeneratedNames.find(type, GeneratedNames.DISPATCHER);
    if (generated != null && HandlerDispatcher.class.isAssignableFrom(generated)) {
      try {
        return (HandlerDispatcher<?>) generated.getConstructor().newInstance();
      } catch (InvocationTargetException e) {
        throw new IllegalStateException(
            "[GeneratedDispatcher] " + generated.getName() + " failed to start", e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(
            "[GeneratedDispatcher] "
                + generated.getName()
                + " needs a public no-argument constructor; rebuild with the same cyclone-processor"
                + " version as the runtime",
            e);
      }
    }
    return new ReflectiveDispatcher<>(type);
  }
}

package dev.cyclone.web;

import dev.cyclone.annotations.Asynchronous;
import dev.cyclone.annotations.Authenticated;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fallback {@link HandlerDispatcher} for a handler compiled without the Cyclone processor: it
 * finds the verb methods ({@code get}, {@code post}, ...) by name and calls them by reflection.
 * Verb methods take Strings (one per path argument, or a {@code String...}) and return void or a
 * {@link CompletionStage}. If the processor generated {@code p.Foo_Coroutines}, the handler is an
 * instance of it, so compiled {@code @Coroutine} methods still run.
 *
 * <p>Everything is checked when the dispatcher is built, so a bad handler fails when the {@link
 * Application} is created, not on its first request. Logs once, at first use, that it is slower
 * than generated dispatch.
 */
final class ReflectiveDispatcher<H extends RequestHandler> implements HandlerDispatcher<H> {
  private static final Logger log = LoggerFactory.getLogger(ReflectiveDispatcher.class);

  /** The verbs Tornado's RequestHandler knows (SUPPORTED_METHODS). */
  static final List<String> VERBS = List.of("GET", "HEAD", "POST", "DELETE", "PATCH", "PUT", "OPTIONS");

  /**
   * True if {@code method} is one of {@link #VERBS}; asked per request. The server names the
   * standard methods by these very literals ({@code HTTP1ServerHandler.methodName}), so a request's
   * method is nearly always one of them by reference, which reads nothing of the string: on a loop
   * whose caches the kernel's network path keeps evicting, even a string's hash or a list's array
   * is a cache miss. Any other string is asked by its characters.
   */
  @SuppressWarnings("StringEquality") // the reference comparison is the point
  static boolean isVerb(String method) {
    if (method == "GET" || method == "POST" || method == "HEAD" || method == "PUT"
        || method == "DELETE" || method == "PATCH" || method == "OPTIONS") {
      return true;
    }
    return switch (method) {
      case "GET", "HEAD", "POST", "DELETE", "PATCH", "PUT", "OPTIONS" -> true;
      default -> false;
    };
  }

  private final Class<H> type;
  private final Constructor<? extends H> constructor;
  private final Map<String, Method> verbs;
  private final AtomicBoolean announced = new AtomicBoolean();

  ReflectiveDispatcher(Class<H> type) {
    this.type = type;
    this.constructor = findConstructor(type);
    this.verbs = findVerbs(type);
  }

  @Override
  public H create() throws Exception {
    if (!announced.get() && announced.compareAndSet(false, true)) { // a read, not a fence, per request
      log.info(
          "[ReflectiveDispatch] {} is dispatched by reflection, which is slower: build it with"
              + " cyclone-processor on the annotation processor path to generate {}",
          type.getName(),
          GeneratedNames.of(type, GeneratedNames.DISPATCHER));
    }
    try {
      return constructor.newInstance();
    } catch (InvocationTargetException e) {
      throw rethrow(e.getCause());
    }
  }

  @Override
  public long timeoutMillis(String method) {
    Method m = verbs.get(method);
    Asynchronous asynchronous = m == null ? null : m.getAnnotation(Asynchronous.class);
    return asynchronous == null ? 0 : asynchronous.unit().toMillis(asynchronous.timeout());
  }

  @Override
  public Set<String> methods() {
    return verbs.keySet();
  }

  @Override
  public CompletionStage<?> invoke(H handler, String method, PathArguments args) throws Exception {
    Method m = verbs.get(method);
    if (m == null) {
      throw new IllegalStateException(
          "[UnknownVerb] " + type.getName() + " has no method for " + method);
    }
    if (m.isAnnotationPresent(Authenticated.class) && !LoginGuard.admit(handler)) {
      return null; // redirected to the login page
    }
    Object result;
    try {
      result = m.invoke(handler, arguments(m, args));
    } catch (InvocationTargetException e) {
      throw rethrow(e.getCause());
    }
    if (m.getReturnType() == void.class) {
      return m.isAnnotationPresent(Asynchronous.class) ? handler.finishFuture() : null;
    }
    return (CompletionStage<?>) result;
  }

  private Object[] arguments(Method m, PathArguments args) {
    Parameter[] params = m.getParameters();
    if (m.isVarArgs()) {
      Object[] call = new Object[1];
      call[0] = args.inOrder().toArray(new String[0]);
      return call;
    }
    Object[] call = new Object[params.length];
    if (!args.named().isEmpty() && allNamesPresent(params)) {
      for (int i = 0; i < params.length; i++) {
        if (!args.named().containsKey(params[i].getName())) {
          throw new IllegalStateException(
              "[PathArgs] "
                  + describe(m)
                  + " has a parameter \""
                  + params[i].getName()
                  + "\" but the route's named groups are "
                  + args.named().keySet());
        }
        call[i] = args.named().get(params[i].getName());
      }
      return call;
    }
    List<String> values = args.inOrder();
    if (values.size() != params.length) {
      throw new IllegalStateException(
          "[PathArgs] "
              + describe(m)
              + " takes "
              + params.length
              + " path arguments but its route captured "
              + values.size()
              + "; make the pattern's groups match the method's parameters");
    }
    return values.toArray();
  }

  private static boolean allNamesPresent(Parameter[] params) {
    for (Parameter p : params) {
      if (!p.isNamePresent()) {
        return false;
      }
    }
    return true;
  }

  private static <H> Constructor<? extends H> findConstructor(Class<H> type) {
    Class<?> generated = GeneratedNames.find(type, GeneratedNames.COROUTINES);
    Class<? extends H> impl =
        generated != null && type.isAssignableFrom(generated) ? generated.asSubclass(type) : type;
    if (Modifier.isAbstract(impl.getModifiers()) || impl.isInterface()) {
      throw new IllegalArgumentException(
          "[HandlerAbstract] " + impl.getName() + " is abstract; route to a concrete handler class");
    }
    if (impl.getEnclosingClass() != null && !Modifier.isStatic(impl.getModifiers())) {
      throw new IllegalArgumentException(
          "[HandlerInnerClass] " + impl.getName() + " is an inner class; declare it static");
    }
    try {
      Constructor<? extends H> c = impl.getDeclaredConstructor();
      c.setAccessible(true);
      return c;
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          "[HandlerConstructor] "
              + impl.getName()
              + " needs a no-argument constructor; take per-route values in initialize(args)");
    }
  }

  private static Map<String, Method> findVerbs(Class<?> type) {
    Map<String, Method> found = new LinkedHashMap<>();
    for (String verb : VERBS) {
      String name = verb.toLowerCase(Locale.ROOT);
      // The most derived declaration wins; RequestHandler itself declares no verb methods.
      for (Class<?> c = type; c != RequestHandler.class && c != null; c = c.getSuperclass()) {
        Method match = null;
        for (Method m : c.getDeclaredMethods()) {
          if (!m.getName().equals(name) || m.isSynthetic() || m.isBridge()) {
            continue;
          }
          if (match != null) {
            throw new IllegalArgumentException(
                "[VerbOverload] "
                    + c.getName()
                    + " declares "
                    + name
                    + "() more than once; keep one, and give it one String per path argument");
          }
          match = m;
        }
        if (match != null) {
          check(match);
          match.setAccessible(true);
          found.put(verb, match);
          break;
        }
      }
    }
    return Collections.unmodifiableMap(found);
  }

  private static void check(Method m) {
    if (Modifier.isStatic(m.getModifiers())) {
      throw new IllegalArgumentException("[VerbStatic] " + describe(m) + " must not be static");
    }
    for (Class<?> p : m.getParameterTypes()) {
      if (p != String.class && p != String[].class) {
        throw new IllegalArgumentException(
            "[VerbParameter] "
                + describe(m)
                + " takes a "
                + p.getSimpleName()
                + "; without generated dispatch path arguments are Strings (build with"
                + " cyclone-processor for typed arguments)");
      }
    }
    Class<?> r = m.getReturnType();
    if (r != void.class && !CompletionStage.class.isAssignableFrom(r)) {
      throw new IllegalArgumentException(
          "[VerbReturn] "
              + describe(m)
              + " returns "
              + r.getSimpleName()
              + "; a verb method returns void or a CompletionStage");
    }
    if (m.isAnnotationPresent(Asynchronous.class) && r != void.class) {
      throw new IllegalArgumentException(
          "[AsynchronousReturn] " + describe(m) + " is @Asynchronous and must return void");
    }
  }

  private static String describe(Method m) {
    return m.getDeclaringClass().getName() + "." + m.getName() + "()";
  }

  private static Exception rethrow(Throwable t) {
    if (t instanceof Error) {
      throw (Error) t;
    }
    return (Exception) t;
  }
}

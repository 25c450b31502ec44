package dev.cyclone.processor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.cyclone.ioloop.IOLoop;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One fixture source file, compiled both ways (see {@link CoroutineTestCompiler}) on first use and
 * shared by all the tests that use it, and the oracle that runs its coroutines both ways.
 *
 * <pre>{@code
 * private static final Fixture LOOPS = Fixture.of("fixtures/statements/Loops.java", "fixtures.statements.Loops");
 *
 * @Test void whileWithAwaitInCondition() {
 *   Outcome o = LOOPS.assertSameAsBlocking("whileCondition", 3);
 *   assertEquals(List.of(...), o.trace());
 * }
 * }</pre>
 *
 * A compilation that fails makes only the tests that need it fail, with javac's diagnostics.
 */
public final class Fixture {
  /** How long one coroutine may take before the test fails. */
  public static final long TIMEOUT_SECONDS = 10;

  private static final Map<String, Fixture> CACHE = new ConcurrentHashMap<>();

  private final String resourcePath;
  private final String className;
  private Compilation compiled;
  private Compilation blocking;
  private ClassLoader compiledLoader;
  private ClassLoader blockingLoader;

  private Fixture(String resourcePath, String className) {
    this.resourcePath = resourcePath;
    this.className = className;
  }

  /**
   * The fixture in {@code resourcePath} whose main class is {@code className} (binary name, {@code
   * p.Outer$Inner} for a nested class). Nothing is compiled until a test needs it.
   */
  public static Fixture of(String resourcePath, String className) {
    return CACHE.computeIfAbsent(resourcePath + "#" + className, k -> new Fixture(resourcePath, className));
  }

  /** {@code p.Outer$Inner} → {@code p.Outer_Inner_Coroutines}: the class the processor generates. */
  public static String generatedName(String binaryName) {
    int dot = binaryName.lastIndexOf('.');
    String pkg = dot < 0 ? "" : binaryName.substring(0, dot + 1);
    return pkg + binaryName.substring(dot + 1).replace('$', '_') + "_Coroutines";
  }

  /** The compilation with the Cyclone processor. */
  public synchronized Compilation compiled() {
    if (compiled == null) {
      compiled = CoroutineTestCompiler.compileWithProcessor(CoroutineTestCompiler.source(resourcePath));
    }
    return compiled;
  }

  /** The compilation without processor, with the blocking {@code await}. */
  public synchronized Compilation blocking() {
    if (blocking == null) {
      blocking = CoroutineTestCompiler.compileBlocking(CoroutineTestCompiler.source(resourcePath));
    }
    return blocking;
  }

  /** Loads the processor's output; fails the calling test with the diagnostics if it did not compile. */
  public synchronized ClassLoader compiledLoader() {
    if (compiledLoader == null) {
      Compilation c = compiled();
      if (c.status() != Compilation.Status.SUCCESS) {
        throw new AssertionError(
            resourcePath + " did not compile with the Cyclone processor:\n"
                + CoroutineTestCompiler.describeDiagnostics(c));
      }
      compiledLoader = CoroutineTestCompiler.load(c);
    }
    return compiledLoader;
  }

  /** Loads the blocking oracle's classes. */
  public synchronized ClassLoader blockingLoader() {
    if (blockingLoader == null) {
      Compilation c = blocking();
      if (c.status() != Compilation.Status.SUCCESS) {
        throw new AssertionError(
            resourcePath + " did not compile as plain Java (a broken fixture):\n"
                + CoroutineTestCompiler.describeDiagnostics(c));
      }
      blockingLoader = CoroutineTestCompiler.load(c);
    }
    return blockingLoader;
  }

  /** The generated {@code Foo_Coroutines} class for the main class (or for {@code binaryName}). */
  public Class<?> generatedClass() {
    return generatedClass(className);
  }

  public Class<?> generatedClass(String binaryName) {
    return loadClass(compiledLoader(), generatedName(binaryName));
  }

  /** A class of the processor's compilation by binary name, e.g. the user's own {@code Foo}. */
  public Class<?> compiledClass(String binaryName) {
    return loadClass(compiledLoader(), binaryName);
  }

  /** A class of the blocking compilation by binary name. */
  public Class<?> blockingClass(String binaryName) {
    return loadClass(blockingLoader(), binaryName);
  }

  /** A new {@code Foo_Coroutines}, through its constructor that takes {@code args}. */
  public Object newCompiled(Object... args) {
    return instantiate(generatedClass(), args);
  }

  /** A new plain {@code Foo} of the blocking compilation. */
  public Object newBlocking(Object... args) {
    return instantiate(blockingClass(className), args);
  }

  /**
   * Runs coroutine {@code method} of a new {@code Foo_Coroutines} (or its static form) on the test
   * loop, the call made on the loop's thread, and waits for its future.
   */
  public Outcome runCompiled(String method, Object... args) {
    Class<?> generated = generatedClass();
    Method m = findMethod(generated, method, args.length);
    Object target = Modifier.isStatic(m.getModifiers()) ? null : instantiate(generated);
    return runOnLoop(TestLoop.get(), target, m, args);
  }

  /** Runs {@code method} of {@code target} (a compiled instance) on {@code loop}'s thread. */
  public Outcome runOnLoop(IOLoop loop, Object target, Method m, Object... args) {
    ClassLoader loader = compiledLoader();
    resetTrace(loader);
    CompletableFuture<Outcome> result = new CompletableFuture<>();
    loop.addCallback(
        () -> {
          try {
            Object returned = m.invoke(target, args);
            whenDone(returned, loader, result);
          } catch (InvocationTargetException e) {
            result.complete(new Outcome(null, e.getCause(), trace(loader), true));
          } catch (Throwable t) {
            result.completeExceptionally(t);
          }
        });
    return await(result, loader, "compiled " + m.getName());
  }

  /**
   * Runs {@code method} of a new plain {@code Foo} (or the static method) from the blocking
   * compilation, on a fresh thread that is not a loop thread: the oracle.
   */
  public Outcome runBlocking(String method, Object... args) {
    Class<?> plain = blockingClass(className);
    Method m = findMethod(plain, method, args.length);
    Object target = Modifier.isStatic(m.getModifiers()) ? null : instantiate(plain);
    ClassLoader loader = blockingLoader();
    resetTrace(loader);
    CompletableFuture<Outcome> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                Object returned = m.invoke(target, args);
                whenDone(returned, loader, result);
              } catch (InvocationTargetException e) {
                result.complete(new Outcome(null, e.getCause(), trace(loader), true));
              } catch (Throwable t) {
                result.completeExceptionally(t);
              }
            },
            "blocking-oracle");
    thread.setDaemon(true);
    thread.start();
    return await(result, loader, "blocking " + method);
  }

  /**
   * The oracle: runs {@code method} compiled (on the loop) and blocking (off the loop) and asserts
   * the same trace and the same value, or the same exception (class, message, suppressed, cause).
   * Returns the compiled outcome for further assertions.
   */
  public Outcome assertSameAsBlocking(String method, Object... args) {
    Outcome expected = runBlocking(method, args);
    Outcome actual = runCompiled(method, args);
    assertEquals(
        expected.describe(),
        actual.describe(),
        () -> method + ": the compiled coroutine differs from the same body run with a blocking await");
    return actual;
  }

  private static void whenDone(Object returned, ClassLoader loader, CompletableFuture<Outcome> result) {
    if (!(returned instanceof CompletionStage)) {
      result.completeExceptionally(new AssertionError("the method returned " + returned + ", not a future"));
      return;
    }
    ((CompletionStage<?>) returned)
        .whenComplete(
            (v, t) ->
                result.complete(new Outcome(v, t == null ? null : Outcome.unwrap(t), trace(loader), false)));
  }

  private static Outcome await(CompletableFuture<Outcome> result, ClassLoader loader, String what) {
    try {
      return result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(
          what + " did not complete within " + TIMEOUT_SECONDS + " s; trace so far: " + trace(loader));
    } catch (ExecutionException e) {
      throw new AssertionError(what + " could not be run", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** What the fixture's body logged so far through {@code Fx.log}, in the given loader. */
  @SuppressWarnings("unchecked")
  public static List<String> trace(ClassLoader loader) {
    try {
      Class<?> fx = loader.loadClass("fixtures.support.Fx");
      return new ArrayList<>((List<String>) fx.getMethod("trace").invoke(null));
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot read the fixture trace", e);
    }
  }

  public static void resetTrace(ClassLoader loader) {
    try {
      loader.loadClass("fixtures.support.Fx").getMethod("reset").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot reset the fixture trace", e);
    }
  }

  /** The method {@code name} with {@code arity} parameters, declared by the class or a superclass. */
  public static Method findMethod(Class<?> type, String name, int arity) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      Method found = null;
      for (Method m : c.getDeclaredMethods()) {
        if (m.getName().equals(name) && m.getParameterCount() == arity && !m.isSynthetic() && !m.isBridge()) {
          if (found != null) {
            throw new IllegalArgumentException("ambiguous fixture method " + name + " in " + c);
          }
          found = m;
        }
      }
      if (found != null) {
        found.setAccessible(true);
        return found;
      }
    }
    throw new AssertionError("no method " + name + " with " + arity + " parameters in " + type.getName());
  }

  private static Object instantiate(Class<?> type, Object... args) {
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (c.getParameterCount() == args.length) {
        try {
          c.setAccessible(true);
          return c.newInstance(args);
        } catch (InvocationTargetException e) {
          throw new AssertionError("constructor of " + type.getName() + " threw", e.getCause());
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    }
    throw new AssertionError("no constructor with " + args.length + " parameters in " + type.getName());
  }

  private static Class<?> loadClass(ClassLoader loader, String name) {
    try {
      return Class.forName(name, true, loader);
    } catch (ClassNotFoundException e) {
      throw new AssertionError("class " + name + " was not produced by the compilation", e);
    }
  }
}

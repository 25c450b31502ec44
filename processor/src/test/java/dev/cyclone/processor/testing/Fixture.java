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

  /**
   * With {@code -Dcyclone.test.blockingOnly=true} the oracle methods run only the blocking side and
   * return its outcome: a way to check a new fixture and the test's own expectations against plain
   * Java before (or without) the processor.
   */
  public static final boolean BLOCKING_ONLY = Boolean.getBoolean("cyclone.test.blockingOnly");

  private static final Map<String, Fixture> CACHE = new ConcurrentHashMap<>();

  private final String resourcePath;
  private final String className;
  private final List<String> extraSources;

  private Fixture(String resourcePath, String className, List<String> extraSources) {
    this.resourcePath = resourcePath;
    this.className = className;
    this.extraSources = extraSources;
  }

  /**
   * The fixture in {@code resourcePath} whose main class is {@code className} (binary name, {@code
   * p.Outer$Inner} for a nested class). Nothing is compiled until a test needs it.
   */
  public static Fixture of(String resourcePath, String className, String... extraSources) {
    return CACHE.computeIfAbsent(
        resourcePath + "#" + className + "#" + String.join(",", extraSources),
        k -> new Fixture(resourcePath, className, List.of(extraSources)));
  }

  /** The same sources, with another main class (e.g. a nested or second class of the file). */
  public Fixture forClass(String otherClassName) {
    return of(resourcePath, otherClassName, extraSources.toArray(new String[0]));
  }

  private javax.tools.JavaFileObject[] sources() {
    List<javax.tools.JavaFileObject> all = new ArrayList<>();
    all.add(CoroutineTestCompiler.source(resourcePath));
    for (String extra : extraSources) {
      all.add(CoroutineTestCompiler.source(extra));
    }
    return all.toArray(new javax.tools.JavaFileObject[0]);
  }

  /** {@code p.Outer$Inner} → {@code p.Outer_Inner_Coroutines}: the class the processor generates. */
  public static String generatedName(String binaryName) {
    int dot = binaryName.lastIndexOf('.');
    String pkg = dot < 0 ? "" : binaryName.substring(0, dot + 1);
    return pkg + binaryName.substring(dot + 1).replace('$', '_') + "_Coroutines";
  }

  /** The compilation with the Cyclone processor (shared by every Fixture of the same sources). */
  public Compilation compiled() {
    return side(true).compilation();
  }

  /** The compilation without processor, with the blocking {@code await}. */
  public Compilation blocking() {
    return side(false).compilation();
  }

  /**
   * Loads the processor's output; fails the calling test with the diagnostics if it did not compile.
   * When only some methods failed to compile, this is the compilation without them.
   */
  public ClassLoader compiledLoader() {
    return side(true).loader();
  }

  /** Loads the blocking oracle's classes; fails the calling test if the fixture is not plain Java. */
  public ClassLoader blockingLoader() {
    return side(false).loader();
  }

  /** Fails the calling test when {@code method} did not compile with the processor. */
  public void checkCompiled(String method) {
    side(true).checkCompiled(method);
  }

  private Side side(boolean withProcessor) {
    String key = (withProcessor ? "processor:" : "blocking:") + resourcePath + "," + String.join(",", extraSources);
    return SIDES.computeIfAbsent(key, k -> new Side(withProcessor, resourcePath, sources()));
  }

  private static final Map<String, Side> SIDES = new ConcurrentHashMap<>();

  /**
   * One compilation of the fixture sources and its class loader, made on first use. On the processor
   * side, a failed compilation is retried without the methods that hold the errors ({@link
   * MethodIsolation}), so only the tests of those methods fail.
   */
  private static final class Side {
    private final boolean withProcessor;
    private final String name;
    private final javax.tools.JavaFileObject[] sources;
    private Compilation compilation;
    private ClassLoader loader;
    private MethodIsolation.Result isolated;
    private boolean isolationTried;

    Side(boolean withProcessor, String name, javax.tools.JavaFileObject[] sources) {
      this.withProcessor = withProcessor;
      this.name = name;
      this.sources = sources;
    }

    synchronized Compilation compilation() {
      if (compilation == null) {
        compilation =
            withProcessor
                ? CoroutineTestCompiler.compileWithProcessor(sources)
                : CoroutineTestCompiler.compileBlocking(sources);
      }
      return compilation;
    }

    /** The loader of the full compilation, or of the isolated one when only some methods failed. */
    synchronized ClassLoader loader() {
      if (loader == null) {
        Compilation c = compilation();
        if (c.status() == Compilation.Status.SUCCESS) {
          loader = CoroutineTestCompiler.load(c);
        } else if (isolated() != null) {
          loader = CoroutineTestCompiler.load(isolated.compilation());
        } else {
          throw new AssertionError(
              name
                  + (withProcessor
                      ? " did not compile with the Cyclone processor:\n"
                      : " did not compile as plain Java (a broken fixture):\n")
                  + CoroutineTestCompiler.describeDiagnostics(c));
        }
      }
      return loader;
    }

    /** Fails the calling test when {@code method} is one that had to be left out of the compilation. */
    synchronized void checkCompiled(String method) {
      loader();
      if (isolated != null && isolated.brokenMethods().containsKey(method)) {
        throw new AssertionError(
            name + ": " + method + "() did not compile with the Cyclone processor (its tests fail;"
                + " the file's other methods were compiled without it):\n  "
                + String.join("\n  ", isolated.brokenMethods().get(method)));
      }
    }

    private MethodIsolation.Result isolated() {
      if (!isolationTried && withProcessor) {
        isolationTried = true;
        isolated =
            MethodIsolation.isolate(
                compilation,
                sources[0],
                List.of(sources).subList(1, sources.length),
                all -> CoroutineTestCompiler.compileWithProcessor(all.toArray(new javax.tools.JavaFileObject[0])));
      }
      return isolated;
    }
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
    side(true).checkCompiled(method);
    Class<?> generated = generatedClass();
    Method m = findMethod(generated, method, args.length);
    Object target = Modifier.isStatic(m.getModifiers()) ? null : instantiate(generated);
    return runOnLoop(TestLoop.get(), target, m, args);
  }

  /** Runs coroutine {@code method} of {@code target}, an instance of the processor's compilation, on the test loop. */
  public Outcome runCompiledOn(Object target, String method, Object... args) {
    side(true).checkCompiled(method);
    return runOnLoop(TestLoop.get(), target, findMethod(target.getClass(), method, args.length), args);
  }

  /**
   * The oracle for objects the test made (e.g. through a constructor with arguments): {@code
   * compiledTarget} from {@link #newCompiled}, {@code blockingTarget} from {@link #newBlocking}.
   */
  public Outcome assertSameAsBlockingOn(Object compiledTarget, Object blockingTarget, String method, Object... args) {
    Outcome expected = runBlockingOn(blockingTarget, method, args);
    if (BLOCKING_ONLY) {
      return expected;
    }
    Outcome actual = runCompiledOn(compiledTarget, method, args);
    assertEquals(
        expected.describe(),
        actual.describe(),
        () -> method + ": the compiled coroutine differs from the same body run with a blocking await");
    return actual;
  }

  /** Runs {@code method} of {@code target} (a compiled instance) on {@code loop}'s thread. */
  public Outcome runOnLoop(IOLoop loop, Object target, Method m, Object... args) {
    ClassLoader loader = m.getDeclaringClass().getClassLoader();
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
    return runBlocking(target, m, args);
  }

  /** Runs {@code method} of {@code target}, an instance of the blocking compilation, off the loop. */
  public Outcome runBlockingOn(Object target, String method, Object... args) {
    return runBlocking(target, findMethod(target.getClass(), method, args.length), args);
  }

  private Outcome runBlocking(Object target, Method m, Object... args) {
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
    return await(result, loader, "blocking " + m.getName());
  }

  /**
   * The oracle: runs {@code method} compiled (on the loop) and blocking (off the loop) and asserts
   * the same trace and the same value, or the same exception (class, message, suppressed, cause).
   * Returns the compiled outcome for further assertions.
   */
  public Outcome assertSameAsBlocking(String method, Object... args) {
    Outcome expected = runBlocking(method, args);
    if (BLOCKING_ONLY) {
      return expected;
    }
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

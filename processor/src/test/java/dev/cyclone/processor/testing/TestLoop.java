package dev.cyclone.processor.testing;

import dev.cyclone.ioloop.IOLoop;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The one IOLoop the behaviour tests start compiled coroutines on (a daemon thread), and helpers. */
public final class TestLoop {
  private static final IOLoop LOOP = IOLoop.create("coroutine-test-loop");

  private TestLoop() {}

  public static IOLoop get() {
    return LOOP;
  }

  /** Runs {@code work} on {@code loop}'s thread and returns what it returned, or rethrows. */
  public static <T> T onLoop(IOLoop loop, Callable<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    loop.addCallback(
        () -> {
          try {
            result.complete(work.call());
          } catch (Throwable t) {
            result.completeExceptionally(t);
          }
        });
    return join(result);
  }

  /** {@link #onLoop(IOLoop, Callable)} on the test loop. */
  public static <T> T onLoop(Callable<T> work) {
    return onLoop(LOOP, work);
  }

  /** Calls {@code target.name(args)} (a method found by name and arity), unwrapping reflection. */
  public static Object call(Object target, String name, Object... args) throws Exception {
    Method m = Fixture.findMethod(target.getClass(), name, args.length);
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception) {
        throw (Exception) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw e;
    }
  }

  /** Calls a coroutine and returns its future as a CompletableFuture. */
  public static CompletableFuture<?> start(Object target, String name, Object... args) throws Exception {
    return ((CompletionStage<?>) call(target, name, args)).toCompletableFuture();
  }

  /** Waits for {@code f} up to {@link Fixture#TIMEOUT_SECONDS}; returns its value or throws its cause. */
  public static <T> T join(CompletableFuture<T> f) {
    try {
      return f.get(Fixture.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new AssertionError(cause);
    } catch (TimeoutException e) {
      throw new AssertionError("not completed within " + Fixture.TIMEOUT_SECONDS + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}

package dev.cyclone.concurrent;

import java.util.concurrent.CompletionStage;

/**
 * {@code await}: the suspension point of a {@code @Coroutine} method.
 *
 * <pre>{@code
 * import static dev.cyclone.concurrent.Coroutines.await;
 *
 * @Coroutine
 * CompletableFuture<byte[]> fetchImage(String url) {
 *   HTTPResponse response = await(client.fetch(url));
 *   return CompletableFuture.completedFuture(response.body());
 * }
 * }</pre>
 *
 * <p>These methods exist so that coroutine bodies type-check; the Cyclone processor replaces every
 * call in a {@code @Coroutine} body by a suspension of the compiled state machine, which returns the
 * future's value, or throws the exact exception it failed with (unwrapped from {@code
 * CompletionException} and {@code ExecutionException}; checked exceptions as they are). Called for
 * real, from a body that was not compiled (an instance of {@code Foo} instead of {@code
 * Foo_Coroutines}), they fail at once with a message naming the generated class to use; they never
 * block.
 */
public final class Coroutines {
  private static final StackWalker WALKER =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  private Coroutines() {}

  /** Suspends the coroutine until {@code stage} completes; returns its value or throws its failure. */
  public static <T> T await(CompletionStage<T> stage) {
    throw notCompiled();
  }

  /** Suspends the coroutine until the Netty {@code future} completes; as {@link #await(CompletionStage)}. */
  public static <T> T await(io.netty.util.concurrent.Future<T> future) {
    throw notCompiled();
  }

  /**
   * As {@link #await(CompletionStage)}, declaring that it may throw the checked exception {@code
   * checked}, so that the caller can catch it: Java only lets a {@code catch (TimeoutException e)}
   * stand around code that declares it.
   *
   * <pre>{@code
   * try {
   *   body = await(Gen.withTimeout(Duration.ofSeconds(1), fetch(url)), TimeoutException.class);
   * } catch (TimeoutException e) {
   *   ...
   * }
   * }</pre>
   */
  public static <T, X extends Throwable> T await(CompletionStage<T> stage, Class<X> checked) throws X {
    throw notCompiled();
  }

  /** As {@link #await(CompletionStage, Class)}, for a Netty future. */
  public static <T, X extends Throwable> T await(io.netty.util.concurrent.Future<T> future, Class<X> checked)
      throws X {
    throw notCompiled();
  }

  private static IllegalStateException notCompiled() {
    StackWalker.StackFrame caller =
        WALKER.walk(
            frames ->
                frames
                    .filter(f -> f.getDeclaringClass() != Coroutines.class)
                    .findFirst()
                    .orElse(null));
    if (caller == null) {
      return new IllegalStateException(
          "[CoroutineNotCompiled] await() was called outside a compiled @Coroutine method");
    }
    Class<?> type = caller.getDeclaringClass();
    String generated = generatedName(type);
    return new IllegalStateException(
        "[CoroutineNotCompiled] await() was called from "
            + type.getName()
            + "."
            + caller.getMethodName()
            + "(), whose body was not compiled into a state machine. Create the object through the"
            + " generated class "
            + generated
            + " (for example: new "
            + generated.substring(generated.lastIndexOf('.') + 1)
            + "(...)), mark the method @Coroutine, and make sure cyclone-processor is on the"
            + " annotation processor path.");
  }

  /** {@code p.Outer$Inner} → {@code p.Outer_Inner_Coroutines}, the processor's naming rule. */
  static String generatedName(Class<?> type) {
    String pkg = type.getPackageName();
    String binary = type.getName().substring(pkg.isEmpty() ? 0 : pkg.length() + 1);
    return (pkg.isEmpty() ? "" : pkg + ".") + binary.replace('$', '_') + "_Coroutines";
  }
}

package dev.cyclone.concurrent;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * TEST ORACLE ONLY: a blocking {@code await} with the runtime's signatures. Compiled (without the
 * processor) together with a fixture and loaded child-first, it shadows the runtime's {@code
 * Coroutines}, so the plain, uncompiled {@code @Coroutine} body runs as ordinary blocking Java: the
 * behaviour the compiled state machine must reproduce. Must only be called off the event loop.
 */
public final class Coroutines {
  private Coroutines() {}

  /** Blocks until {@code stage} completes; returns its value or throws its failure, unwrapped. */
  public static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().join();
    } catch (CompletionException e) {
      throw sneaky(unwrap(e));
    } catch (CancellationException e) {
      throw e;
    }
  }

  /** Blocks until the Netty {@code future} completes; returns its value or throws its failure. */
  public static <T> T await(io.netty.util.concurrent.Future<T> future) {
    future.awaitUninterruptibly();
    if (future.isSuccess()) {
      return future.getNow();
    }
    throw sneaky(unwrap(future.cause()));
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
    throw (E) t;
  }
}

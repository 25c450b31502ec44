package dev.cyclone.concurrent;

import dev.cyclone.ioloop.IOLoop;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * How deep coroutine bodies are nested on the calling thread's stack right now, and the thread's
 * loop: the stack guard of {@link AbstractCoroutine}. A chain of coroutines that complete without
 * suspending runs on the stack, one call inside the next; so does a chain of resumptions when the
 * bottom of a deep chain completes. Past {@link #LIMIT} nested bodies, the next start or resumption
 * goes through the loop instead (a task with a fresh stack), so that depth is bounded by the heap,
 * not by the thread's stack: the references are .NET's {@code TryEnsureSufficientExecutionStack},
 * which moves a continuation to the thread pool when the stack runs low, and Kotlin's resumption
 * trampolines.
 *
 * <p>One per thread, read with one {@link FastThreadLocal} lookup (the one {@code start$} already
 * paid for the thread's loop); confined to its thread.
 */
final class Nesting {
  /**
   * Nested coroutine bodies allowed on one stack before the next goes through the loop: at about
   * 0.7 KiB of stack each (measured; docs/COROUTINES.md), 128 of them take under 100 KiB, well
   * inside a loop thread's default 1 MiB whatever sits below them. {@code
   * -Dcyclone.coroutineNestingLimit=N} changes it.
   */
  static final int LIMIT = Integer.getInteger("cyclone.coroutineNestingLimit", 128);

  private static final FastThreadLocal<Nesting> CURRENT =
      new FastThreadLocal<>() {
        @Override
        protected Nesting initialValue() {
          return new Nesting(IOLoop.currentOrNull());
        }
      };

  /** The thread's loop, or null when it is not a loop thread (a thread's loop never changes). */
  final IOLoop loop;
  /** Coroutine bodies on this thread's stack now. */
  int depth;

  private Nesting(IOLoop loop) {
    this.loop = loop;
  }

  /** The calling thread's nesting. */
  static Nesting current() {
    return CURRENT.get();
  }

  /** True when one more nested body would pass the limit: go through the loop instead. */
  boolean full() {
    return depth >= LIMIT;
  }
}

package dev.cyclone.ioloop;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.function.Consumer;

/**
 * Where an exception thrown by a callback should go, Tornado's {@code stack_context}: while a
 * request handler runs, its context is current, and every callback scheduled through Cyclone then
 * ({@link IOLoop#addCallback}, {@link IOLoop#callLater}, {@link IOLoop#addFuture}, the HTTP client's
 * callbacks) captures it, so that an exception thrown later by that callback is answered by the
 * handler's {@code writeError} instead of being only logged.
 *
 * <p>Confined to loop threads: {@link #current()} is per thread, and a context's handler runs on
 * the thread where the failing callback ran.
 */
public final class ExceptionContext {
  private static final FastThreadLocal<ExceptionContext> CURRENT = new FastThreadLocal<>();

  /** Where exceptions go; null once {@link #close closed}. */
  private volatile Consumer<Throwable> handler;

  /** A context whose callbacks' exceptions go to {@code handler}. */
  public ExceptionContext(Consumer<Throwable> handler) {
    this.handler = handler;
  }

  /**
   * Ends this context, when what it served is over (the request was answered, or its client went
   * away). Callbacks bound to it may still run (a timer of an hour, a future that completes late);
   * their exceptions now go on to whoever runs them ({@link IOLoop} logs them), and the context no
   * longer keeps its handler, and all that handler holds, reachable.
   */
  public void close() {
    handler = null;
  }

  /** The context of the code running on this thread, or null. */
  public static ExceptionContext current() {
    return CURRENT.get();
  }

  /**
   * Runs {@code body} with this context current, and hands what it throws to the context's handler
   * (rethrows it once the context is {@link #close closed}). Called by the web layer around handler
   * code, and by wrapped callbacks.
   */
  public void run(Runnable body) {
    ExceptionContext previous = CURRENT.get();
    CURRENT.set(this);
    try {
      body.run();
    } catch (Throwable t) {
      Consumer<Throwable> h = handler;
      if (h == null) {
        if (t instanceof Error e) {
          throw e;
        }
        throw t instanceof RuntimeException r ? r : new IllegalStateException(t);
      }
      h.accept(t);
    } finally {
      CURRENT.set(previous);
    }
  }

  /** Makes this context current until {@link #exit}, for code whose exceptions the caller handles. */
  public ExceptionContext enter() {
    ExceptionContext previous = CURRENT.get();
    CURRENT.set(this);
    return previous;
  }

  /** Restores the context {@link #enter} returned. */
  public static void exit(ExceptionContext previous) {
    // set(null), not remove(): a FastThreadLocal's remove() unregisters the variable from the
    // thread, and the next set() registers it again; twice per request on every loop.
    CURRENT.set(previous);
  }

  /**
   * {@code callback} bound to the context current now: run later, it runs inside that context. The
   * callback itself when no context is current.
   */
  public static Runnable wrap(Runnable callback) {
    ExceptionContext context = CURRENT.get();
    return context == null ? callback : () -> context.run(callback);
  }

  /** As {@link #wrap(Runnable)}, for a callback that takes a value. */
  public static <T> Consumer<T> wrap(Consumer<T> callback) {
    ExceptionContext context = CURRENT.get();
    return context == null ? callback : value -> context.run(() -> callback.accept(value));
  }
}

package dev.cyclone.ioloop;

import dev.cyclone.concurrent.Futures;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.internal.ThreadExecutorMap;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-threaded event loop: Tornado's {@code IOLoop}, wrapping one Netty {@link EventLoop}.
 *
 * <pre>{@code
 * IOLoop loop = IOLoop.current();
 * loop.callLater(Duration.ofSeconds(1), () -> System.out.println("a second later"));
 * String page = loop.runSync(() -> client.fetch(url)).bodyText();
 * }</pre>
 *
 * <p>Everything scheduled on a loop runs on its one thread, in order, so code on the loop needs no
 * locks. The scheduling methods ({@link #addCallback}, {@link #callLater}, ...) are thread-safe;
 * a callback that throws is logged and the loop goes on.
 *
 * <p>Each connection of the HTTP server belongs to one loop for its whole life; {@code
 * IOLoop.current()} inside a handler is that connection's loop.
 */
public final class IOLoop {
  private static final Logger log = LoggerFactory.getLogger(IOLoop.class);

  /** The IOLoop of the calling loop thread, set by the first task an IOLoop runs on its thread. */
  private static final FastThreadLocal<IOLoop> CURRENT = new FastThreadLocal<>();

  private static final Map<EventLoop, IOLoop> BY_EVENT_LOOP = new ConcurrentHashMap<>();
  private static final Object DEFAULT_LOCK = new Object();
  private static volatile IOLoop defaultLoop;

  private final EventLoop eventLoop;
  /** The group this IOLoop created for itself, shut down by {@link #close()}; null for a wrapper. */
  private final EventLoopGroup ownGroup;

  private final Object startLock = new Object();
  private CountDownLatch running;
  /** A stop() that came while no start() was waiting: the next start() returns at once. */
  private boolean stopPending;

  private IOLoop(EventLoop eventLoop, EventLoopGroup ownGroup) {
    this.eventLoop = eventLoop;
    this.ownGroup = ownGroup;
    // Make current() answer this loop on its own thread from its first task on.
    if (eventLoop.inEventLoop()) {
      CURRENT.set(this);
    } else {
      eventLoop.execute(() -> CURRENT.set(this));
    }
  }

  /**
   * The IOLoop of the calling thread. On a loop thread (a handler, a callback, a coroutine) it is
   * that thread's loop; from any other thread it is the process-wide default loop, created with its
   * own daemon thread on first use.
   */
  public static IOLoop current() {
    IOLoop loop = currentOrNull();
    return loop != null ? loop : defaultLoop();
  }

  /**
   * The IOLoop of the calling thread if it is a loop thread, otherwise null. Any Netty event loop
   * thread counts, even one whose IOLoop was never asked for: it is wrapped on first use.
   */
  public static IOLoop currentOrNull() {
    IOLoop loop = CURRENT.get();
    if (loop == null) {
      EventExecutor executor = ThreadExecutorMap.currentExecutor();
      if (executor instanceof EventLoop && executor.inEventLoop()) {
        loop = of((EventLoop) executor);
      }
    }
    return loop;
  }

  private static IOLoop defaultLoop() {
    IOLoop loop = defaultLoop;
    if (loop == null) {
      synchronized (DEFAULT_LOCK) {
        loop = defaultLoop;
        if (loop == null) {
          loop = create("cyclone-ioloop");
          defaultLoop = loop;
        }
      }
    }
    return loop;
  }

  /** A new IOLoop on a new daemon thread named {@code name-...}; {@link #close()} ends it. */
  public static IOLoop create(String name) {
    EventLoopGroup group = Transports.newGroup(1, name);
    EventLoop loop = group.next();
    IOLoop ioLoop = new IOLoop(loop, group);
    BY_EVENT_LOOP.put(loop, ioLoop);
    return ioLoop;
  }

  /**
   * The IOLoop that wraps a Netty event loop, created on first use. The HTTP server and client use
   * it to give each connection's loop its IOLoop. Thread-safe.
   */
  public static IOLoop of(EventLoop eventLoop) {
    Objects.requireNonNull(eventLoop, "eventLoop");
    IOLoop loop = BY_EVENT_LOOP.get(eventLoop);
    if (loop != null) {
      return loop;
    }
    loop = BY_EVENT_LOOP.computeIfAbsent(eventLoop, l -> new IOLoop(l, null));
    // Forget the wrapper when its event loop ends, so servers that come and go leak nothing.
    eventLoop.terminationFuture().addListener(f -> BY_EVENT_LOOP.remove(eventLoop));
    return loop;
  }

  /** The Netty event loop under this IOLoop, for channels that should live on it. */
  public EventLoop eventLoop() {
    return eventLoop;
  }

  /** True when called on this loop's thread. */
  public boolean inLoop() {
    return eventLoop.inEventLoop();
  }

  /**
   * Blocks the calling thread until {@link #stop()} is called, as Tornado's {@code start()} runs the
   * loop until it is stopped. The loop's own thread runs callbacks all along; {@code start()} is what
   * keeps a program's main thread waiting. Must not be called on the loop's thread.
   */
  public void start() {
    if (inLoop()) {
      throw new IllegalStateException(
          "[IOLoopStart] start() blocks until stop(); it cannot be called on the loop's own thread");
    }
    CountDownLatch latch;
    synchronized (startLock) {
      if (stopPending) {
        stopPending = false;
        return;
      }
      if (running == null) {
        running = new CountDownLatch(1);
      }
      latch = running;
    }
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Makes {@link #start()} return, or the next {@code start()} if none is waiting. Callbacks
   * already scheduled still run. Thread-safe.
   */
  public void stop() {
    synchronized (startLock) {
      if (running != null) {
        running.countDown();
        running = null;
      } else {
        stopPending = true;
      }
    }
  }

  /**
   * Runs {@code fn} on this loop, waits for the stage it returns, and returns its value or throws
   * its exception (unwrapped; a checked exception arrives wrapped in a {@link CompletionException}).
   * The entry point of scripts and tests. Must not be called on the loop's own thread.
   */
  public <T> T runSync(Supplier<? extends CompletionStage<T>> fn) {
    return runSync(fn, null);
  }

  /**
   * As {@link #runSync(Supplier)}, failing with a {@link CompletionException} caused by a {@link
   * TimeoutException} when the stage has not completed within {@code timeout}.
   */
  public <T> T runSync(Supplier<? extends CompletionStage<T>> fn, Duration timeout) {
    if (inLoop()) {
      throw new IllegalStateException(
          "[IOLoopRunSync] runSync() waits for the loop; it cannot be called on the loop's own thread");
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    eventLoop.execute(
        () -> {
          try {
            CompletionStage<T> stage = fn.get();
            if (stage == null) {
              result.complete(null);
            } else {
              stage.whenComplete(
                  (value, failure) -> {
                    if (failure != null) {
                      result.completeExceptionally(failure);
                    } else {
                      result.complete(value);
                    }
                  });
            }
          } catch (Throwable t) {
            result.completeExceptionally(t);
          }
        });
    try {
      return timeout == null ? result.get() : result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    } catch (TimeoutException e) {
      throw new CompletionException(
          new TimeoutException("[RunSyncTimeout] operation timed out after " + timeout));
    } catch (ExecutionException e) {
      throw rethrow(Futures.unwrap(e.getCause()));
    }
  }

  /**
   * Runs {@code callback} on the loop's thread at its next iteration. Thread-safe: this is how other
   * threads hand work to the loop.
   */
  public void addCallback(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    Runnable bound = ExceptionContext.wrap(callback);
    eventLoop.execute(() -> runLogged(bound));
  }

  /**
   * Runs {@code callback} on the loop at its next iteration, detached from whatever the caller is
   * doing: its failure, even a failed future it returns, is only logged. Thread-safe.
   */
  public void spawnCallback(Supplier<? extends CompletionStage<?>> callback) {
    Objects.requireNonNull(callback, "callback");
    eventLoop.execute(
        () -> {
          try {
            CompletionStage<?> stage = callback.get();
            if (stage != null) {
              stage.whenComplete(
                  (v, failure) -> {
                    if (failure != null && !(Futures.unwrap(failure) instanceof CancellationException)) {
                      log.error("Exception in spawned callback {}", callback, Futures.unwrap(failure));
                    }
                  });
            }
          } catch (Throwable t) {
            log.error("Exception in spawned callback {}", callback, t);
          }
        });
  }

  /** Runs {@code callback} on the loop after {@code delay}. Thread-safe; returns a handle. */
  public Timeout callLater(Duration delay, Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    long nanos = Math.max(0, delay.toNanos());
    Runnable bound = ExceptionContext.wrap(callback);
    ScheduledFuture<?> f = eventLoop.schedule(() -> runLogged(bound), nanos, TimeUnit.NANOSECONDS);
    return new ScheduledTimeout(f);
  }

  /**
   * Runs {@code callback} on the loop at {@code deadline}, a time in seconds on this loop's clock
   * ({@link #time()}); a deadline in the past runs at the next iteration. Thread-safe.
   */
  public Timeout callAt(double deadline, Runnable callback) {
    long delayNanos = (long) ((deadline - time()) * 1e9);
    return callLater(Duration.ofNanos(Math.max(0, delayNanos)), callback);
  }

  /**
   * Calls {@code callback} with {@code stage} on this loop once it completes, whatever thread
   * completes it. Thread-safe.
   */
  public <T> void addFuture(CompletionStage<T> stage, Consumer<? super CompletionStage<T>> callback) {
    Objects.requireNonNull(callback, "callback");
    Runnable bound = ExceptionContext.wrap(() -> callback.accept(stage));
    stage.whenComplete((v, t) -> eventLoop.execute(() -> runLogged(bound)));
  }

  /**
   * Runs blocking {@code work} on {@code executor} and completes the returned future with its
   * outcome on this loop, so code continuing from it is back on the loop's thread. Thread-safe.
   */
  public <T> CompletableFuture<T> runInExecutor(Executor executor, Callable<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      executor.execute(
          () -> {
            T value;
            try {
              value = work.call();
            } catch (Throwable t) {
              eventLoop.execute(() -> result.completeExceptionally(t));
              return;
            }
            eventLoop.execute(() -> result.complete(value));
          });
    } catch (RuntimeException rejected) {
      result.completeExceptionally(rejected);
    }
    return result;
  }

  /**
   * The loop's clock: seconds on a monotonic clock, the timebase of {@link #callAt}. Only
   * differences between two readings mean anything.
   */
  public double time() {
    return System.nanoTime() / 1e9;
  }

  /**
   * Shuts down a loop made by {@link #create} and, called from another thread, waits up to five
   * seconds for its thread to end. Does nothing to a loop that wraps someone else's event loop.
   */
  public void close() {
    stop();
    if (ownGroup != null) {
      BY_EVENT_LOOP.remove(eventLoop);
      synchronized (DEFAULT_LOCK) {
        if (defaultLoop == this) {
          defaultLoop = null;
        }
      }
      io.netty.util.concurrent.Future<?> terminated = ownGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS);
      if (!inLoop()) { // the loop's own thread cannot wait for itself to end
        terminated.awaitUninterruptibly(5, TimeUnit.SECONDS);
      }
    }
  }

  @Override
  public String toString() {
    return "IOLoop[" + eventLoop + "]";
  }

  static void runLogged(Runnable callback) {
    try {
      callback.run();
    } catch (Throwable t) {
      log.error("Exception in callback {}", callback, t);
    }
  }
  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException) {
      throw (RuntimeException) t;
    }
    if (t instanceof Error) {
      throw (Error) t;
    }
    throw new CompletionException(t);
  }

  private static final class ScheduledTimeout implements Timeout {
    private final ScheduledFuture<?> future;

    ScheduledTimeout(ScheduledFuture<?> future) {
      this.future = future;
    }

    @Override
    public boolean cancel() {
      return future.cancel(false);
    }

    @Override
    public boolean isCancelled() {
      return future.isCancelled();
    }
  }
}

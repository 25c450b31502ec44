package dev.cyclone.ioloop;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a function on an {@link IOLoop} every {@code period}: Tornado's {@code PeriodicCallback}.
 *
 * <pre>{@code
 * PeriodicCallback heartbeat = new PeriodicCallback(() -> log.info("alive"), Duration.ofSeconds(10));
 * heartbeat.start();   // on IOLoop.current()
 * ...
 * heartbeat.stop();
 * }</pre>
 *
 * <p>Runs keep a fixed rate on the loop's clock: when a run is late (the loop was busy, or the
 * callback itself took longer than a period), the missed runs are skipped, never bunched up. The
 * first run comes one period after {@link #start()}. A callback that throws is logged and the
 * callback keeps running. {@code start()} and {@code stop()} may be called from any thread.
 */
public final class PeriodicCallback {
  private static final Logger log = LoggerFactory.getLogger(PeriodicCallback.class);

  private final Runnable callback;
  private final long periodNanos;
  private final double jitter;

  /** Written by start()/stop() on any thread; the schedule itself is only touched on the loop. */
  private volatile boolean running;

  private volatile IOLoop loop;
  private long nextRunNanos;
  private Timeout timeout;
  /** Counts start() calls, so that the schedule of an earlier start ends when a later one begins. */
  private int generation;

  /** A callback run every {@code period}; nothing runs before {@link #start()}. */
  public PeriodicCallback(Runnable callback, Duration period) {
    this(callback, period, 0);
  }

  /**
   * As {@link #PeriodicCallback(Runnable, Duration)}, each delay varied at random by up to {@code
   * jitter} times the period (0.1: plus or minus 5%), so that many periodic tasks do not fire in
   * step.
   */
  public PeriodicCallback(Runnable callback, Duration period, double jitter) {
    this.callback = Objects.requireNonNull(callback, "callback");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException(
          "[PeriodicCallbackPeriod] the period must be positive, got " + period);
    }
    if (jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException(
          "[PeriodicCallbackJitter] jitter must be in [0, 1), got " + jitter);
    }
    this.periodNanos = period.toNanos();
    this.jitter = jitter;
  }

  /** Starts calling the callback on {@link IOLoop#current()}. Thread-safe. */
  public void start() {
    start(IOLoop.current());
  }

  /**
   * Starts calling the callback on {@code loop}; the first call comes one period from now. Starting
   * a running callback restarts its schedule. Thread-safe.
   */
  public void start(IOLoop loop) {
    Objects.requireNonNull(loop, "loop");
    this.loop = loop;
    running = true;
    loop.addCallback(
        () -> {
          cancelTimeout();
          int started = ++generation;
          nextRunNanos = System.nanoTime();
          scheduleNext(loop, started);
        });
  }

  /** Stops the calls; a run already under way finishes. Thread-safe. */
  public void stop() {
    running = false;
    IOLoop current = loop;
    if (current != null) {
      current.addCallback(this::cancelTimeout);
    }
  }

  /** True between {@link #start()} and {@link #stop()}. */
  public boolean isRunning() {
    return running;
  }

  private void run(IOLoop loop, int started) {
    if (!running || started != generation) {
      return;
    }
    try {
      callback.run();
    } catch (Throwable t) {
      log.error("Exception in periodic callback {}", callback, t);
    } finally {
      scheduleNext(loop, started);
    }
  }

  private void scheduleNext(IOLoop loop, int started) {
    if (!running || started != generation) {
      return;
    }
    long period = periodNanos;
    if (jitter > 0) {
      period += (long) (period * jitter * (ThreadLocalRandom.current().nextDouble() - 0.5));
    }
    long now = System.nanoTime();
    if (nextRunNanos <= now) {
      // Skip the runs we are already late for: the next one is the first deadline after now.
      long missed = (now - nextRunNanos) / period;
      nextRunNanos += (missed + 1) * period;
    }
    timeout = loop.callLater(Duration.ofNanos(nextRunNanos - now), () -> run(loop, started));
  }

  private void cancelTimeout() {
    if (timeout != null) {
      timeout.cancel();
      timeout = null;
    }
  }
}

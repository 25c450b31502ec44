package dev.cyclone.httpserver;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices an event loop that stopped running tasks, which on a single-threaded loop means some
 * handler is blocking it (a blocking call, a long computation) and every other connection of that
 * loop is stalled. A daemon thread posts a heartbeat task to each loop; when one has waited longer
 * than the threshold, it logs a WARN with the loop thread's current stack, which names the code to
 * move to {@code IOLoop.runInExecutor}. One report per blocked stretch; an INFO when it ends.
 *
 * <p>Started by {@link HTTPServer#listen} (option {@link HTTPServerOptions#blockedLoopThreshold()})
 * and closed by {@link HTTPServer#stop()}. The checks run on the watchdog's own thread.
 */
final class BlockedLoopWatchdog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BlockedLoopWatchdog.class);

  private final List<Probe> probes = new ArrayList<>();
  private final long thresholdNanos;
  private final Thread thread;
  private volatile boolean closed;

  private BlockedLoopWatchdog(EventExecutorGroup group, Duration threshold, String name) {
    this.thresholdNanos = threshold.toNanos();
    for (EventExecutor loop : group) {
      probes.add(new Probe(loop));
    }
    thread = new Thread(this::run, name + "-watchdog");
    thread.setDaemon(true);
  }

  /** Starts watching every loop of {@code group}; call {@link #close()} when the group ends. */
  static BlockedLoopWatchdog start(EventExecutorGroup group, Duration threshold, String name) {
    BlockedLoopWatchdog watchdog = new BlockedLoopWatchdog(group, threshold, name);
    watchdog.thread.start();
    return watchdog;
  }

  private void run() {
    long tick = Math.max(TimeUnit.MILLISECONDS.toNanos(10), thresholdNanos / 4);
    while (!closed) {
      long now = System.nanoTime();
      for (Probe probe : probes) {
        probe.check(now);
      }
      try {
        TimeUnit.NANOSECONDS.sleep(tick);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Stops the watchdog's thread. Idempotent; any thread. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }

  /** The heartbeat of one loop. Fields are written by the loop and read by the watchdog. */
  private final class Probe {
    private final EventExecutor loop;
    private volatile Thread loopThread;
    /** When the outstanding heartbeat was posted; 0 when none is outstanding. */
    private volatile long postedAt;
    private volatile boolean reported;

    Probe(EventExecutor loop) {
      this.loop = loop;
    }

    void check(long now) {
      long posted = postedAt;
      if (posted == 0) {
        postedAt = now;
        try {
          loop.execute(this::beat);
        } catch (RejectedExecutionException shuttingDown) {
          postedAt = 0;
        }
      } else if (!reported && now - posted > thresholdNanos) {
        reported = true;
        report(now - posted);
      }
    }

    /** Runs on the loop. */
    private void beat() {
      loopThread = Thread.currentThread();
      if (reported) {
        log.info(
            "[BlockedLoop] {} runs tasks again after {} ms",
            loopThread.getName(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - postedAt));
        reported = false;
      }
      postedAt = 0;
    }

    private void report(long blockedNanos) {
      Thread t = loopThread;
      Exception stack = new Exception("stack of the blocked loop thread " + (t == null ? "?" : t.getName()));
      stack.setStackTrace(t == null ? new StackTraceElement[0] : t.getStackTrace());
      log.warn(
          "[BlockedLoop] event loop {} has not run a task for {} ms (threshold {} ms): code on it"
              + " blocks every connection of the loop; move blocking work to"
              + " IOLoop.current().runInExecutor(executor, work). Where it is now:",
          t == null ? loop : t.getName(),
          TimeUnit.NANOSECONDS.toMillis(blockedNanos),
          TimeUnit.NANOSECONDS.toMillis(thresholdNanos),
          stack);
    }
  }
}

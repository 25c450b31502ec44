package dev.cyclone.httpserver;

import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link AccessLogger}: Tornado's access line on {@code dev.cyclone.access}, written by
 * one background thread ({@code cyclone-access-log}). A loop only checks the level, reads the clock
 * and queues a small record (Netty's lock-free multi-producer queue), so logging costs it no
 * formatting, no lock and no write; the thread drains the queue in order and parks when it is
 * empty. A full queue drops the line and counts it, rather than making the loop wait.
 */
final class AccessLog implements AccessLogger {
  static final AccessLog INSTANCE = new AccessLog();
  static final int CAPACITY = 16_384;
  private static final Logger log = LoggerFactory.getLogger("dev.cyclone.access");

  private final Queue<AccessRecord> queue = PlatformDependent.newFixedMpscQueue(CAPACITY);
  private final LongAdder dropped = new LongAdder();
  private volatile boolean sleeping;
  private volatile Thread writer;

  private AccessLog() {}

  /** Records a response; called on a loop. Lines the logger's level would drop are not queued. */
  static void record(AccessLogger logger, int status, String method, String uri, String remoteIp, long startNanos) {
    if (logger == INSTANCE) {
      INSTANCE.queue(status, method, uri, remoteIp, startNanos);
    } else if (logger != OFF) {
      logger.log(new AccessRecord(status, method, uri, remoteIp, startNanos, System.nanoTime()));
    }
  }

  @Override
  public void log(AccessRecord record) {
    if (enabled(record.status())) {
      offer(record);
    }
  }

  private void queue(int status, String method, String uri, String remoteIp, long startNanos) {
    if (enabled(status)) {
      offer(new AccessRecord(status, method, uri, remoteIp, startNanos, System.nanoTime()));
    }
  }

  private static boolean enabled(int status) {
    return status < 400 ? log.isInfoEnabled() : status < 500 ? log.isWarnEnabled() : log.isErrorEnabled();
  }

  private void offer(AccessRecord record) {
    Thread w = writer;
    if (w == null) {
      w = startWriter();
    }
    if (!queue.offer(record)) {
      dropped.increment();
      return;
    }
    if (sleeping) {
      LockSupport.unpark(w);
    }
  }

  private synchronized Thread startWriter() {
    if (writer == null) {
      Thread t = new Thread(this::drain, "cyclone-access-log");
      t.setDaemon(true);
      t.start();
      // lines still queued at exit are written first (bounded by the queue's size)
      Runtime.getRuntime().addShutdownHook(new Thread(this::writeQueued, "cyclone-access-log-exit"));
      writer = t;
    }
    return writer;
  }

  private void drain() {
    long lastDropReport = 0;
    while (true) {
      AccessRecord r = queue.poll();
      if (r != null) {
        write(r);
        continue;
      }
      long now = System.nanoTime();
      if (now - lastDropReport > TimeUnit.SECONDS.toNanos(1)) {
        long lost = dropped.sumThenReset();
        if (lost > 0) {
          log.warn("[AccessLogDropped] {} access lines dropped: the log could not keep up with the"
              + " requests (send it to a faster place, raise its level, or turn it off)", lost);
          lastDropReport = now;
        }
      }
      sleeping = true;
      if (queue.isEmpty()) {
        LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100));
      }
      sleeping = false;
    }
  }

  /** At exit: lets the writer (the queue's one reader) write what is queued, for up to a second. */
  private void writeQueued() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    while (!queue.isEmpty() && System.nanoTime() < deadline) {
      LockSupport.unpark(writer);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  private static void write(AccessRecord r) {
    try {
      int status = r.status();
      if (status < 400) {
        log.info(r.line());
      } else if (status < 500) {
        log.warn(r.line());
      } else {
        log.error(r.line());
      }
    } catch (RuntimeException e) {
      // a failing backend must not stop the access log; SLF4J backends report their own errors
    }
  }
}

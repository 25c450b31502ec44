package dev.cyclone.httpserver;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.internal.PlatformDependent;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link AccessLogger}: Tornado's access line on {@code dev.cyclone.access}, written by
 * one background thread ({@code cyclone-access-log}). A loop only checks the level, reads the clock
 * and adds a small record to its own batch; the batch is handed over (Netty's lock-free
 * multi-producer queue) once per turn of the loop, in a task the first record of the turn
 * schedules, so loops do not contend on the queue once per response. Logging costs a loop no
 * formatting, no lock and no write; the thread drains the batches in order and parks when there
 * are none. A full queue drops the batch and counts its lines, rather than making the loop wait.
 */
final class AccessLog implements AccessLogger {
  static final AccessLog INSTANCE = new AccessLog();
  static final int CAPACITY = 4_096;
  private static final Logger log = LoggerFactory.getLogger("dev.cyclone.access");

  /** Batches handed over by the loops, a loop's lines of one turn each; CAPACITY at most. */
  private final Queue<List<AccessRecord>> queue = PlatformDependent.newFixedMpscQueue(CAPACITY);
  /** Each loop thread's batch of this turn. */
  private static final FastThreadLocal<Batch> BATCH = new FastThreadLocal<>() {
    @Override
    protected Batch initialValue() {
      return new Batch();
    }
  };
  private final LongAdder dropped = new LongAdder();
  private volatile boolean sleeping;
  private volatile Thread writer;

  private AccessLog() {}

  /**
   * Records a response; called on {@code loop}, its connection's. Lines the logger's level would
   * drop are not queued.
   */
  static void record(EventExecutor loop, AccessLogger logger, int status, String method, String uri,
      String remoteIp, long startNanos) {
    if (logger == INSTANCE) {
      if (enabled(status)) {
        INSTANCE.batch(loop, new AccessRecord(status, method, uri, remoteIp, startNanos, System.nanoTime()));
      }
    } else if (logger != OFF) {
      logger.log(new AccessRecord(status, method, uri, remoteIp, startNanos, System.nanoTime()));
    }
  }

  @Override
  public void log(AccessRecord record) {
    if (enabled(record.status())) {
      offer(List.of(record));
    }
  }

  /** Adds to the loop's batch of this turn, scheduling its hand-over with the turn's first record. */
  private void batch(EventExecutor loop, AccessRecord record) {
    if (!loop.inEventLoop()) {
      offer(List.of(record));
      return;
    }
    Batch b = BATCH.get();
    if (b.records == null) {
      b.records = new ArrayList<>(16);
      loop.execute(b.handOver);
    }
    b.records.add(record);
  }

  /** One loop thread's records of the current turn, and the task that hands them over. */
  private static final class Batch {
    List<AccessRecord> records;
    final Runnable handOver = () -> {
      List<AccessRecord> taken = records;
      records = null;
      INSTANCE.offer(taken);
    };
  }

  private static boolean enabled(int status) {
    return status < 400 ? log.isInfoEnabled() : status < 500 ? log.isWarnEnabled() : log.isErrorEnabled();
  }

  private void offer(List<AccessRecord> records) {
    Thread w = writer;
    if (w == null) {
      w = startWriter();
    }
    if (!queue.offer(records)) {
      dropped.add(records.size());
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
      List<AccessRecord> batch = queue.poll();
      if (batch != null) {
        for (AccessRecord r : batch) {
          write(r);
        }
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

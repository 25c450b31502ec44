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
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link AccessLogger}: Tornado's access line on {@code dev.cyclone.access}, written by
 * one background thread ({@code cyclone-access-log}). A loop only checks the level, reads the clock
 * and adds a small record to its own batch; the batch is handed over (Netty's lock-free
 * multi-producer queue) once per turn of the loop, in a task the first record of the turn
 * schedules, so loops do not contend on the queue once per response. Logging costs a loop no
 * formatting, no lock, no write and no system call.
 *
 * <p>The writer is not woken per batch: it drains the queue, sleeps {@link #WRITE_INTERVAL_MS}, and
 * drains again, so a line reaches the log at most that late. Waking it for every hand-over cost each
 * loop a {@code futex} call per turn and the machine a thread switch, about a tenth of the
 * throughput of the example on two cores (BENCHMARKS.md, issue 18). Only a queue more than half
 * full wakes it early. A full queue drops the batch and counts its lines, rather than making the
 * loop wait.
 */
final class AccessLog implements AccessLogger {
  static final AccessLog INSTANCE =
      new AccessLog("cyclone-access-log", AccessLog::enabled, AccessLog::write, AccessLog::reportDropped);
  static final int CAPACITY = 4_096;
  /** The longest a line waits for the writer, in milliseconds. */
  static final long WRITE_INTERVAL_MS = 10;
  private static final Logger log = LoggerFactory.getLogger("dev.cyclone.access");

  private final String writerName;
  private final IntPredicate enabled;
  private final Consumer<AccessRecord> sink;
  private final LongConsumer onDropped;
  /** Batches handed over by the loops, a loop's lines of one turn each; CAPACITY at most. */
  private final Queue<List<AccessRecord>> queue = PlatformDependent.newFixedMpscQueue(CAPACITY);
  /** Each loop thread's batch of this turn. */
  private final FastThreadLocal<Batch> batches = new FastThreadLocal<>() {
    @Override
    protected Batch initialValue() {
      return new Batch();
    }
  };
  private final LongAdder dropped = new LongAdder();
  private volatile Thread writer;

  /**
   * A log whose thread {@code writerName} gives each record to {@code sink}, keeping those whose
   * status {@code enabled} accepts, and tells {@code onDropped} how many lines were dropped (at most
   * once a second). The default's are SLF4J's; a test gives its own.
   */
  AccessLog(String writerName, IntPredicate enabled, Consumer<AccessRecord> sink, LongConsumer onDropped) {
    this.writerName = writerName;
    this.enabled = enabled;
    this.sink = sink;
    this.onDropped = onDropped;
  }

  /**
   * Records a response that started at {@code startNanos} and ended at {@code endNanos}
   * (System.nanoTime); called on {@code loop}, its connection's. Lines the logger's level would
   * drop are not queued.
   */
  static void record(EventExecutor loop, AccessLogger logger, int status, String method, String uri,
      String remoteIp, long startNanos, long endNanos) {
    if (logger instanceof AccessLog queued) {
      if (queued.enabled.test(status)) {
        queued.batch(loop, new AccessRecord(status, method, uri, remoteIp, startNanos, endNanos));
      }
    } else if (logger != OFF) {
      logger.log(new AccessRecord(status, method, uri, remoteIp, startNanos, endNanos));
    }
  }

  @Override
  public void log(AccessRecord record) {
    if (enabled.test(record.status())) {
      offer(List.of(record));
    }
  }

  /** Adds to the loop's batch of this turn, scheduling its hand-over with the turn's first record. */
  private void batch(EventExecutor loop, AccessRecord record) {
    if (!loop.inEventLoop()) {
      offer(List.of(record));
      return;
    }
    Batch b = batches.get();
    if (b.records == null) {
      b.records = new ArrayList<>(16);
      loop.execute(b.handOver);
    }
    b.records.add(record);
  }

  /** One loop thread's records of the current turn, and the task that hands them over. */
  private final class Batch {
    List<AccessRecord> records;
    final Runnable handOver = () -> {
      List<AccessRecord> taken = records;
      records = null;
      offer(taken);
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
    if (queue.size() > CAPACITY / 2) {
      LockSupport.unpark(w); // falling behind: do not wait for the interval
    }
  }

  private synchronized Thread startWriter() {
    if (writer == null) {
      Thread t = new Thread(this::drain, writerName);
      t.setDaemon(true);
      t.start();
      // lines still queued at exit are written first (bounded by the queue's size)
      Runtime.getRuntime().addShutdownHook(new Thread(this::writeQueued, writerName + "-exit"));
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
          try {
            sink.accept(r);
          } catch (RuntimeException e) {
            // a failing backend must not stop the access log; SLF4J backends report their own errors
          }
        }
        continue;
      }
      long now = System.nanoTime();
      if (now - lastDropReport > TimeUnit.SECONDS.toNanos(1)) {
        long lost = dropped.sumThenReset();
        if (lost > 0) {
          onDropped.accept(lost);
          lastDropReport = now;
        }
      }
      LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(WRITE_INTERVAL_MS));
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
    int status = r.status();
    if (status < 400) {
      log.info(r.line());
    } else if (status < 500) {
      log.warn(r.line());
    } else {
      log.error(r.line());
    }
  }

  private static void reportDropped(long lost) {
    log.warn("[AccessLogDropped] {} access lines dropped: the log could not keep up with the"
        + " requests (send it to a faster place, raise its level, or turn it off)", lost);
  }
}

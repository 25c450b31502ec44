package dev.cyclone.example;

import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A logback appender for the access log: lines go to standard output, or to the end of {@code
 * <file>} when one is given, through a 64 KiB buffer that
 * is written out when full and every {@code flushMillis} (default 50), so a busy server writes
 * hundreds of lines with one system call instead of one each, and a quiet one still shows a line
 * within 50 ms. Logback's console appender flushes every event (and the JDK's {@code System.out}
 * flushes every write), which at 150k requests a second is most of a core on its own: see
 * BENCHMARKS.md, "The example as users run it". Lines still buffered are written when logback
 * stops (its shutdown hook).
 *
 * <pre>{@code
 * <appender name="ACCESS" class="dev.cyclone.example.BatchingConsoleAppender">
 *   <file>${cyclone.access.file:-}</file>  <!-- empty: standard output -->
 *   <encoder><pattern>%d{HH:mm:ss.SSS} %-5level access %msg%n</pattern></encoder>
 * </appender>
 * }</pre>
 */
public class BatchingConsoleAppender<E> extends UnsynchronizedAppenderBase<E> {
  private Encoder<E> encoder;
  private long flushMillis = 50;
  private String file = "";
  private OutputStream out;
  private ScheduledExecutorService flusher;

  /** Set by logback from {@code <encoder>}. */
  public void setEncoder(Encoder<E> encoder) {
    this.encoder = encoder;
  }

  /**
   * Set by logback from {@code <file>}: the file the lines are appended to (created if missing);
   * empty or blank for standard output.
   */
  public void setFile(String file) {
    this.file = file == null ? "" : file.strip();
  }

  /** Set by logback from {@code <flushMillis>}: the longest a line waits in the buffer. */
  public void setFlushMillis(long flushMillis) {
    this.flushMillis = flushMillis;
  }

  @Override
  public void start() {
    if (encoder == null) {
      addError("No encoder set for the appender named \"" + name + "\".");
      return;
    }
    try {
      out = new BufferedOutputStream(openStream(), 64 * 1024);
    } catch (IOException e) {
      addError("Cannot open the access log file \"" + file + "\"", e);
      return; // not started: logback reports the error, and the lines go nowhere
    }
    flusher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "access-log-flush");
      t.setDaemon(true);
      return t;
    });
    flusher.scheduleWithFixedDelay(this::flush, flushMillis, flushMillis, TimeUnit.MILLISECONDS);
    super.start();
  }

  /** Where the lines go: the file, appended to, or standard output (a test gives another stream). */
  protected OutputStream openStream() throws IOException {
    return file.isEmpty() ? new FileOutputStream(FileDescriptor.out) : new FileOutputStream(file, true);
  }

  @Override
  protected void append(E event) {
    byte[] line = encoder.encode(event);
    synchronized (this) {
      try {
        out.write(line);
      } catch (IOException e) {
        addError("Cannot write the access log to " + where(), e);
      }
    }
  }

  private synchronized void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      addError("Cannot write the access log to " + where(), e);
    }
  }

  private String where() {
    return file.isEmpty() ? "standard output" : file;
  }

  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop();
    flusher.shutdownNow();
    flush();
  }
}

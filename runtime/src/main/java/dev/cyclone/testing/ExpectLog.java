package dev.cyclone.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Expects a log line (Tornado's {@code tornado.testing.ExpectLog}): while open, lines logged by
 * {@code logger} that contain {@code text} are captured instead of printed, with the lines that
 * follow them up to the next log record (a stack trace, the rest of a multi-line message); {@link #close()} fails the test when none was logged. Everything else still
 * prints. So a test that provokes an error checks that it was logged, and a clean build prints no
 * ERROR a newcomer would worry about.
 *
 * <pre>{@code
 * try (ExpectLog expected = ExpectLog.of("dev.cyclone.web", "Uncaught exception")) {
 *   assertEquals(500, fetch("/fails").statusCode());
 * }
 * }</pre>
 *
 * <p>It reads what the logging backend writes to {@code System.err} (slf4j-simple's default, and
 * logback's or log4j's console appender writing to {@code System.err}), so it works whatever the
 * backend as long as that is where the lines go; lines logged from any thread count. Open ones
 * nest. Not for tests run in parallel in one JVM: {@code System.err} is global.
 */
public final class ExpectLog implements AutoCloseable {
  /**
   * The first line of a log record, as slf4j-simple and the usual logback patterns print it: an
   * optional time, an optional {@code [thread]}, then the level ({@code [main] ERROR x - ...},
   * {@code 12:00:00.000 WARN  [main] x - ...}). The lines up to the next such line (a stack trace,
   * a multi-line message such as Netty's leak report) belong to the record.
   */
  private static final Pattern RECORD_START =
      Pattern.compile("^(\\S+ +)?(\\[[^\\]]*\\] +)?(TRACE|DEBUG|INFO|WARN|ERROR) ");
  private static final List<ExpectLog> open = new ArrayList<>();
  private static PrintStream original;
  private static LineSplitter splitter;

  private final String logger;
  private final String text;
  private final boolean required;
  private final List<String> captured = new ArrayList<>();

  private ExpectLog(String logger, String text, boolean required) {
    this.logger = logger;
    this.text = text;
    this.required = required;
  }

  /**
   * Starts expecting a line of {@code logger} (its name, or the start of it) containing {@code
   * text}; {@link #close()} fails if none came.
   */
  public static ExpectLog of(String logger, String text) {
    return start(new ExpectLog(logger, text, true));
  }

  /** As {@link #of}, without failing when no such line came: for lines that may or may not appear. */
  public static ExpectLog optional(String logger, String text) {
    return start(new ExpectLog(logger, text, false));
  }

  private static ExpectLog start(ExpectLog expectation) {
    synchronized (open) {
      if (open.isEmpty()) {
        original = System.err;
        splitter = new LineSplitter();
        System.setErr(new PrintStream(splitter, true, StandardCharsets.UTF_8));
      }
      open.add(expectation);
    }
    return expectation;
  }

  /** The lines captured so far (each with its stack trace, if any). */
  public List<String> lines() {
    synchronized (open) {
      return List.copyOf(captured);
    }
  }

  /**
   * Stops expecting: restores {@code System.err} when this was the last one open, and fails with
   * an {@link AssertionError} when the expected line never came.
   */
  @Override
  public void close() {
    synchronized (open) {
      open.remove(this);
      if (open.isEmpty() && original != null) {
        splitter.flushPartial();
        System.setErr(original);
        original = null;
      }
      if (required && captured.isEmpty()) {
        throw new AssertionError(
            "[ExpectLog] expected a log line of " + logger + " containing \"" + text + "\"; none came");
      }
    }
  }

  private boolean matches(String line) {
    return line.contains(logger) && line.contains(text);
  }

  /** Cuts what is written into lines and routes each: to an expectation, or through. */
  private static final class LineSplitter extends OutputStream {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    /** The expectation the last captured record went to: its further lines follow. */
    private ExpectLog capturing;

    @Override
    public void write(int b) {
      synchronized (open) {
        line.write(b);
        if (b == '\n') {
          route();
        }
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      synchronized (open) {
        for (int i = off; i < off + len; i++) {
          line.write(b[i]);
          if (b[i] == '\n') {
            route();
          }
        }
      }
    }

    private void route() {
      String text = line.toString(StandardCharsets.UTF_8);
      line.reset();
      String bare = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
      if (capturing != null && !RECORD_START.matcher(bare).find()) {
        int last = capturing.captured.size() - 1;
        capturing.captured.set(last, capturing.captured.get(last) + "\n" + bare);
        return;
      }
      capturing = null;
      for (ExpectLog e : open) {
        if (e.matches(bare)) {
          e.captured.add(bare);
          capturing = e;
          return;
        }
      }
      original.print(text);
    }

    void flushPartial() {
      if (line.size() > 0) {
        original.print(line.toString(StandardCharsets.UTF_8));
        line.reset();
      }
      original.flush();
    }
  }
}

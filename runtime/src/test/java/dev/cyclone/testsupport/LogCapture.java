package dev.cyclone.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what the test logger (slf4j-simple, which writes to {@code System.err}) prints while it
 * is open, instead of printing it; for tests that assert what was, or was not, logged. (To expect
 * one line and let the rest print, use {@link dev.cyclone.testing.ExpectLog}.)
 *
 * <pre>{@code
 * try (LogCapture log = LogCapture.start()) {
 *   ...
 *   assertTrue(log.text().contains("[BlockedLoop]"));
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {
  private final PrintStream original;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  private LogCapture() {
    original = System.err;
    PrintStream tee =
        new PrintStream(
            new java.io.OutputStream() {
              @Override
              public void write(int b) {
                synchronized (captured) {
                  captured.write(b);
                }
              }

              @Override
              public void write(byte[] b, int off, int len) {
                synchronized (captured) {
                  captured.write(b, off, len);
                }
              }
            },
            true,
            StandardCharsets.UTF_8);
    System.setErr(tee);
  }

  /** Starts capturing. */
  public static LogCapture start() {
    return new LogCapture();
  }

  /** Everything logged since {@link #start()}. */
  public String text() {
    synchronized (captured) {
      return captured.toString(StandardCharsets.UTF_8);
    }
  }

  /** Stops capturing. */
  @Override
  public void close() {
    System.setErr(original);
  }
}

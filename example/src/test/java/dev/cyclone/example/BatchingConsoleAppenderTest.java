package dev.cyclone.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example's access-log appender: lines held in its buffer at most flushMillis, all written at stop. */
class BatchingConsoleAppenderTest {
  private final ByteArrayOutputStream written = new ByteArrayOutputStream();

  private String text() {
    synchronized (written) {
      return written.toString(StandardCharsets.UTF_8);
    }
  }

  private BatchingConsoleAppender<ILoggingEvent> appender(LoggerContext context, long flushMillis) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%-5level access %msg%n");
    encoder.start();
    BatchingConsoleAppender<ILoggingEvent> appender = new BatchingConsoleAppender<>() {
      @Override
      protected OutputStream openStream() {
        return new OutputStream() {
          @Override
          public void write(int b) {
            synchronized (written) {
              written.write(b);
            }
          }

          @Override
          public void write(byte[] b, int off, int len) {
            synchronized (written) {
              written.write(b, off, len);
            }
          }
        };
      }
    };
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setFlushMillis(flushMillis);
    appender.start();
    return appender;
  }

  @Test
  void linesAreWrittenWithinTheFlushIntervalAndAllOfThemAtStop() throws Exception {
    LoggerContext context = new LoggerContext();
    BatchingConsoleAppender<ILoggingEvent> appender = appender(context, 20);
    Logger log = context.getLogger("dev.cyclone.access");
    log.addAppender(appender);
    log.info("200 GET / (127.0.0.1) 0.10ms");
    log.warn("404 GET /nothing (127.0.0.1) 0.20ms");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (text().split("\n").length < 2 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals("INFO  access 200 GET / (127.0.0.1) 0.10ms\nWARN  access 404 GET /nothing (127.0.0.1) 0.20ms\n", text());

    BatchingConsoleAppender<ILoggingEvent> slow = appender(context, 60_000);
    log.detachAppender(appender);
    appender.stop();
    log.addAppender(slow);
    written.reset();
    for (int i = 0; i < 1000; i++) {
      log.info("line " + i);
    }
    Thread.sleep(50);
    assertEquals("", text(), "a batch smaller than the buffer waits for the next flush");
    slow.stop();
    assertEquals(1000, text().split("\n").length, "stop writes what the buffer held");
  }

  @Test
  void aFileGivenTakesTheLinesAfterWhatItHeld(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("access.log");
    Files.writeString(file, "earlier line\n");
    LoggerContext context = new LoggerContext();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%-5level access %msg%n");
    encoder.start();
    BatchingConsoleAppender<ILoggingEvent> appender = new BatchingConsoleAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setFile(" " + file + " ");
    appender.start();
    Logger log = context.getLogger("dev.cyclone.access");
    log.addAppender(appender);
    log.info("200 GET / (127.0.0.1) 0.10ms");
    appender.stop();
    assertEquals("earlier line\nINFO  access 200 GET / (127.0.0.1) 0.10ms\n", Files.readString(file));

    BatchingConsoleAppender<ILoggingEvent> nowhere = new BatchingConsoleAppender<>();
    nowhere.setContext(context);
    nowhere.setEncoder(encoder);
    nowhere.setFile(dir.toString()); // a directory: cannot be opened as a file
    nowhere.start();
    assertFalse(nowhere.isStarted(), "an access log that cannot be opened is an error, not a silent drop");
    assertTrue(context.getStatusManager().getCopyOfStatusList().stream()
        .anyMatch(st -> st.getMessage().startsWith("Cannot open the access log file")));
  }
}

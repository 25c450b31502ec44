package dev.cyclone.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The encoder writes what logback's own pattern writes, for every kind of event it may be given. */
class AccessLineEncoderTest {
  private final LoggerContext context = new LoggerContext();
  private final Logger logger = context.getLogger("dev.cyclone.access");

  private PatternLayoutEncoder pattern() {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{HH:mm:ss.SSS} %-5level access %msg%n");
    encoder.start();
    return encoder;
  }

  private LoggingEvent event(Level level, String message, long millis, Throwable thrown, Object... args) {
    LoggingEvent event = new LoggingEvent(Logger.FQCN, logger, level, message, thrown, args.length == 0 ? null : args);
    event.setTimeStamp(millis);
    return event;
  }

  private static long millisAt(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
  }

  private static void assertSameLine(PatternLayoutEncoder expected, AccessLineEncoder actual, LoggingEvent event) {
    assertEquals(
        new String(expected.encode(event), StandardCharsets.UTF_8),
        new String(actual.encode(event), StandardCharsets.UTF_8));
  }

  @Test
  void writesWhatTheLogbackPatternWritesAtEveryLevel() {
    PatternLayoutEncoder expected = pattern();
    AccessLineEncoder encoder = new AccessLineEncoder();
    long noon = millisAt("2026-12-05T12:00:00.007");
    for (Level level : new Level[] {Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR}) {
      assertSameLine(expected, encoder, event(level, "200 GET / (127.0.0.1) 0.42ms", noon, null));
    }
    assertEquals("12:00:00.007 ERROR access 500 GET /x (::1) 1.00ms" + System.lineSeparator(),
        new String(encoder.encode(event(Level.ERROR, "500 GET /x (::1) 1.00ms", noon, null)),
            StandardCharsets.UTF_8));
  }

  @Test
  void followsTheClockAcrossSecondsMillisecondsAndMidnight() {
    PatternLayoutEncoder expected = pattern();
    AccessLineEncoder encoder = new AccessLineEncoder();
    for (String at : new String[] {
        "2026-12-05T09:08:07.000", "2026-12-05T09:08:07.999", "2026-12-05T09:08:08.010",
        "2026-12-05T23:59:59.999", "2026-12-06T00:00:00.000", "2026-12-05T09:08:07.500", // back again
        "1969-12-31T23:59:59.123"}) {
      assertSameLine(expected, encoder, event(Level.INFO, "at " + at, millisAt(at), null));
    }
  }

  @Test
  void encodesAnyMessageAsUtf8WithItsArgumentsAndItsStackTrace() {
    PatternLayoutEncoder expected = pattern();
    AccessLineEncoder encoder = new AccessLineEncoder();
    long now = System.currentTimeMillis();
    assertSameLine(expected, encoder, event(Level.INFO, "200 GET /caf\u00e9/\u65e5\u672c (10.0.0.1) 0.01ms", now, null));
    assertSameLine(expected, encoder, event(Level.WARN, "{} access lines dropped", now, null, 17));
    assertSameLine(expected, encoder,
        event(Level.ERROR, "writer failed", now, new IllegalStateException("disk full")));
  }
}

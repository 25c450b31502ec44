package dev.cyclone.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.testsupport.LogCapture;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** ExpectLog against the test logger (slf4j-simple, on System.err), from this thread and others. */
class ExpectLogTest {
  /** An exception whose name says neither Exception nor Error: its trace is still captured. */
  static final class OddlyNamed extends RuntimeException {
    OddlyNamed(String message) {
      super(message, new IllegalStateException("the cause"));
    }
  }

  private static final Logger log = LoggerFactory.getLogger("dev.cyclone.expectlog");

  @Test
  void anExpectedLineIsCapturedWithItsStackTraceAndNotPrinted() throws Exception {
    try (LogCapture printed = LogCapture.start()) {
      ExpectLog expected = ExpectLog.of("dev.cyclone.expectlog", "it broke");
      try (expected) {
        Thread other = new Thread(() -> log.error("it broke on purpose", new OddlyNamed("boom")));
        other.start();
        other.join();
        log.warn("something else");
      }
      assertEquals(1, expected.lines().size());
      String line = expected.lines().get(0);
      assertTrue(line.contains("it broke on purpose") && line.contains("OddlyNamed: boom")
          && line.contains("\tat ") && line.contains("Caused by: java.lang.IllegalStateException: the cause"),
          "the line and its stack trace: " + line);
      String out = printed.text();
      assertFalse(out.contains("it broke"), "captured lines are not printed: " + out);
      assertTrue(out.contains("something else"), "other lines still are: " + out);
    }
  }

  @Test
  void aLineThatNeverCameFailsTheTest() {
    AssertionError e = assertThrows(AssertionError.class, () -> {
      try (ExpectLog expected = ExpectLog.of("dev.cyclone.expectlog", "never said")) {
        // nothing is logged
      }
    });
    assertTrue(e.getMessage().startsWith("[ExpectLog]"), e.getMessage());
  }

  @Test
  void optionalAndNestedExpectationsEachTakeTheirOwnLines() {
    try (ExpectLog outer = ExpectLog.of("dev.cyclone.expectlog", "outer");
        ExpectLog maybe = ExpectLog.optional("dev.cyclone.expectlog", "not logged")) {
      try (ExpectLog inner = ExpectLog.of("dev.cyclone.expectlog", "inner")) {
        log.error("inner line");
        log.error("outer line");
        assertEquals(1, inner.lines().size());
      }
      assertEquals(1, outer.lines().size());
      assertEquals(0, maybe.lines().size());
    }
  }
}

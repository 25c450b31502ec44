package dev.cyclone.httpserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The Date header of the current second, cached per second on the monotonic clock. */
class HttpDatesTest {
  @Test
  void theHeaderIsTheWallClocksSecondAndMovesOnWithIt() throws Exception {
    for (int round = 0; round < 3; round++) {
      long before = System.currentTimeMillis() / 1000;
      String date = HttpDates.now();
      long after = System.currentTimeMillis() / 1000;
      Instant shown = HttpDates.parse(date);
      // the second of the call, whichever side of a boundary it fell on
      assertTrue(shown.getEpochSecond() >= before && shown.getEpochSecond() <= after,
          date + " is not between " + before + " and " + after);
      Thread.sleep(1000 - System.currentTimeMillis() % 1000 + 20); // into the next second
      String next = HttpDates.now();
      assertNotEquals(date, next);
      assertEquals(HttpDates.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)), next);
    }
  }

  @Test
  void theServersBytesAreTheSameText() {
    long now = System.nanoTime();
    assertEquals(HttpDates.now(), HttpDates.nowAscii(now).toString());
  }

  @Test
  void formatAndParseRoundTripToTheSecond() {
    Instant t = Instant.parse("1994-11-15T08:12:31Z");
    assertEquals("Tue, 15 Nov 1994 08:12:31 GMT", HttpDates.format(t));
    assertEquals(t, HttpDates.parse("Tue, 15 Nov 1994 08:12:31 GMT"));
    assertNull(HttpDates.parse("yesterday"));
    assertNull(HttpDates.parse(null));
  }
}

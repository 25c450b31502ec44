package dev.cyclone.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Signing and checking values in Tornado's version 2 format: round trips, the maximum age, clock
 * skew, key versions, and every field tampered with reading as absent, never as an exception.
 */
class SignedValuesTest {
  private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
  private static final SignedValues SIGNER = SignedValues.of("a long random secret").withClock(at(T0));

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  @Test
  void theFormatIsTornadosVersion2() {
    String signed = SIGNER.create("user", "alice");
    // 1796126400 is T0; "alice" is YWxpY2U= in base64; 64 hex digits of HMAC-SHA256 follow
    assertTrue(signed.matches("2\\|1:0\\|10:1796126400\\|4:user\\|8:YWxpY2U=\\|[0-9a-f]{64}"), signed);
    assertEquals("alice", SIGNER.decode("user", signed));
  }

  @Test
  void anyTextAndBytesRoundTrip() {
    String text = "Zoë | 1:2 | \u2603 \"quoted\"; semicolon";
    assertEquals(text, SIGNER.decode("n", SIGNER.create("n", text)));
    byte[] bytes = {0, -1, 127, -128, 10, 13};
    assertArrayEquals(bytes, SIGNER.decodeBytes("n", SIGNER.create("n", bytes), 31));
    assertEquals("", SIGNER.decode("n", SIGNER.create("n", "")));
  }

  @Test
  void expiresAfterTheMaximumAge() {
    String signed = SIGNER.create("user", "alice");
    Instant later = T0.plus(Duration.ofDays(31));
    assertEquals("alice", SIGNER.withClock(at(later)).decode("user", signed), "exactly 31 days: still valid");
    assertNull(SIGNER.withClock(at(later.plusSeconds(1))).decode("user", signed), "31 days and 1 s");
    assertEquals("alice", SIGNER.withClock(at(T0.plus(Duration.ofHours(11)))).decode("user", signed, 0.5));
    assertNull(SIGNER.withClock(at(T0.plus(Duration.ofHours(13)))).decode("user", signed, 0.5));
  }

  @Test
  void aTimestampTooFarInTheFutureIsRefused() {
    String fromTheFuture = SIGNER.withClock(at(T0.plus(Duration.ofDays(32)))).create("user", "alice");
    assertNull(SIGNER.decode("user", fromTheFuture));
    String skewed = SIGNER.withClock(at(T0.plus(Duration.ofDays(30)))).create("user", "alice");
    assertEquals("alice", SIGNER.decode("user", skewed), "a skew within 31 days is tolerated");
  }

  @Test
  void aValueSignedForAnotherNameIsAbsent() {
    assertNull(SIGNER.decode("admin", SIGNER.create("user", "alice")));
  }

  @Test
  void anotherSecretDoesNotRead() {
    String signed = SIGNER.create("user", "alice");
    assertNull(SignedValues.of("another secret").withClock(at(T0)).decode("user", signed));
  }

  @Test
  void keyVersionsRotate() {
    SignedValues v1 = SignedValues.of(Map.of(1, "old secret"), 1).withClock(at(T0));
    SignedValues v2 = SignedValues.of(Map.of(1, "old secret", 2, "new secret"), 2).withClock(at(T0));
    String old = v1.create("user", "alice");
    String current = v2.create("user", "bob");
    assertTrue(old.startsWith("2|1:1|"), old);
    assertTrue(current.startsWith("2|1:2|"), current);
    assertEquals(1, SignedValues.keyVersion(old));
    assertEquals(2, SignedValues.keyVersion(current));
    assertEquals("alice", v2.decode("user", old), "a value signed with a key still kept reads");
    assertEquals("bob", v2.decode("user", current));
    SignedValues retired = SignedValues.of(Map.of(2, "new secret"), 2).withClock(at(T0));
    assertNull(retired.decode("user", old), "its key retired: unknown version");
    assertEquals("bob", retired.decode("user", current));
    // a value that claims key 2 but was signed with key 1's secret
    String lying = old.replaceFirst("^2\\|1:1\\|", "2|1:2|");
    assertNull(v2.decode("user", lying));
  }

  @Test
  void aSingleSecretSignsAsKeyVersionZeroAndIgnoresTheField() {
    // Tornado checks a value against a single secret whatever key version it claims
    SignedValues versioned = SignedValues.of(Map.of(7, "a long random secret"), 7).withClock(at(T0));
    assertEquals("alice", SIGNER.decode("user", versioned.create("user", "alice")));
  }

  @Test
  void tamperingWithAnyFieldReadsAsAbsent() {
    String signed = SIGNER.create("user", "alice");
    String[] parts = signed.split("\\|");
    assertEquals(6, parts.length);
    for (int field = 0; field < parts.length; field++) {
      String[] forged = parts.clone();
      forged[field] = tamper(parts[field]);
      String value = String.join("|", forged);
      assertNull(SIGNER.decode("user", value), "field " + field + " changed: " + value);
    }
    // change each character in turn
    for (int i = 0; i < signed.length(); i++) {
      char c = signed.charAt(i);
      String forged = signed.substring(0, i) + (c == 'a' ? 'b' : 'a') + signed.substring(i + 1);
      assertNull(SIGNER.decode("user", forged), "character " + i + " changed: " + forged);
    }
    assertNull(SIGNER.decode("user", signed + "0"), "appended");
    assertNull(SIGNER.decode("user", signed.substring(0, signed.length() - 1)), "truncated");
    assertNull(SIGNER.decode("user", signed.replace("8:YWxpY2U=", "4:Ym9i")), "value replaced");
  }

  private static String tamper(String field) {
    int colon = field.indexOf(':');
    if (colon > 0) {
      String text = field.substring(colon + 1);
      // keep the length right so the field parses: only the signature can tell
      String changed = text.isEmpty() ? "" : (text.charAt(0) == '1' ? "2" : "1") + text.substring(1);
      return field.substring(0, colon + 1) + changed;
    }
    if (field.length() == 64) {
      return (field.charAt(0) == 'a' ? "b" : "a") + field.substring(1);
    }
    return "3";
  }

  @Test
  void malformedValuesReadAsAbsentWithoutThrowing() {
    String[] values = {
      null, "", "2", "2|", "2|1:0|", "2|x:0|10:1796126400|4:user|8:YWxpY2U=|" + "0".repeat(64),
      "2|01:0|10:1796126400|4:user|8:YWxpY2U=|" + "0".repeat(64),
      "2|1:0|10:1796126400|4:user|9:YWxpY2U=|" + "0".repeat(64),
      "2|1:0|10:1796126400|4:user|8:YWxpY2U=|",
      "2|99999999999:0|", "2|1:0|-5:12345|", "Zm9v|1796126400|abc",
      "3|1:0|10:1796126400|4:user|8:YWxpY2U=|" + "0".repeat(64),
      "2|1:0|10:1796126400|4:usér|8:YWxpY2U=|" + "0".repeat(64),
      "x".repeat(100_000),
    };
    for (String v : values) {
      assertNull(SIGNER.decode("user", v), String.valueOf(v));
    }
    Random random = new Random(19);
    String signed = SIGNER.create("user", "alice");
    for (int i = 0; i < 2000; i++) {
      char[] chars = signed.toCharArray();
      for (int k = 0; k < 3; k++) {
        chars[random.nextInt(chars.length)] = (char) (random.nextInt(0x80));
      }
      SIGNER.decode("user", new String(chars)); // never throws
    }
  }

  @Test
  void tornadosVersion1IsRefused() {
    // a version 1 value as Tornado writes it: base64|timestamp|hmac-sha1
    assertNull(SIGNER.decode("user", "YWxpY2U=|1796126400|" + "0".repeat(40)));
    assertNull(SignedValues.keyVersion("YWxpY2U=|1796126400|" + "0".repeat(40)));
  }

  @Test
  void configurationMistakesFailAtOnce() {
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> SignedValues.of(""));
    assertTrue(empty.getMessage().startsWith("[CookieSecret]"), empty.getMessage());
    IllegalArgumentException version =
        assertThrows(IllegalArgumentException.class, () -> SignedValues.of(Map.of(1, "s"), 2));
    assertTrue(version.getMessage().startsWith("[CookieSecretVersion]"), version.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SIGNER.create("na\u00efve", "x"));
  }
}

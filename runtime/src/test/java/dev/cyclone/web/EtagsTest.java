package dev.cyclone.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Entity tags: how a body's tag is written, and how If-None-Match is compared with it. */
class EtagsTest {
  @Test
  void aTagIsTheBodysHashInSixteenHexDigitsQuoted() {
    byte[] body = "Hello, World! and what follows".getBytes(StandardCharsets.US_ASCII);
    assertEquals("\"c49aacf8080fe47f\"", Etags.of(body, 13).toString());
    assertEquals("\"ef46db3751d8e999\"", Etags.of(null, 0).toString(), "no body hashes as empty");
    for (int length = 0; length <= body.length; length++) {
      assertEquals(18, Etags.of(body, length).length(), "16 digits, leading zeros kept");
    }
  }

  @Test
  void ifNoneMatchMatchesAnyListedTagWeaklyOrAStar() {
    String tag = "\"c49aacf8080fe47f\"";
    assertTrue(Etags.matches(tag, tag));
    assertTrue(Etags.matches("\"a\", W/" + tag, tag), "W/ is ignored, as RFC 9110 asks for GET");
    assertTrue(Etags.matches(" * ", tag));
    assertFalse(Etags.matches("\"a\", \"b\"", tag));
    assertFalse(Etags.matches(null, tag));
  }
}

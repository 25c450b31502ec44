package dev.cyclone.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.httpserver.ResponseHeaders;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The check every header a handler sets passes: Netty does not validate response headers again. */
class HeaderValuesTest {
  @Test
  void tokensAndPrintableValuesPass() {
    assertEquals("a\tb ~é", HeaderValues.format("X-Ok!#$%&'*+-.^_`|~09", "a\tb ~é"));
    assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", HeaderValues.format("Expires", Instant.EPOCH));
  }

  @Test
  void controlCharactersInAValueAreRefusedWithTheRule() {
    for (String bad : new String[] {"a\r\nInjected: yes", "a\nb", "a\rb", "a\0b", "a\u0001b", "a\u007fb"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> HeaderValues.format("X-Bad", bad));
      assertTrue(e.getMessage().startsWith("[HeaderValue] Unsafe value for header X-Bad"), e.getMessage());
      assertTrue(e.getMessage().contains("control character"), e.getMessage());
    }
  }

  @Test
  void aNameThatIsNotATokenIsRefusedWithTheRule() {
    for (String bad : new String[] {"", "X Bad", "X:Bad", "X-Bad\r\n", "X(Bad)", "X-Bäd", "X\tBad"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> HeaderValues.format(bad, "v"));
      assertTrue(e.getMessage().startsWith("[HeaderName] Unsafe header name"), e.getMessage());
    }
    IllegalArgumentException nul =
        assertThrows(IllegalArgumentException.class, () -> HeaderValues.format(null, "v"));
    assertTrue(nul.getMessage().startsWith("[HeaderName]"), nul.getMessage());
  }

  @Test
  void aNullValueIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HeaderValues.format("X-Null", null));
    assertTrue(e.getMessage().startsWith("[HeaderValue]"), e.getMessage());
  }

  @Test
  void theFrameworksLiteralNamesAreItsConstantsAndEveryOtherNameIsChecked() {
    assertSame(ResponseHeaders.CONTENT_TYPE, HeaderValues.name("Content-Type"));
    assertEquals("Cache-Control", HeaderValues.name("Cache-Control").toString());
    assertEquals("Location", HeaderValues.name("Location").toString());
    String built = new String("Content-Type"); // the same text, not the literal: checked, kept as is
    assertSame(built, HeaderValues.name(built));
    assertSame("content-type", HeaderValues.name("content-type"));
    for (String bad : new String[] {"", "X Bad", "Content-Type\r\nX-Injected", new String("Bad Name")}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HeaderValues.name(bad));
      assertTrue(e.getMessage().startsWith("[HeaderName] Unsafe header name"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> HeaderValues.name(null));
    IllegalArgumentException value =
        assertThrows(IllegalArgumentException.class, () -> HeaderValues.value("Content-Type", "a\r\nb"));
    assertTrue(value.getMessage().startsWith("[HeaderValue]"), value.getMessage());
  }
}

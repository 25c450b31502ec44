package dev.cyclone.httpserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.AsciiString;
import org.junit.jupiter.api.Test;

class HttpSyntaxTest {
  @Test
  void tokensAreLettersDigitsAndTheirPunctuation() {
    assertTrue(HttpSyntax.isToken("Content-Type"));
    assertTrue(HttpSyntax.isToken("X-a1!#$%&'*+-.^_`|~"));
    for (String bad : new String[] {"", "X Y", "X:Y", "X\tY", "X(Y)", "X\"Y", "Ä", "X\u007fY", "X\r\n"}) {
      assertFalse(HttpSyntax.isToken(bad), bad);
    }
  }

  @Test
  void hostsAreNamesAndLiteralsWithAPort() {
    for (String ok : new String[] {"", "example.com", "example.com:8080", "[::1]:80", "10.0.0.1", "xn--b-eka.de"}) {
      assertTrue(HttpSyntax.isHost(ok), ok);
    }
    for (String bad : new String[] {"a b", "a/b", "user@host", "a?b", "a#b", "a\tb", "é.com"}) {
      assertFalse(HttpSyntax.isHost(bad), bad);
    }
  }

  @Test
  void otherCharSequencesAreCheckedAlike() {
    for (String text : new String[] {"Content-Type", "X Y", "", "Ä", "example.com:8080", "a/b"}) {
      for (CharSequence same : new CharSequence[] {new StringBuilder(text), new AsciiString(text)}) {
        assertEquals(HttpSyntax.isToken(text), HttpSyntax.isToken(same), text);
        assertEquals(HttpSyntax.isHost(text), HttpSyntax.isHost(same), text);
      }
    }
  }
}

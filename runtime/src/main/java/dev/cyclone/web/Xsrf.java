package dev.cyclone.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The XSRF token in Tornado's formats (its {@code xsrf_token}, {@code _decode_xsrf_token} and
 * {@code check_xsrf_cookie}), so that a page or client written for Tornado works unchanged. A
 * token is 16 random bytes kept in the {@code _xsrf} cookie; forms and headers carry it masked:
 * {@code 2|<mask>|<token XOR mask>|<timestamp>} in hex, with a new 4-byte mask each time it is
 * written into a page (so the page's compressed size reveals nothing: BREACH). The older raw form
 * (version 1: the token in hex) is accepted when read, as Tornado does.
 */
final class Xsrf {
  /** The cookie and form argument name. */
  static final String NAME = "_xsrf";
  /** The methods whose requests must carry the token (Tornado exempts GET, HEAD and OPTIONS). */
  private static final Set<String> CHECKED = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final Logger log = LoggerFactory.getLogger(Xsrf.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private Xsrf() {}

  /**
   * A token read from a cookie or a request, or made for this request.
   *
   * @param version 2 (masked), 1 (raw hex or text), or 0 for one just generated
   * @param token the raw token bytes
   * @param timestamp when it was made, in seconds (now for version 1, which has none)
   */
  record Token(int version, byte[] token, long timestamp) {}

  /** True when a request with {@code method} must carry the token. */
  static boolean isChecked(String method) {
    return CHECKED.contains(method);
  }

  /** A new random token, made now. */
  static Token generate() {
    byte[] token = new byte[16];
    RANDOM.nextBytes(token);
    return new Token(0, token, System.currentTimeMillis() / 1000);
  }

  /** {@code token} masked for a page: {@code 2|mask|masked|timestamp}, with a new mask. */
  static String encode(Token token) {
    byte[] mask = new byte[4];
    RANDOM.nextBytes(mask);
    return "2|" + HEX.formatHex(mask) + "|" + HEX.formatHex(mask(mask, token.token())) + "|" + token.timestamp();
  }

  /**
   * The token in {@code text} (a cookie or a submitted value), or null when it cannot be read
   * (logged at DEBUG, never thrown). Version 2 is unmasked; text that is not version 2 is version
   * 1: hex when it decodes as hex, else its own bytes, as Tornado reads it.
   */
  static Token decode(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    int bar = text.indexOf('|');
    if (bar > 0 && isVersion(text.substring(0, bar))) {
      if (!text.startsWith("2|")) {
        return unreadable("unknown version " + text.substring(0, bar));
      }
      String[] parts = text.split("\\|", -1);
      if (parts.length != 4) {
        return unreadable("a version 2 token has 4 fields; found " + parts.length);
      }
      try {
        byte[] mask = HEX.parseHex(parts[1]);
        if (mask.length != 4) {
          return unreadable("the mask is 4 bytes; found " + mask.length);
        }
        return new Token(2, mask(mask, HEX.parseHex(parts[2])), Long.parseLong(parts[3]));
      } catch (IllegalArgumentException e) {
        return unreadable("malformed version 2 token: " + e.getMessage());
      }
    }
    byte[] raw;
    try {
      raw = HEX.parseHex(text);
    } catch (IllegalArgumentException e) {
      raw = text.getBytes(StandardCharsets.UTF_8);
    }
    return new Token(1, raw, System.currentTimeMillis() / 1000);
  }

  /** Whether the two tokens are the same bytes, compared in constant time. */
  static boolean matches(Token submitted, Token expected) {
    return MessageDigest.isEqual(submitted.token(), expected.token());
  }

  /** {@code <input type="hidden" name="_xsrf" value="...">} for {@code token}, escaped. */
  static String formHtml(String token) {
    return "<input type=\"hidden\" name=\"" + NAME + "\" value=\"" + ErrorPage.escape(token) + "\"/>";
  }

  /** A decimal version number as Tornado's pattern reads it: digits, no leading zero. */
  private static boolean isVersion(String s) {
    return s.charAt(0) != '0' && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** XOR of {@code data} with the 4-byte {@code mask} repeated (WebSocket's masking). */
  private static byte[] mask(byte[] mask, byte[] data) {
    byte[] out = new byte[data.length];
    for (int i = 0; i < data.length; i++) {
      out[i] = (byte) (data[i] ^ mask[i & 3]);
    }
    return out;
  }

  private static Token unreadable(String why) {
    log.debug("XSRF token ignored: {}", why);
    return null;
  }
}

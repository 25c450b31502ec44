package dev.cyclone.httpserver;

/**
 * The character classes of HTTP's grammar that Cyclone checks text against, each a lookup table
 * over ASCII: header names ({@link #isToken}) and Host values ({@link #isHost}). Stateless.
 */
public final class HttpSyntax {
  /** RFC 9110's {@code tchar}: what a header name or a method is made of. */
  private static final boolean[] TOKEN = alphanumericAnd("!#$%&'*+-.^_`|~");
  /** RFC 3986's {@code host [":" port]}: reg-name, IP literal and port characters. */
  private static final boolean[] HOST = alphanumericAnd("-._~!$&'()*+,;=%:[]");

  private HttpSyntax() {}

  /** True if {@code s} is an HTTP token: not empty; letters, digits and {@code !#$%&'*+-.^_`|~}. */
  public static boolean isToken(CharSequence s) {
    return !s.isEmpty() && all(s, TOKEN);
  }

  /**
   * True if {@code s} is a Host header value: a reg-name or IP literal and an optional port, so no
   * whitespace, no {@code /}, {@code @}, {@code ?}, {@code #} or control character. An empty Host
   * is allowed (a request without authority).
   */
  public static boolean isHost(CharSequence s) {
    return all(s, HOST);
  }

  private static boolean all(CharSequence s, boolean[] table) {
    if (s instanceof String string) {
      return all(string, table); // what nearly every caller has: charAt without an interface call
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 128 || !table[c]) {
        return false;
      }
    }
    return true;
  }

  private static boolean all(String s, boolean[] table) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 128 || !table[c]) {
        return false;
      }
    }
    return true;
  }

  private static boolean[] alphanumericAnd(String punctuation) {
    boolean[] table = new boolean[128];
    for (char c = '0'; c <= '9'; c++) {
      table[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      table[c] = true;
      table[c - 'a' + 'A'] = true;
    }
    for (char c : punctuation.toCharArray()) {
      table[c] = true;
    }
    return table;
  }
}

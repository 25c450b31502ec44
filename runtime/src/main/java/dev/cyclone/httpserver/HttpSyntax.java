package dev.cyclone.httpserver;

/**
 * The character classes of HTTP's grammar that Cyclone checks text against: header names ({@link
 * #isToken}) and Host values ({@link #isHost}). Stateless.
 *
 * <p>Each class is a set of ASCII characters held as two 64-bit masks in static final fields,
 * which the JIT compiles into the code as constants: a check per response reads no table, so it
 * costs no cache miss when the kernel's network path has pushed the server's data out of cache
 * between two responses.
 */
public final class HttpSyntax {
  private static final String ALPHANUMERIC =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  /** RFC 9110's {@code tchar}: what a header name or a method is made of. */
  private static final String TOKEN = ALPHANUMERIC + "!#$%&'*+-.^_`|~";
  /** RFC 3986's {@code host [":" port]}: reg-name, IP literal and port characters. */
  private static final String HOST = ALPHANUMERIC + "-._~!$&'()*+,;=%:[]";

  private static final long TOKEN_LOW = mask(TOKEN, 0);
  private static final long TOKEN_HIGH = mask(TOKEN, 64);
  private static final long HOST_LOW = mask(HOST, 0);
  private static final long HOST_HIGH = mask(HOST, 64);

  private HttpSyntax() {}

  /** True if {@code s} is an HTTP token: not empty; letters, digits and {@code !#$%&'*+-.^_`|~}. */
  public static boolean isToken(CharSequence s) {
    return !s.isEmpty() && all(s, TOKEN_LOW, TOKEN_HIGH);
  }

  /**
   * True if {@code s} is a Host header value: a reg-name or IP literal and an optional port, so no
   * whitespace, no {@code /}, {@code @}, {@code ?}, {@code #} or control character. An empty Host
   * is allowed (a request without authority).
   */
  public static boolean isHost(CharSequence s) {
    return all(s, HOST_LOW, HOST_HIGH);
  }

  /** True if every character of {@code s} is in the set whose masks are {@code low, high}. */
  private static boolean all(CharSequence s, long low, long high) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      long bits = c < 64 ? low : c < 128 ? high : 0;
      if ((bits >>> (c & 63) & 1) == 0) {
        return false;
      }
    }
    return true;
  }

  /** The characters of {@code set} from {@code first} to {@code first + 63}, as bits of a long. */
  private static long mask(String set, int first) {
    long bits = 0;
    for (char c : set.toCharArray()) {
      if (c >= first && c < first + 64) {
        bits |= 1L << (c - first);
      }
    }
    return bits;
  }
}

package dev.cyclone.web;

import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;

/**
 * Entity tags: computed from a response body (Tornado's {@code compute_etag}, a hash of the body)
 * and compared with a request's {@code If-None-Match}.
 *
 * <p>The hash is {@link Xxh64}, not Tornado's SHA-1. A tag only has to change when the body does:
 * two different bodies share a 64-bit hash with odds of one in 2^64. SHA-1 through {@code
 * MessageDigest} took about 2% of the server's time per small response (BENCHMARKS.md), for a
 * resistance to crafted collisions that a cache validator has no use for.
 */
final class Etags {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NO_BYTES = new byte[0];

  private Etags() {}

  /**
   * A strong ETag for the first {@code length} bytes of {@code body} (null when there is none):
   * their {@link Xxh64} hash as 16 hex digits, quoted.
   */
  static AsciiString of(byte[] body, int length) {
    long hash = Xxh64.hash(body == null ? NO_BYTES : body, 0, length);
    byte[] tag = new byte[18];
    tag[0] = '"';
    for (int i = 16; i > 0; i--, hash >>>= 4) {
      tag[i] = HEX[(int) hash & 0xf];
    }
    tag[17] = '"';
    return new AsciiString(tag, false);
  }

  /**
   * True if {@code ifNoneMatch} (a request header, may be null) matches {@code etag}: {@code *}, or
   * one of its tags compared weakly (a {@code W/} prefix is ignored), as RFC 9110 asks for GET.
   */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null || etag == null) {
      return false;
    }
    if (ifNoneMatch.trim().equals("*")) {
      return true;
    }
    String mine = weak(etag);
    for (String tag : ifNoneMatch.split(",")) {
      if (weak(tag.trim()).equals(mine)) {
        return true;
      }
    }
    return false;
  }

  private static String weak(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }
}

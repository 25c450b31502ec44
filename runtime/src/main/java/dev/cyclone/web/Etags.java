package dev.cyclone.web;

import io.netty.util.AsciiString;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Entity tags: computed from a response body (Tornado's {@code compute_etag}, a SHA-1 of the body)
 * and compared with a request's {@code If-None-Match}.
 */
final class Etags {
  /**
   * One digest, and the array it writes into, per thread: {@code MessageDigest.getInstance} looks
   * the provider up on every call, which was a measurable part of answering a small GET. A Netty
   * thread-local: on a loop's thread it is an array slot, not a hash lookup.
   */
  private static final FastThreadLocal<Sha1> SHA1 =
      new FastThreadLocal<>() {
        @Override
        protected Sha1 initialValue() {
          return new Sha1();
        }
      };

  private static final class Sha1 {
    final MessageDigest digest;
    final byte[] out = new byte[20];

    Sha1() {
      try {
        digest = MessageDigest.getInstance("SHA-1");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-1 is missing from this JVM", e);
      }
    }
  }

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private Etags() {}

  /** A strong ETag for the first {@code length} bytes of {@code body}: their SHA-1 in hex, quoted. */
  static AsciiString of(byte[] body, int length) {
    Sha1 state = SHA1.get();
    MessageDigest sha1 = state.digest; // digest() below leaves it reset for the next use
    if (length > 0) {
      sha1.update(body, 0, length);
    }
    byte[] digest = state.out;
    try {
      sha1.digest(digest, 0, digest.length); // into the thread's array: none made per call
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-1 gave no 20-byte digest", e);
    }
    byte[] tag = new byte[digest.length * 2 + 2];
    tag[0] = '"';
    for (int i = 0; i < digest.length; i++) {
      tag[1 + 2 * i] = HEX[(digest[i] >> 4) & 0xf];
      tag[2 + 2 * i] = HEX[digest[i] & 0xf];
    }
    tag[tag.length - 1] = '"';
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

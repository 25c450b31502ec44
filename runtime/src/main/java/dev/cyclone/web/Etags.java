package dev.cyclone.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Entity tags: computed from a response body (Tornado's {@code compute_etag}, a SHA-1 of the body)
 * and compared with a request's {@code If-None-Match}.
 */
final class Etags {
  /**
   * One digest per thread: {@code MessageDigest.getInstance} looks the provider up on every call,
   * which was a measurable part of answering a small GET.
   */
  private static final ThreadLocal<MessageDigest> SHA1 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-1");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-1 is missing from this JVM", e);
            }
          });

  private Etags() {}

  /** A strong ETag for {@code body}: its SHA-1 in hex, quoted. */
  static String of(byte[] body, int length) {
    MessageDigest sha1 = SHA1.get(); // digest() below leaves it reset for the next use
    sha1.update(body, 0, length);
    StringBuilder tag = new StringBuilder("\"");
    for (byte b : sha1.digest()) {
      tag.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return tag.append('"').toString();
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

package dev.cyclone.web;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * XXH64, the 64-bit xxHash of Yann Collet, with seed 0: what {@link Etags} hashes a body with.
 * Written here from the algorithm's description (xxHash's {@code doc/xxhash_spec.md}); the tests
 * check it against answers of the reference {@code xxhsum -H1}.
 *
 * <p>A fast, well-mixed hash, not a cryptographic one: it tells versions of a body apart, which is
 * all an entity tag is for, and does not resist someone who crafts two bodies to collide.
 */
final class Xxh64 {
  private static final long PRIME_1 = 0x9E3779B185EBCA87L;
  private static final long PRIME_2 = 0xC2B2AE3D27D4EB4FL;
  private static final long PRIME_3 = 0x165667B19E3779F9L;
  private static final long PRIME_4 = 0x85EBCA77C2B2AE63L;
  private static final long PRIME_5 = 0x27D4EB2F165667C5L;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private Xxh64() {}

  /** The hash of {@code length} bytes of {@code bytes} from {@code offset}. */
  static long hash(byte[] bytes, int offset, int length) {
    int at = offset;
    int end = offset + length;
    long acc;
    if (length >= 32) {
      // four lanes of 8 bytes each, taken a 32-byte stripe at a time
      long v1 = PRIME_1 + PRIME_2;
      long v2 = PRIME_2;
      long v3 = 0;
      long v4 = -PRIME_1;
      for (int limit = end - 32; at <= limit; at += 32) {
        v1 = round(v1, lane(bytes, at));
        v2 = round(v2, lane(bytes, at + 8));
        v3 = round(v3, lane(bytes, at + 16));
        v4 = round(v4, lane(bytes, at + 24));
      }
      acc = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12)
          + Long.rotateLeft(v4, 18);
      acc = merge(acc, v1);
      acc = merge(acc, v2);
      acc = merge(acc, v3);
      acc = merge(acc, v4);
    } else {
      acc = PRIME_5;
    }
    acc += length;
    // what is left of the last stripe: 8 bytes, then 4, then one at a time
    for (; at + 8 <= end; at += 8) {
      acc ^= round(0, lane(bytes, at));
      acc = Long.rotateLeft(acc, 27) * PRIME_1 + PRIME_4;
    }
    if (at + 4 <= end) {
      acc ^= ((int) INTS.get(bytes, at) & 0xFFFFFFFFL) * PRIME_1;
      acc = Long.rotateLeft(acc, 23) * PRIME_2 + PRIME_3;
      at += 4;
    }
    for (; at < end; at++) {
      acc ^= (bytes[at] & 0xFFL) * PRIME_5;
      acc = Long.rotateLeft(acc, 11) * PRIME_1;
    }
    // the avalanche: every input bit reaches every output bit
    acc ^= acc >>> 33;
    acc *= PRIME_2;
    acc ^= acc >>> 29;
    acc *= PRIME_3;
    acc ^= acc >>> 32;
    return acc;
  }

  private static long lane(byte[] bytes, int at) {
    return (long) LONGS.get(bytes, at);
  }

  private static long round(long acc, long lane) {
    acc += lane * PRIME_2;
    acc = Long.rotateLeft(acc, 31);
    return acc * PRIME_1;
  }

  private static long merge(long acc, long lane) {
    acc ^= round(0, lane);
    return acc * PRIME_1 + PRIME_4;
  }
}

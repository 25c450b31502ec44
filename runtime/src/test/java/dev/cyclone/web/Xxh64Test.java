package dev.cyclone.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** XXH64 against the reference implementation's answers, over every path through the input. */
class Xxh64Test {
  /** The first {@code n} letters of ABC…Z, over and over. */
  private static byte[] letters(int n) {
    byte[] bytes = new byte[n];
    for (int i = 0; i < n; i++) {
      bytes[i] = (byte) ('A' + i % 26);
    }
    return bytes;
  }

  /**
   * Answers of {@code xxhsum -H1} (Debian's package xxhash 0.8) for the letters: lengths that end
   * in single bytes, a 4-byte piece, 8-byte lanes, whole 32-byte stripes and each mix of them.
   */
  @ParameterizedTest(name = "{0} bytes")
  @CsvSource({
    "0, ef46db3751d8e999",
    "1, 13099d40d095b684",
    "3, e66ae7354fcfee98",
    "4, 0aa126ef3f719c6e",
    "7, aaf8c1dc1688e2a6",
    "8, ae90e9a4e8c92efe",
    "12, 49d43b147040aabd",
    "13, 273b4c3d182e3ef0",
    "31, 67c8a75623f38b83",
    "32, 208d5bed9931592e",
    "33, df670aa114ffb566",
    "63, 6063c8ed367b1c52",
    "64, 775d3d73f97690fc",
    "100, 90ea05b4db400364",
    "1000, 69f8ef7a9b517dec",
  })
  void matchesTheReferenceImplementation(int length, String expected) {
    assertEquals(expected, String.format("%016x", Xxh64.hash(letters(length), 0, length)));
  }

  @Test
  void hashesOnlyTheRangeItIsGiven() {
    byte[] hello = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    byte[] padded = "xxHello, World!yyy".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0xc49aacf8080fe47fL, Xxh64.hash(hello, 0, hello.length));
    assertEquals(0xc49aacf8080fe47fL, Xxh64.hash(padded, 2, hello.length));
  }

  @Test
  void oneChangedBitChangesTheHash() {
    byte[] bytes = letters(100);
    long before = Xxh64.hash(bytes, 0, bytes.length);
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] ^= 1;
      assertNotEquals(before, Xxh64.hash(bytes, 0, bytes.length), "bit 0 of byte " + i);
      bytes[i] ^= 1;
    }
  }
}

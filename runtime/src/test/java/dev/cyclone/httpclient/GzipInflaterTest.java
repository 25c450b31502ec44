package dev.cyclone.httpclient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The gzip decoder, fed whole and one byte at a time, and refusing damaged streams. */
class GzipInflaterTest {
  private static final String TEXT = "hello gzip ".repeat(1000);
  private static final byte[] GZ = FetchTest.gzip(TEXT);

  private static String inflate(byte[] gz, int chunk) {
    GzipInflater inflater = new GzipInflater();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < gz.length; i += chunk) {
      out.writeBytes(inflater.inflate(Unpooled.wrappedBuffer(gz, i, Math.min(chunk, gz.length - i))));
    }
    out.writeBytes(inflater.finish());
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void wholeOrByteByByte() {
    assertEquals(TEXT, inflate(GZ, GZ.length));
    assertEquals(TEXT, inflate(GZ, 1));
    assertEquals(TEXT, inflate(GZ, 7));
  }

  @Test
  void optionalHeaderFieldsAreSkipped() {
    // FLG = FEXTRA | FNAME | FCOMMENT | FHCRC, with a 3-byte extra field, a name and a comment.
    byte[] header = {0x1f, (byte) 0x8b, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 3, 3, 0, 1, 2, 3, 'n', 0, 'c', 0, 9, 9};
    byte[] stream = new byte[header.length + GZ.length - 10];
    System.arraycopy(header, 0, stream, 0, header.length);
    System.arraycopy(GZ, 10, stream, header.length, GZ.length - 10);
    assertEquals(TEXT, inflate(stream, 5));
  }

  @Test
  void emptyBodyIsEmpty() {
    assertArrayEquals(new byte[0], new GzipInflater().finish());
  }

  @Test
  void damagedStreamsAreRefused() {
    assertThrows(UncheckedIOException.class, () -> inflate("not gzip at all, no".getBytes(), 4));
    assertThrows(UncheckedIOException.class, () -> inflate(Arrays.copyOf(GZ, GZ.length - 3), 16));
    assertThrows(UncheckedIOException.class, () -> inflate(Arrays.copyOf(GZ, 5), 16));
    byte[] badCrc = GZ.clone();
    badCrc[GZ.length - 8] ^= 1;
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> inflate(badCrc, 64));
    assertTrue(e.getMessage().contains("CRC"), e.getMessage());
  }
}

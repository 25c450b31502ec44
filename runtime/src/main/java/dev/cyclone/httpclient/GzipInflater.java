package dev.cyclone.httpclient;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Decompresses a gzip response body (RFC 1952) chunk by chunk, and checks that it is complete: its
 * header, its deflate data, and its trailer's CRC-32 and length. Used on the connection's loop only.
 *
 * <p>Errors are thrown as {@link UncheckedIOException}s wrapping a {@link ZipException}.
 */
final class GzipInflater implements AutoCloseable {
  private enum State {
    HEADER,
    DATA,
    TRAILER,
    DONE
  }

  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final int RESERVED = 0xE0;

  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private final byte[] window = new byte[8192];
  /** Header or trailer bytes received so far, until there are enough to parse. */
  private byte[] partial = new byte[0];
  private State state = State.HEADER;
  private long size;
  private boolean fed;

  /** The bytes that {@code compressed} (not released by this call) decompresses to. */
  byte[] inflate(ByteBuf compressed) {
    byte[] input = ByteBufUtil.getBytes(compressed);
    fed |= input.length > 0;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (input.length > 0) {
      switch (state) {
        case HEADER:
          input = header(concat(partial, input));
          break;
        case DATA:
          input = data(input, out);
          break;
        case TRAILER:
          input = trailer(concat(partial, input));
          break;
        case DONE:
        default:
          input = new byte[0]; // anything after the trailer is ignored
          break;
      }
    }
    return out.toByteArray();
  }

  /**
   * Called after the last chunk. An empty body is fine (a HEAD or 204 may name an encoding); a
   * stream that stops before its trailer is not.
   */
  byte[] finish() {
    close();
    if (fed && state != State.DONE) {
      throw error("gzip stream ends before its trailer");
    }
    return new byte[0];
  }

  @Override
  public void close() {
    inflater.end();
  }

  /** Parses the header once it is all there; returns the bytes after it (or none, waiting). */
  private byte[] header(byte[] bytes) {
    if (bytes.length < 10) {
      partial = bytes;
      return new byte[0];
    }
    if ((bytes[0] & 0xFF) != 0x1F || (bytes[1] & 0xFF) != 0x8B) {
      throw error("not in gzip format");
    }
    if (bytes[2] != 8) {
      throw error("unsupported gzip compression method " + bytes[2]);
    }
    int flags = bytes[3] & 0xFF;
    if ((flags & RESERVED) != 0) {
      throw error("reserved gzip flags set");
    }
    int at = 10;
    if ((flags & FEXTRA) != 0) {
      if (bytes.length < at + 2) {
        partial = bytes;
        return new byte[0];
      }
      at += 2 + ((bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8);
    }
    for (int flag : new int[] {FNAME, FCOMMENT}) {
      if ((flags & flag) != 0) {
        while (at < bytes.length && bytes[at] != 0) {
          at++;
        }
        at++; // the terminating zero
      }
    }
    if ((flags & FHCRC) != 0) {
      at += 2;
    }
    if (at > bytes.length) {
      partial = bytes;
      return new byte[0];
    }
    partial = new byte[0];
    state = State.DATA;
    return Arrays.copyOfRange(bytes, at, bytes.length);
  }

  /** Inflates what it can of {@code bytes}; returns the bytes after the deflate data, if it ended. */
  private byte[] data(byte[] bytes, ByteArrayOutputStream out) {
    inflater.setInput(bytes);
    try {
      while (!inflater.finished()) {
        int n = inflater.inflate(window);
        if (n > 0) {
          crc.update(window, 0, n);
          size += n;
          out.write(window, 0, n);
        } else if (inflater.needsInput()) {
          return new byte[0];
        } else if (inflater.needsDictionary()) {
          throw error("gzip data needs a preset dictionary");
        }
      }
    } catch (DataFormatException e) {
      throw error("invalid deflate data: " + e.getMessage());
    }
    state = State.TRAILER;
    int rest = inflater.getRemaining();
    return Arrays.copyOfRange(bytes, bytes.length - rest, bytes.length);
  }

  /** Checks the trailer once its eight bytes are there; returns what follows it. */
  private byte[] trailer(byte[] bytes) {
    if (bytes.length < 8) {
      partial = bytes;
      return new byte[0];
    }
    partial = new byte[0];
    if (littleEndian(bytes, 0) != crc.getValue()) {
      throw error("gzip CRC-32 mismatch");
    }
    if (littleEndian(bytes, 4) != (size & 0xFFFFFFFFL)) {
      throw error("gzip length mismatch");
    }
    state = State.DONE;
    return Arrays.copyOfRange(bytes, 8, bytes.length);
  }

  private static long littleEndian(byte[] b, int at) {
    return (b[at] & 0xFFL)
        | (b[at + 1] & 0xFFL) << 8
        | (b[at + 2] & 0xFFL) << 16
        | (b[at + 3] & 0xFFL) << 24;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    if (a.length == 0) {
      return b;
    }
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  private static UncheckedIOException error(String message) {
    return new UncheckedIOException(new ZipException(message));
  }
}

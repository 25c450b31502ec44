package dev.cyclone.web;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes a handler wrote since its last flush, kept on the Java heap (so a handler that never
 * finishes leaks nothing: the collector takes them), and moved into one pooled buffer only when
 * they are sent. A body written in one piece is not copied before that: its array is kept as it is.
 *
 * <p>A whole response's body is handed over as a heap buffer over the array ({@link #wrap}): the
 * encoder copies it straight into the response's own buffer, after the headers. A flushed piece of
 * a streamed body goes into a pooled buffer ({@link #toBuffer}), as the socket wants: Netty would
 * copy a heap buffer into a direct one through a new NIO slice. Used on the request's loop only.
 */
final class ResponseBody {
  private byte[] bytes;
  private int size;

  /** Appends {@code text} as UTF-8. */
  void write(String text) {
    append(text.getBytes(StandardCharsets.UTF_8), true);
  }

  /** Appends a copy of {@code chunk} (the caller may reuse its array). */
  void write(byte[] chunk) {
    append(chunk, false);
  }

  private void append(byte[] chunk, boolean owned) {
    int n = chunk.length;
    if (n == 0) {
      return;
    }
    if (bytes == null) {
      bytes = owned ? chunk : chunk.clone();
      size = n;
      return;
    }
    if (size + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(size + n, bytes.length * 2));
    }
    System.arraycopy(chunk, 0, bytes, size, n);
    size += n;
  }

  /** How many bytes were written. */
  int size() {
    return size;
  }

  /** The bytes written; valid up to {@link #size()}; null when nothing was. */
  byte[] array() {
    return bytes;
  }

  /** A copy of the bytes written. */
  byte[] toArray() {
    return bytes == null ? new byte[0] : Arrays.copyOf(bytes, size);
  }

  /**
   * The bytes as a heap buffer over this body's array, not copied (null when there are none); the
   * caller owns it, and nothing may be written here after.
   */
  ByteBuf wrap() {
    return size == 0 ? null : Unpooled.wrappedBuffer(bytes, 0, size);
  }

  /** The bytes in a new buffer of {@code alloc} (null when there are none); the caller owns it. */
  ByteBuf toBuffer(ByteBufAllocator alloc) {
    if (size == 0) {
      return null;
    }
    return alloc.buffer(size).writeBytes(bytes, 0, size);
  }
}

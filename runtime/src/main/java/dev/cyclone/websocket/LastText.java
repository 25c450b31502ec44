package dev.cyclone.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * The UTF-8 bytes of the last text message written on a loop thread, kept for the next write of
 * the same {@code String}: a room that sends one message to ten thousand members encodes it once
 * per loop, not once per member. For a server's connections without an extension, the whole frame
 * is kept too: a server's frames are not masked (RFC 6455, section 5.1), so the same bytes go to
 * every member and Netty's frame encoder has nothing to do. At most one message's buffers per loop
 * thread; released when the next text replaces them, or when the thread ends.
 */
final class LastText {
  private static final FastThreadLocal<LastText> CURRENT =
      new FastThreadLocal<>() {
        @Override
        protected LastText initialValue() {
          return new LastText();
        }

        @Override
        protected void onRemoval(LastText last) {
          last.forget();
        }
      };

  private String text;
  /** The UTF-8 of {@code text}, made when first asked for. */
  private ByteBuf bytes;
  /** The unmasked, unfragmented text frame of {@code text}, made when first asked for. */
  private ByteBuf frame;

  private LastText() {}

  /**
   * The UTF-8 bytes of {@code text}, as a buffer the caller owns: a view of the kept bytes, with
   * indices of its own, encoded once for every write of the very same string on this thread.
   */
  static ByteBuf encode(String text, ByteBufAllocator alloc) {
    LastText last = of(text);
    if (last.bytes == null) {
      last.bytes = ByteBufUtil.writeUtf8(alloc, text);
    }
    return last.bytes.retainedDuplicate();
  }

  /**
   * {@code text} as a whole server-to-client text frame (FIN, opcode 1, no mask), header and
   * payload in one buffer, as a buffer the caller owns: what Netty's encoder writes for a {@code
   * TextWebSocketFrame} of it on a connection without extensions.
   */
  static ByteBuf serverFrame(String text, ByteBufAllocator alloc) {
    LastText last = of(text);
    if (last.frame == null) {
      int length = ByteBufUtil.utf8Bytes(text);
      ByteBuf frame = alloc.buffer(10 + length);
      frame.writeByte(0x81); // FIN, text
      if (length < 126) {
        frame.writeByte(length);
      } else if (length <= 0xFFFF) {
        frame.writeByte(126).writeShort(length);
      } else {
        frame.writeByte(127).writeLong(length);
      }
      ByteBufUtil.reserveAndWriteUtf8(frame, text, length);
      last.frame = frame;
    }
    return last.frame.retainedDuplicate();
  }

  /** This thread's kept encodings, emptied first unless they are of this very {@code text}. */
  private static LastText of(String text) {
    LastText last = CURRENT.get();
    if (last.text != text) {
      last.forget();
      last.text = text;
    }
    return last;
  }

  private void forget() {
    text = null;
    if (bytes != null) {
      bytes.release();
      bytes = null;
    }
    if (frame != null) {
      frame.release();
      frame = null;
    }
  }
}

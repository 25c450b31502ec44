package dev.cyclone.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * The UTF-8 bytes of the last text message written on a loop thread, kept for the next write of
 * the same {@code String}: a room that sends one message to ten thousand members encodes it once
 * per loop, not once per member. One buffer per loop thread at most; released when the next text
 * replaces it, or when the thread ends.
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
  private ByteBuf bytes;

  private LastText() {}

  /**
   * The UTF-8 bytes of {@code text}, as a buffer the caller owns: a read-only view of the kept bytes
   * when {@code text} is the very string written last on this thread, a new encoding otherwise.
   */
  static ByteBuf encode(String text, ByteBufAllocator alloc) {
    LastText last = CURRENT.get();
    if (last.text != text) {
      last.forget();
      last.bytes = ByteBufUtil.writeUtf8(alloc, text);
      last.text = text;
    }
    return last.bytes.retainedDuplicate();
  }

  private void forget() {
    if (bytes != null) {
      bytes.release();
      bytes = null;
      text = null;
    }
  }
}

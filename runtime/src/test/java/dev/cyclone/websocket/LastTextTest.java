package dev.cyclone.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import org.junit.jupiter.api.Test;

/**
 * {@link LastText}: the kept server frame is byte for byte what Netty's encoder writes for the same
 * text, at each of RFC 6455's three length forms, and one encoding serves every write of the same
 * string.
 */
class LastTextTest {
  private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

  /** What Netty's server-side encoder (unmasked) writes for a text frame of {@code text}. */
  private static byte[] nettyFrame(String text) {
    EmbeddedChannel channel = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
    channel.writeOutbound(new TextWebSocketFrame(text));
    ByteBuf all = ALLOC.buffer();
    for (Object piece; (piece = channel.readOutbound()) != null; ) {
      ByteBuf b = (ByteBuf) piece;
      all.writeBytes(b);
      b.release();
    }
    byte[] bytes = ByteBufUtil.getBytes(all);
    all.release();
    channel.finishAndReleaseAll();
    return bytes;
  }

  private static byte[] take(ByteBuf frame) {
    byte[] bytes = ByteBufUtil.getBytes(frame);
    frame.release();
    return bytes;
  }

  @Test
  void theServerFrameIsWhatNettysEncoderWritesAtEveryLengthForm() {
    // 0 and 125: length in the second byte; 126 and 65535: 16-bit; 65536: 64-bit. "é" is 2 bytes.
    for (int length : new int[] {0, 1, 125, 126, 1000, 65_535, 65_536, 200_000}) {
      String text = "é".repeat(length / 2) + "x".repeat(length % 2);
      assertArrayEquals(nettyFrame(text), take(LastText.serverFrame(text, ALLOC)), "length " + length);
    }
  }

  @Test
  void theSameStringIsEncodedOnceAndEachWriterOwnsItsView() {
    String text = "hello, room";
    ByteBuf first = LastText.serverFrame(text, ALLOC);
    ByteBuf second = LastText.serverFrame(text, ALLOC);
    // Views of one buffer: a byte changed through one is seen through the other.
    int index = first.readerIndex() + 2;
    byte original = first.getByte(index);
    first.setByte(index, 'H');
    assertEquals('H', second.getByte(second.readerIndex() + 2), "encoded twice");
    first.setByte(index, original);
    first.skipBytes(first.readableBytes()); // one writer consuming its view
    assertEquals(13, second.readableBytes(), "views share their reader index");
    first.release();
    second.release();

    // The payload alone, for frames Netty encodes (a client's, or with an extension), is the same
    // text's UTF-8.
    ByteBuf payload = LastText.encode(text, ALLOC);
    assertArrayEquals(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), take(payload));
  }

  @Test
  void anotherStringReplacesTheKeptFrame() {
    byte[] a = take(LastText.serverFrame(new String("a"), ALLOC));
    byte[] b = take(LastText.serverFrame(new String("b"), ALLOC));
    assertArrayEquals(new byte[] {(byte) 0x81, 1, 'a'}, a);
    assertArrayEquals(new byte[] {(byte) 0x81, 1, 'b'}, b);
  }
}

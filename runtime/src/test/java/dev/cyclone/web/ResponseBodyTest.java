package dev.cyclone.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseBodyTest {
  @Test
  void piecesOfTextAndBytesAreKeptInOrderAsUtf8() {
    ResponseBody body = new ResponseBody();
    body.write("héllo ");
    body.write(new byte[] {'w', 'o'});
    body.write("");
    for (int i = 0; i < 100; i++) {
      body.write("r");
    }
    String expected = "héllo wo" + "r".repeat(100);
    assertEquals(expected.getBytes(StandardCharsets.UTF_8).length, body.size());
    assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), body.toArray());
  }

  @Test
  void bytesAreCopiedSoTheCallerMayReuseItsArray() {
    byte[] mine = {'a', 'b'};
    ResponseBody body = new ResponseBody();
    body.write(mine);
    mine[0] = 'x';
    assertArrayEquals(new byte[] {'a', 'b'}, body.toArray());
  }

  @Test
  void theBufferHoldsTheBytesAndNothingIsMadeForAnEmptyBody() {
    assertNull(new ResponseBody().toBuffer(ByteBufAllocator.DEFAULT));
    assertEquals(0, new ResponseBody().toArray().length);

    ResponseBody body = new ResponseBody();
    body.write("Hello, World!");
    ByteBuf buf = body.toBuffer(ByteBufAllocator.DEFAULT);
    try {
      assertEquals("Hello, World!", buf.toString(StandardCharsets.UTF_8));
    } finally {
      buf.release();
    }
  }

  @Test
  void aWrappedBodyIsExactlyTheBytesWrittenAndNothingForAnEmptyBody() {
    assertNull(new ResponseBody().wrap());

    ResponseBody body = new ResponseBody();
    body.write("Hello");
    body.write(", World!"); // the array grows past the bytes written
    ByteBuf buf = body.wrap();
    try {
      assertEquals(13, buf.readableBytes());
      assertEquals("Hello, World!", buf.toString(StandardCharsets.UTF_8));
    } finally {
      buf.release();
    }
  }
}

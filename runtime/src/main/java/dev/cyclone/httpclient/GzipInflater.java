package dev.cyclone.httpclient;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.compression.ZlibWrapper;
import java.io.ByteArrayOutputStream;

/**
 * Decompresses a gzip response body chunk by chunk, with Netty's zlib decoder. Used on the
 * connection's loop only; {@link #close()} frees it if the body is abandoned.
 */
final class GzipInflater implements AutoCloseable {
  private final EmbeddedChannel decoder =
      new EmbeddedChannel(ZlibCodecFactory.newZlibDecoder(ZlibWrapper.GZIP));

  /** The bytes that {@code compressed} (not released by this call) decompresses to so far. */
  byte[] inflate(ByteBuf compressed) {
    decoder.writeInbound(compressed.retain());
    return drain();
  }

  /** The last bytes, once the whole compressed body was given; frees the decoder. */
  byte[] finish() {
    decoder.finish();
    return drain();
  }

  private byte[] drain() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuf chunk;
    while ((chunk = decoder.readInbound()) != null) {
      try {
        out.writeBytes(ByteBufUtil.getBytes(chunk));
      } finally {
        chunk.release();
      }
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    decoder.finishAndReleaseAll();
  }
}

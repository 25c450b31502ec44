package dev.cyclone.websocket;

/**
 * The permessage-deflate extension (RFC 7692) as a server offers or a client asks for it: what
 * {@link WebSocketHandler#getCompressionOptions()} returns to compress a socket's messages.
 *
 * @param compressionLevel zlib's level, 0 (none) to 9 (best); 6 by default, as Tornado's
 * @param noContextTakeover true to compress each message on its own (less memory per socket,
 *     worse ratio); false, the default, keeps the window across messages
 * @param windowBits the LZ77 window, 9 to 15 bits; 15 by default
 */
public record CompressionOptions(int compressionLevel, boolean noContextTakeover, int windowBits) {
  public CompressionOptions {
    if (compressionLevel < 0 || compressionLevel > 9) {
      throw new IllegalArgumentException(
          "[CompressionLevel] zlib levels are 0..9, got " + compressionLevel);
    }
    if (windowBits < 9 || windowBits > 15) {
      throw new IllegalArgumentException(
          "[CompressionWindowBits] permessage-deflate windows are 9..15 bits, got " + windowBits);
    }
  }

  /** Level 6, context kept, a 15-bit window: what Tornado uses for an empty options dict. */
  public static CompressionOptions defaults() {
    return new CompressionOptions(6, false, 15);
  }
}

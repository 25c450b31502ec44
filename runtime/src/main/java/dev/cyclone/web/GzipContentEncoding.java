package dev.cyclone.web;

import dev.cyclone.httpserver.ResponseHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Locale;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Gzips one response when {@link AppSettings#compressResponse()} is on (Tornado's {@code
 * GZipContentEncoding} transform): a compressible type ({@code text/*}, JSON, JavaScript, XML,
 * SVG), a client that accepts {@code gzip}, no {@code Content-Encoding} yet, not a range, and,
 * for a response sent in one piece, at least {@link #MIN_LENGTH} bytes. A streamed response is
 * compressed piece by piece, each {@code flush()} a sync flush so the client can decode what it
 * has. Not thread-safe: one per response, used on its loop.
 */
final class GzipContentEncoding {
  /** The gzip header (RFC 1952): deflate, no name, no time, unknown OS. */
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

  /** Below this a whole response is sent as it is: the gzip header and trailer cost 18 bytes. */
  static final int MIN_LENGTH = 1024;
  /** zlib's default: most of the gain of 9 at a fraction of its time. */
  static final int LEVEL = 6;

  private static final Set<String> COMPRESSIBLE =
      Set.of(
          "application/javascript",
          "application/x-javascript",
          "application/json",
          "application/xml",
          "application/atom+xml",
          "application/xhtml+xml",
          "image/svg+xml");

  /** zlib's output for a sync flush or the end ends with this much at most beyond the input's. */
  private static final int SLACK = 64;
  /**
   * One deflater per loop thread for responses compressed in one call (the common case): creating
   * one allocates zlib's window and tables natively, which costs more than compressing 10 KiB.
   */
  private static final ThreadLocal<Deflater> WHOLE =
      ThreadLocal.withInitial(() -> new Deflater(LEVEL, true));

  /** A streamed response's own deflater, created at its first piece; null for a whole one. */
  private Deflater deflater;
  private final CRC32 crc = new CRC32();
  private long size;
  /** The header was written (by the first call). A streamed deflater left unended is freed by its cleaner. */
  private boolean started;

    private GzipContentEncoding() {}

  /**
   * Called when the response's headers are about to be sent, on the request's loop: adds {@code
   * Vary: Accept-Encoding} (every representation of a URL a compressing application serves varies
   * by it, the plain ones too), and, if this response is to be compressed, sets {@code
   * Content-Encoding: gzip}, drops a {@code Content-Length} that would no longer be right and
   * returns the encoder. {@code wholeLength} is the body's length when the response goes in one
   * piece, or -1 when it is streamed.
   */
  static GzipContentEncoding start(
      String method, String acceptEncoding, int status, HttpHeaders headers, long wholeLength) {
    addVary(headers);
    if (!acceptsGzip(acceptEncoding)
        || method.equals("HEAD")
        || status < 200
        || status == 204
        || status == 206
        || status == 304
        || headers.contains(HttpHeaderNames.CONTENT_ENCODING)
        || headers.contains(HttpHeaderNames.CONTENT_RANGE)
        || !compressible(headers.get(HttpHeaderNames.CONTENT_TYPE))
        || (wholeLength >= 0 && wholeLength < MIN_LENGTH)) {
      return null;
    }
    headers.set(ResponseHeaders.CONTENT_ENCODING, "gzip");
    headers.remove(HttpHeaderNames.CONTENT_LENGTH); // the connection sets the compressed one
    String etag = headers.get(HttpHeaderNames.ETAG);
    if (etag != null) {
      headers.set(ResponseHeaders.ETAG, etag(etag)); // the handler's tag named the plain bytes
    }
    return new GzipContentEncoding();
  }

  /**
   * The ETag of the gzipped representation: the plain one with {@code -gzip} inside its quotes, as
   * Apache's mod_deflate does, so that a cache never takes one representation for the other.
   */
  static String etag(String plain) {
    if (plain.length() >= 2 && plain.endsWith("\"")) {
      return plain.substring(0, plain.length() - 1) + "-gzip\"";
    }
    return plain;
  }

  /**
   * Compresses {@code piece} (released here; may be null), ending the gzip stream when {@code
   * last}. Returns what is ready to send, owned by the caller (null if nothing is). The first call
   * writes the gzip header; a first call that is also the last (a whole response) borrows the
   * loop thread's deflater.
   */
  ByteBuf encode(ByteBuf piece, boolean last) {
    boolean first = !started;
    started = true;
    boolean whole = first && last;
    Deflater d = whole ? WHOLE.get() : deflater != null ? deflater : (deflater = new Deflater(LEVEL, true));
    int input = piece == null ? 0 : piece.readableBytes();
    ByteBuf out = ByteBufAllocator.DEFAULT.heapBuffer(input / 2 + SLACK + (first ? HEADER.length : 0));
    try {
      if (first) {
        out.writeBytes(HEADER);
      }
      if (piece != null) {
        java.nio.ByteBuffer in = piece.nioBuffer();
        crc.update(in.duplicate());
        size += input;
        d.setInput(in);
      }
      if (last) {
        d.finish();
        while (!d.finished()) {
          deflateInto(d, out, Deflater.NO_FLUSH);
        }
        out.writeIntLE((int) crc.getValue());
        out.writeIntLE((int) size);
      } else {
        // a sync flush: the client can inflate everything sent so far
        do {
          deflateInto(d, out, Deflater.SYNC_FLUSH);
        } while (!d.needsInput() || out.writableBytes() == 0);
      }
      return out;
    } catch (RuntimeException | Error e) {
      out.release();
      throw e;
    } finally {
      if (piece != null) {
        piece.release();
      }
      if (whole) {
        d.reset(); // ready for the loop's next response
      } else if (last && deflater != null) {
        deflater.end();
      }
    }
  }

  /** Runs the deflater once into {@code out}'s free space, growing it first when full. */
  private static void deflateInto(Deflater d, ByteBuf out, int flush) {
    out.ensureWritable(Math.max(SLACK, out.capacity() / 2));
    java.nio.ByteBuffer space = out.nioBuffer(out.writerIndex(), out.writableBytes());
    int n = d.deflate(space, flush);
    out.writerIndex(out.writerIndex() + n);
  }

  /** Whether an {@code Accept-Encoding} value accepts gzip ({@code gzip;q=0} refuses it). */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String coding : acceptEncoding.split(",")) {
      String[] parts = coding.split(";");
      String name = parts[0].trim().toLowerCase(Locale.ROOT);
      if (!name.equals("gzip") && !name.equals("x-gzip") && !name.equals("*")) {
        continue;
      }
      boolean refused = false;
      for (int i = 1; i < parts.length; i++) {
        String p = parts[i].trim().toLowerCase(Locale.ROOT);
        if (p.startsWith("q=")) {
          try {
            refused = Double.parseDouble(p.substring(2)) <= 0;
          } catch (NumberFormatException e) {
            refused = true;
          }
        }
      }
      if (!refused) {
        return true;
      }
    }
    return false;
  }

  private static boolean compressible(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
    return type.startsWith("text/") || COMPRESSIBLE.contains(type);
  }

  private static void addVary(HttpHeaders headers) {
    String vary = headers.get(HttpHeaderNames.VARY);
    if (vary == null) {
      headers.set(ResponseHeaders.VARY, "Accept-Encoding");
    } else if (!vary.toLowerCase(Locale.ROOT).contains("accept-encoding") && !vary.equals("*")) {
      headers.set(ResponseHeaders.VARY, vary + ", Accept-Encoding");
    }
  }

}

package dev.cyclone.web;

import dev.cyclone.httpserver.ResponseHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Gzips one response when {@link AppSettings#compressResponse()} is on (Tornado's {@code
 * GZipContentEncoding} transform): a compressible type ({@code text/*}, JSON, JavaScript, XML,
 * SVG), a client that accepts {@code gzip}, no {@code Content-Encoding} yet, not a range, and,
 * for a response sent in one piece, at least {@link #MIN_LENGTH} bytes. A streamed response is
 * compressed piece by piece, each {@code flush()} a sync flush so the client can decode what it
 * has. Not thread-safe: one per response, used on its loop.
 */
final class GzipContentEncoding {
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

  private final Sink sink = new Sink();
  /** Created at the first {@link #encode}: its header goes into the first piece sent. */
  private GZIPOutputStream gzip;

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
   * last}. Returns what is ready to send, owned by the caller (null if nothing is).
   */
  ByteBuf encode(ByteBuf piece, boolean last) {
    try {
      if (gzip == null) {
        gzip = new GZIPOutputStream(sink, 8192, true) {
          {
            def.setLevel(LEVEL);
          }
        };
      }
      if (piece != null) {
        try {
          piece.readBytes(gzip, piece.readableBytes());
        } finally {
          piece.release();
        }
      }
      if (last) {
        gzip.finish();
      } else {
        gzip.flush(); // a sync flush: the client can inflate everything sent so far
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writes to memory only
    }
    return sink.take();
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

  /** Collects the compressor's output into a pooled buffer handed out at each {@link #take()}. */
  private static final class Sink extends java.io.OutputStream {
    private ByteBuf out;

    @Override
    public void write(int b) {
      buffer().writeByte(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      buffer().writeBytes(b, off, len);
    }

    private ByteBuf buffer() {
      if (out == null) {
        out = ByteBufAllocator.DEFAULT.buffer();
      }
      return out;
    }

    ByteBuf take() {
      ByteBuf taken = out;
      out = null;
      return taken;
    }
  }
}

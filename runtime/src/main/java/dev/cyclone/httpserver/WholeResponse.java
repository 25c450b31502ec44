package dev.cyclone.httpserver;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * A whole response, framed by its {@link HTTP1Exchange}: the status, headers that already say how
 * long the body is (or that it is absent), and the body to send, empty for HEAD and the statuses
 * that carry none. {@link HTTP1ResponseEncoder} writes it in one pass into one buffer sized
 * exactly: status line, headers, body (a long direct body follows in its own buffer).
 *
 * <p>Netty's encoder, given a {@code FullHttpResponse}, looks the framing up again in the headers
 * (chunked? always empty?), guesses the buffer size from the responses before, and writes each
 * header through a general path; the exchange has decided all of that already, so a whole
 * response skips it. Streamed responses still go through Netty's encoder.
 *
 * <p>Made and encoded on the connection's loop. The body is released once encoded; the encoder is
 * always in the pipeline, so every whole response written reaches it.
 */
final class WholeResponse {
  private static final byte[] HTTP_1_1 = "HTTP/1.1 ".getBytes(StandardCharsets.US_ASCII);

  /** The status line of each of Netty's shared statuses, by code from 100; null elsewhere. */
  private static final byte[][] STANDARD_LINES = new byte[500][];
  private static final HttpResponseStatus[] STANDARD = new HttpResponseStatus[500];

  static {
    for (int code = 100; code < 600; code++) {
      HttpResponseStatus status = HttpResponseStatus.valueOf(code);
      if (status == HttpResponseStatus.valueOf(code)) { // a shared constant, not a fresh object
        STANDARD[code - 100] = status;
        STANDARD_LINES[code - 100] = line(status);
      }
    }
  }

  /**
   * A direct body at least this long is sent as it is, after the head, rather than copied: the
   * copy would cost more than the second buffer of the socket's gathering write.
   */
  static final int COPIED_BODY_LIMIT = 8192;

  /** A body held in an array at most this long is copied with the head, in one piece. */
  private static final int SCRATCH_BODY_LIMIT = 2048;
  /** The most a thread's scratch array is kept at; a bigger head gets an array of its own. */
  private static final int SCRATCH_KEPT_LIMIT = 16384;

  private static final FastThreadLocal<byte[]> SCRATCH =
      new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
          return new byte[512];
        }
      };

  private final HttpResponseStatus status;
  private final HttpHeaders headers;
  private final ByteBuf body;

  WholeResponse(HttpResponseStatus status, HttpHeaders headers, ByteBuf body) {
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  /** True when the body goes out in its own buffer after {@link #encode}'s, which leaves it out. */
  boolean bodyApart() {
    return body.isDirect() && body.readableBytes() >= COPIED_BODY_LIMIT;
  }

  /** The body, for the encoder to write after the head when {@link #bodyApart()}. */
  ByteBuf body() {
    return body;
  }

  /**
   * The response as bytes, in a buffer from {@code alloc}: the status line, the headers and,
   * unless {@link #bodyApart()}, the body, which is then released. Called by the encoder on the
   * connection's loop.
   *
   * <p>The head (and a small body held in an array) is put together in this thread's scratch
   * array first and copied into the buffer at once: a pooled direct buffer takes each separate
   * write of a few bytes through a bulk copy that costs more than the bytes.
   */
  ByteBuf encode(ByteBufAllocator alloc) {
    boolean apart = bodyApart();
    try {
      byte[] line = statusLine(status);
      int headLength = line.length + 2;
      for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence();
          it.hasNext(); ) {
        Map.Entry<CharSequence, CharSequence> header = it.next();
        headLength += header.getKey().length() + header.getValue().length() + 4;
      }
      int bodyLength = apart ? 0 : body.readableBytes();
      boolean bodyInScratch = bodyLength > 0 && body.hasArray() && bodyLength <= SCRATCH_BODY_LIMIT;
      int scratchLength = headLength + (bodyInScratch ? bodyLength : 0);
      byte[] scratch = scratch(scratchLength);
      int at = head(line, scratch);
      if (bodyInScratch) {
        System.arraycopy(body.array(), body.arrayOffset() + body.readerIndex(), scratch, at, bodyLength);
      }
      ByteBuf out = alloc.buffer(headLength + bodyLength);
      out.writeBytes(scratch, 0, scratchLength);
      if (bodyLength > 0 && !bodyInScratch) {
        out.writeBytes(body, body.readerIndex(), bodyLength);
      }
      return out;
    } finally {
      if (!apart) {
        body.release();
      }
    }
  }

  /** Writes the status line and headers into {@code to}; answers where they end. */
  private int head(byte[] line, byte[] to) {
    System.arraycopy(line, 0, to, 0, line.length);
    int at = line.length;
    for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence();
        it.hasNext(); ) {
      Map.Entry<CharSequence, CharSequence> header = it.next();
      at = text(header.getKey(), to, at);
      to[at++] = ':';
      to[at++] = ' ';
      at = text(header.getValue(), to, at);
      to[at++] = '\r';
      to[at++] = '\n';
    }
    to[at++] = '\r';
    to[at++] = '\n';
    return at;
  }

  /**
   * Header text as bytes at {@code at}, each character as its Latin-1 byte and {@code ?} past
   * Latin-1, as Netty's own header encoder writes it; answers where the text ends.
   */
  private static int text(CharSequence text, byte[] to, int at) {
    int length = text.length();
    if (text instanceof AsciiString) {
      AsciiString bytes = (AsciiString) text;
      System.arraycopy(bytes.array(), bytes.arrayOffset(), to, at, length);
      return at + length;
    }
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      to[at + i] = c > 0xff ? (byte) '?' : (byte) c;
    }
    return at + length;
  }

  /** This thread's scratch array, at least {@code length} long; kept while it is not too big. */
  private static byte[] scratch(int length) {
    byte[] scratch = SCRATCH.get();
    if (scratch.length >= length) {
      return scratch;
    }
    byte[] bigger = new byte[Math.max(length, scratch.length * 2)];
    if (bigger.length <= SCRATCH_KEPT_LIMIT) {
      SCRATCH.set(bigger);
    }
    return bigger;
  }

  /** {@code HTTP/1.1 200 OK\r\n}: from the table for Netty's shared statuses, else made here. */
  private static byte[] statusLine(HttpResponseStatus status) {
    int code = status.code();
    if (code >= 100 && code < 600 && STANDARD[code - 100] == status) {
      return STANDARD_LINES[code - 100];
    }
    return line(status);
  }

  private static byte[] line(HttpResponseStatus status) {
    byte[] text =
        new AsciiString(status.codeAsText() + " " + status.reasonPhrase()).toByteArray();
    byte[] line = new byte[HTTP_1_1.length + text.length + 2];
    System.arraycopy(HTTP_1_1, 0, line, 0, HTTP_1_1.length);
    System.arraycopy(text, 0, line, HTTP_1_1.length, text.length);
    line[line.length - 2] = '\r';
    line[line.length - 1] = '\n';
    return line;
  }

  @Override
  public String toString() {
    return "WholeResponse(" + status + ", " + headers.size() + " headers, " + body.readableBytes()
        + " bytes)";
  }
}

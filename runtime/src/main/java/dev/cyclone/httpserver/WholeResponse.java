package dev.cyclone.httpserver;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import io.netty.util.CharsetUtil;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * A whole response, framed by its {@link HTTP1Exchange}: the status, headers that already say how
 * long the body is (or that it is absent), and the body to send, empty for HEAD and the statuses
 * that carry none. {@link HTTP1ResponseEncoder} writes it in one pass into one buffer sized
 * exactly: status line, headers, body.
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
  private static final int COLON_SPACE = (':' << 8) | ' ';
  private static final int CRLF = ('\r' << 8) | '\n';

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

  final HttpResponseStatus status;
  final HttpHeaders headers;
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
   */
  ByteBuf encode(ByteBufAllocator alloc) {
    if (bodyApart()) {
      return head(alloc, 0);
    }
    try {
      int length = body.readableBytes();
      return head(alloc, length).writeBytes(body, body.readerIndex(), length);
    } finally {
      body.release();
    }
  }

  /** The status line and headers, in a buffer with room for {@code bodyLength} more bytes. */
  private ByteBuf head(ByteBufAllocator alloc, int bodyLength) {
    byte[] line = statusLine(status);
    int size = line.length + 2 + bodyLength;
    for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence();
        it.hasNext(); ) {
      Map.Entry<CharSequence, CharSequence> header = it.next();
      size += header.getKey().length() + header.getValue().length() + 4;
    }
    ByteBuf out = alloc.buffer(size);
    out.writeBytes(line);
    for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence();
        it.hasNext(); ) {
      Map.Entry<CharSequence, CharSequence> header = it.next();
      writeText(out, header.getKey());
      out.writeShort(COLON_SPACE);
      writeText(out, header.getValue());
      out.writeShort(CRLF);
    }
    out.writeShort(CRLF);
    return out;
  }

  /**
   * Header text as bytes, each character as its Latin-1 byte and {@code ?} past Latin-1, as
   * Netty's own header encoder writes it.
   */
  private static void writeText(ByteBuf out, CharSequence text) {
    if (text instanceof AsciiString) {
      AsciiString bytes = (AsciiString) text;
      out.writeBytes(bytes.array(), bytes.arrayOffset(), bytes.length());
    } else {
      out.writeCharSequence(text, CharsetUtil.ISO_8859_1);
    }
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

package dev.cyclone.websocket;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds and parses RFC 6455 frames byte by byte, for tests that send what no well-behaved client
 * would: unmasked frames, reserved opcodes or bits, stray continuations, fragments with control
 * frames between them. Independent of Netty's codec on purpose, so that it checks the server's
 * codec instead of agreeing with it.
 */
final class Frames {
  static final int CONTINUATION = 0x0;
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int PONG = 0xA;

  private Frames() {}

  /** A masked frame, as a client sends it. */
  static byte[] frame(boolean fin, int opcode, byte[] payload) {
    return frame(fin, 0, opcode, true, payload);
  }

  /**
   * Any frame: {@code rsv} is the three reserved bits (0–7), {@code masked} false for an unmasked
   * one (which a server must refuse from a client).
   */
  static byte[] frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 14);
    out.write((fin ? 0x80 : 0) | (rsv & 7) << 4 | (opcode & 0xF));
    int maskBit = masked ? 0x80 : 0;
    if (payload.length < 126) {
      out.write(maskBit | payload.length);
    } else if (payload.length < 65536) {
      out.write(maskBit | 126);
      out.write(payload.length >>> 8);
      out.write(payload.length & 0xFF);
    } else {
      out.write(maskBit | 127);
      long length = payload.length;
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) (length >>> shift) & 0xFF);
      }
    }
    if (!masked) {
      out.writeBytes(payload);
      return out.toByteArray();
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    out.writeBytes(mask);
    byte[] body = new byte[payload.length];
    for (int i = 0; i < payload.length; i++) {
      body[i] = (byte) (payload[i] ^ mask[i & 3]);
    }
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** A close frame's payload: the code, then the reason in UTF-8. */
  static byte[] closePayload(int code, String reason) {
    byte[] text = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
    byte[] payload = new byte[2 + text.length];
    payload[0] = (byte) (code >>> 8);
    payload[1] = (byte) code;
    System.arraycopy(text, 0, payload, 2, text.length);
    return payload;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Reads one frame as a server sends it (unmasked; a masked one is read too, and unmasked). */
  static Frame read(InputStream in) throws IOException {
    int b0 = in.read();
    if (b0 < 0) {
      throw new EOFException("the connection closed before a frame");
    }
    int b1 = readByte(in);
    long length = b1 & 0x7F;
    if (length == 126) {
      length = (readByte(in) << 8) | readByte(in);
    } else if (length == 127) {
      length = 0;
      for (int i = 0; i < 8; i++) {
        length = (length << 8) | readByte(in);
      }
    }
    byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
    byte[] payload = in.readNBytes((int) length);
    if (payload.length != length) {
      throw new EOFException("the connection closed inside a frame");
    }
    if (mask != null) {
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= mask[i & 3];
      }
    }
    return new Frame((b0 & 0x80) != 0, (b0 >>> 4) & 7, b0 & 0xF, mask != null, payload);
  }

  private static int readByte(InputStream in) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("the connection closed inside a frame header");
    }
    return b;
  }

  /** A frame as read from the wire. */
  record Frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** A close frame's code, or -1 when it has none. */
    int closeCode() {
      if (opcode != CLOSE) {
        throw new AssertionError("not a close frame: " + this);
      }
      return payload.length < 2 ? -1 : (payload[0] & 0xFF) << 8 | (payload[1] & 0xFF);
    }

    /** A close frame's reason. */
    String closeReason() {
      return payload.length < 2
          ? ""
          : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      String shown = payload.length > 64
          ? payload.length + " bytes"
          : opcode == TEXT || opcode == CLOSE ? "\"" + text() + "\"" : Arrays.toString(payload);
      return "Frame[fin=" + fin + ", rsv=" + rsv + ", opcode=" + opcode + ", masked=" + masked
          + ", " + shown + "]";
    }
  }
}

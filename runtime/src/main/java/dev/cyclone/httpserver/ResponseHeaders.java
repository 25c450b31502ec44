package dev.cyclone.httpserver;

import io.netty.util.AsciiString;

/**
 * The names of the headers Cyclone writes itself, spelled as Tornado sends them ({@code
 * Content-Length}, not Netty's {@code content-length}). They are {@link AsciiString}s: Netty's
 * encoder copies their bytes into the response as they are, where a {@code String} is encoded
 * character by character. Names are case-insensitive everywhere they are looked up.
 */
public final class ResponseHeaders {
  public static final AsciiString CONNECTION = AsciiString.cached("Connection");
  public static final AsciiString CONTENT_ENCODING = AsciiString.cached("Content-Encoding");
  public static final AsciiString CONTENT_LENGTH = AsciiString.cached("Content-Length");
  public static final AsciiString CONTENT_TYPE = AsciiString.cached("Content-Type");
  public static final AsciiString DATE = AsciiString.cached("Date");
  public static final AsciiString ETAG = AsciiString.cached("Etag");
  public static final AsciiString SERVER = AsciiString.cached("Server");
  public static final AsciiString SET_COOKIE = AsciiString.cached("Set-Cookie");
  public static final AsciiString TRANSFER_ENCODING = AsciiString.cached("Transfer-Encoding");
  public static final AsciiString VARY = AsciiString.cached("Vary");

  private ResponseHeaders() {}
}

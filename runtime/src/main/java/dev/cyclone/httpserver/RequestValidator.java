package dev.cyclone.httpserver;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The checks a decoded request must pass beyond what Netty's decoder already enforces: the ones
 * that keep a request from being read two ways (request smuggling) or that Tornado asserts. Netty
 * rejects by itself: a malformed request line, an invalid method token, control or non-ASCII
 * characters in header names, Transfer-Encoding with Content-Length, differing Content-Length
 * values, and malformed chunk sizes (on the chunk, see {@link HTTP1ServerHandler}).
 *
 * <p>Stateless; called on the connection's loop when a request's headers arrive.
 */
final class RequestValidator {
  private RequestValidator() {}

  /** Why {@code request} must be refused with 400, or null if it may be served. */
  static String problem(HttpRequest request, boolean decompressRequest) {
    // One pass over the header lines, as received, rather than a hash lookup per name: a request
    // has few lines, and most have none of these.
    int hosts = 0;
    CharSequence host = null;
    List<CharSequence> encodings = null;
    CharSequence coding = null;
    Iterator<Map.Entry<CharSequence, CharSequence>> lines = request.headers().iteratorCharSequence();
    while (lines.hasNext()) {
      Map.Entry<CharSequence, CharSequence> line = lines.next();
      CharSequence name = line.getKey();
      if (HttpHeaderNames.HOST.contentEqualsIgnoreCase(name)) {
        hosts++;
        host = line.getValue();
      } else if (HttpHeaderNames.TRANSFER_ENCODING.contentEqualsIgnoreCase(name)) {
        if (encodings == null) {
          encodings = new ArrayList<>(1);
        }
        encodings.add(line.getValue());
      } else if (HttpHeaderNames.CONTENT_ENCODING.contentEqualsIgnoreCase(name)) {
        coding = line.getValue();
      }
    }
    if (hosts > 1) {
      return "more than one Host header";
    }
    if (host != null && !HttpSyntax.isHost(host)) {
      return "invalid Host header";
    }
    if (encodings != null && !isJustChunked(encodings)) {
      return "unsupported Transfer-Encoding " + encodings;
    }
    // The decompressor before us has decoded (and removed) what it supports; what remains it cannot.
    if (decompressRequest
        && coding != null
        && !coding.toString().trim().equalsIgnoreCase("identity")) {
      return "unsupported Content-Encoding " + coding;
    }
    return null;
  }

  /** One header line whose value is the single coding {@code chunked} (any case), nothing else. */
  private static boolean isJustChunked(List<CharSequence> encodings) {
    return encodings.size() == 1
        && encodings.get(0).toString().trim().equalsIgnoreCase("chunked");
  }
}

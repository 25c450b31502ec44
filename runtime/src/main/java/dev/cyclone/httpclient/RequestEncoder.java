package dev.cyclone.httpclient;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Turns an {@link HTTPRequest} into the Netty request written on the wire. */
final class RequestEncoder {
  private RequestEncoder() {}

  /**
   * The HTTP/1.1 request for {@code request}, with the headers the client adds when the request
   * sets none: Host, User-Agent, Accept-Encoding (when decompressing), Authorization (from {@code
   * basicAuth} or the URL's user info), Content-Length, and a form Content-Type for POST bodies.
   */
  static FullHttpRequest encode(HTTPRequest request, String defaultUserAgent) {
    URI uri = request.uri();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    byte[] body = request.rawBody();
    FullHttpRequest out =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            HttpMethod.valueOf(request.method()),
            target,
            body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    HttpHeaders h = out.headers();
    h.set(request.headers());
    if (!h.contains(HttpHeaderNames.HOST)) {
      h.set(HttpHeaderNames.HOST, hostHeader(uri));
    }
    if (!h.contains(HttpHeaderNames.USER_AGENT)) {
      h.set(
          HttpHeaderNames.USER_AGENT,
          request.userAgent() != null ? request.userAgent() : defaultUserAgent);
    }
    if (request.decompressResponse() && !h.contains(HttpHeaderNames.ACCEPT_ENCODING)) {
      h.set(HttpHeaderNames.ACCEPT_ENCODING, "gzip");
    }
    String credentials = credentials(request);
    if (credentials != null && !h.contains(HttpHeaderNames.AUTHORIZATION)) {
      h.set(
          HttpHeaderNames.AUTHORIZATION,
          "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    if (body != null) {
      h.set(HttpHeaderNames.CONTENT_LENGTH, body.length);
      if (request.method().equals("POST") && !h.contains(HttpHeaderNames.CONTENT_TYPE)) {
        h.set(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded");
      }
    }
    return out;
  }

  private static String hostHeader(URI uri) {
    String host = uri.getHost();
    boolean https = uri.getScheme().equalsIgnoreCase("https");
    int port = uri.getPort();
    boolean defaultPort = port == -1 || (https ? port == 443 : port == 80);
    return defaultPort ? host : host + ":" + port;
  }

  private static String credentials(HTTPRequest request) {
    if (request.authUsername() != null) {
      return request.authUsername() + ":" + request.authPassword();
    }
    String userInfo = request.uri().getRawUserInfo();
    if (userInfo == null) {
      return null;
    }
    int colon = userInfo.indexOf(':');
    String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
    String password = colon < 0 ? "" : userInfo.substring(colon + 1);
    return decode(user) + ":" + decode(password);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}

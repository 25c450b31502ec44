package dev.cyclone.httpclient;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.net.URISyntaxException;

/** Tornado's redirect rules: which responses are followed, and the request that follows. */
final class Redirects {
  private Redirects() {}

  /**
   * True when {@code request} follows redirects, may follow another, and the response is a 301, 302,
   * 303, 307 or 308 with a Location. Otherwise the response is the fetch's answer.
   */
  static boolean shouldFollow(HTTPRequest request, int code, HttpHeaders headers) {
    return request.followRedirects()
        && request.maxRedirects() > 0
        && (code == 301 || code == 302 || code == 303 || code == 307 || code == 308)
        && headers.get(HttpHeaderNames.LOCATION) != null;
  }

  /**
   * The request to the response's Location (resolved against {@code request}'s URL), allowed one
   * redirect fewer. A 303 (except after HEAD) and a 302 after POST become a GET without body, as
   * browsers do; 307 and 308 keep method and body. The Host header is dropped (it names the old
   * host), and so are Authorization and basic-auth credentials when the new URL is on another
   * host.
   *
   * @throws HTTPClientError when the Location is not a usable URL
   */
  static HTTPRequest next(HTTPRequest request, int code, HttpHeaders headers) {
    String location = headers.get(HttpHeaderNames.LOCATION).trim();
    URI target;
    try {
      target = request.uri().resolve(new URI(location));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new HTTPClientError("Redirect to a malformed Location: " + location, e);
    }
    HTTPRequest.Builder next =
        request.toBuilder().url(target.toString()).maxRedirects(request.maxRedirects() - 1);
    next.removeHeader(HttpHeaderNames.HOST.toString());
    boolean toGet =
        (code == 303 && !request.method().equals("HEAD"))
            || (code == 302 && request.method().equals("POST"));
    if (toGet) {
      next.method("GET").body((byte[]) null);
      for (CharSequence h :
          new CharSequence[] {
            HttpHeaderNames.CONTENT_LENGTH,
            HttpHeaderNames.CONTENT_TYPE,
            HttpHeaderNames.CONTENT_ENCODING,
            HttpHeaderNames.TRANSFER_ENCODING
          }) {
        next.removeHeader(h.toString());
      }
    }
    if (target.getHost() == null || !target.getHost().equalsIgnoreCase(request.uri().getHost())) {
      next.removeHeader(HttpHeaderNames.AUTHORIZATION.toString()).clearBasicAuth();
    }
    try {
      return next.build();
    } catch (IllegalArgumentException e) {
      throw new HTTPClientError("Cannot follow redirect to " + target + ": " + e.getMessage(), e);
    }
  }
}

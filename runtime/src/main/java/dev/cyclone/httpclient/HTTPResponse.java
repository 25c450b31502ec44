package dev.cyclone.httpclient;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The response to a fetch: Tornado's {@code HTTPResponse}. Immutable once handed out; read it on any
 * thread.
 *
 * <p>A response with {@link #error()} present is either a non-2xx response fetched with {@code
 * raiseError(false)}, or, in the callback style of {@link AsyncHTTPClient#fetch(HTTPRequest,
 * java.util.function.Consumer)}, a failed fetch: code 599, no headers and no body.
 */
public final class HTTPResponse {
  private static final byte[] NO_BODY = new byte[0];

  private final HTTPRequest request;
  private final int code;
  private final String reason;
  private final HttpHeaders headers;
  private final byte[] body;
  private final String effectiveUrl;
  private final Duration requestTime;
  private final HTTPClientError error;

  HTTPResponse(
      HTTPRequest request,
      int code,
      String reason,
      HttpHeaders headers,
      byte[] body,
      String effectiveUrl,
      Duration requestTime) {
    this.request = request;
    this.code = code;
    this.reason = reason;
    this.headers = headers;
    this.body = body == null ? NO_BODY : body;
    this.effectiveUrl = effectiveUrl;
    this.requestTime = requestTime;
    this.error = code >= 200 && code < 300 ? null : new HTTPClientError(this);
  }

  private HTTPResponse(HTTPRequest request, HTTPClientError error, Duration requestTime) {
    this.request = request;
    this.code = error.code();
    this.reason = "Unknown";
    this.headers = EmptyHttpHeaders.INSTANCE;
    this.body = NO_BODY;
    this.effectiveUrl = request.url();
    this.requestTime = requestTime;
    this.error = error;
  }

  /** The response standing for a fetch that failed without one (callback style). */
  static HTTPResponse failed(HTTPRequest request, HTTPClientError error, Duration requestTime) {
    return new HTTPResponse(request, error, requestTime);
  }

  /** The request as the caller made it (before any redirect). */
  public HTTPRequest request() {
    return request;
  }

  /** The status code, e.g. 200; 599 for a failed fetch in the callback style. */
  public int code() {
    return code;
  }

  /** The reason phrase the server sent, e.g. {@code "OK"}. */
  public String reason() {
    return reason;
  }

  /**
   * The response headers. When a gzip body was decompressed, {@code Content-Encoding} is removed and
   * its value kept in {@code X-Consumed-Content-Encoding}, as in Tornado.
   */
  public HttpHeaders headers() {
    return headers;
  }

  /**
   * The body: empty when a {@code streamingCallback} received it, or there was none. The array
   * belongs to this response; do not modify it.
   */
  public byte[] body() {
    return body;
  }

  /** The body as text, in the charset of its Content-Type, UTF-8 by default. */
  public String bodyText() {
    Charset charset = StandardCharsets.UTF_8;
    String contentType = headers.get(HttpHeaderNames.CONTENT_TYPE);
    if (contentType != null) {
      charset = HttpUtil.getCharset(contentType, StandardCharsets.UTF_8);
    }
    return new String(body, charset);
  }

  /** The URL the response came from, after redirects. */
  public String effectiveUrl() {
    return effectiveUrl;
  }

  /** The time from the call to fetch to the end of the response, redirects included. */
  public Duration requestTime() {
    return requestTime;
  }

  /** Why this response is a failure: non-2xx, or (callback style) the fetch failed. */
  public Optional<HTTPClientError> error() {
    return Optional.ofNullable(error);
  }

  /** Throws {@link #error()} if present: Tornado's {@code rethrow()}. */
  public void rethrow() {
    if (error != null) {
      throw error;
    }
  }

  @Override
  public String toString() {
    return "HTTPResponse[" + code + " " + reason + " " + effectiveUrl + "]";
  }
}

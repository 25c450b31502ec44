package dev.cyclone.httpserver;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request as the server received it (Tornado's {@code httputil.HTTPServerRequest}): the
 * request line, headers, body, where it came from, and the {@link HTTPConnection} to answer on.
 *
 * <p>Created by the server on the connection's loop when the headers arrive; the body is set by the
 * application layer once it has been read. Not thread-safe: use it on its connection's loop.
 */
public final class HTTPServerRequest {
  private static final byte[] NO_BODY = new byte[0];

  private final String method;
  private final String uri;
  private final String version;
  private final HttpHeaders headers;
  private final String remoteIp;
  private final String protocol;
  private HTTPConnection connection;
  private final long startNanos;
  private final String path;
  private final String query;

  private byte[] body = NO_BODY;
  private Map<String, List<String>> queryArguments;
  private FormBody formBody;
  private Map<String, String> cookies;

  /**
   * A request as read from the wire. Called by the server; public so that tests and other
   * servers can build one.
   */
  public HTTPServerRequest(
      String method,
      String uri,
      String version,
      HttpHeaders headers,
      String remoteIp,
      String protocol,
      HTTPConnection connection) {
    this(method, uri, version, headers, remoteIp, protocol, connection, System.nanoTime());
  }

  /** As the public constructor, for a request whose first byte arrived at {@code startNanos}. */
  HTTPServerRequest(
      String method,
      String uri,
      String version,
      HttpHeaders headers,
      String remoteIp,
      String protocol,
      HTTPConnection connection,
      long startNanos) {
    this.startNanos = startNanos;
    this.method = Objects.requireNonNull(method, "method");
    this.uri = Objects.requireNonNull(uri, "uri");
    this.version = Objects.requireNonNull(version, "version");
    this.headers = Objects.requireNonNull(headers, "headers");
    this.remoteIp = remoteIp;
    this.protocol = protocol;
    this.connection = connection;
    int q = uri.indexOf('?');
    this.path = q < 0 ? uri : uri.substring(0, q);
    this.query = q < 0 ? "" : uri.substring(q + 1);
  }

  /**
   * Called once the connection was handed over to another protocol: from then on {@link
   * #connection()} is {@code detached}, so the request no longer keeps the HTTP handling reachable.
   */
  void detached(HTTPConnection detached) {
    this.connection = detached;
  }

  /** The method, as sent: {@code GET}, {@code POST}, ... */
  public String method() {
    return method;
  }

  /** The request target as sent: path and query, still percent-encoded. */
  public String uri() {
    return uri;
  }

  /** The path part of {@link #uri()}, still percent-encoded. */
  public String path() {
    return path;
  }

  /** The query part of {@link #uri()}, without the {@code ?}; empty if there is none. */
  public String query() {
    return query;
  }

  /** The protocol version: {@code HTTP/1.1} or {@code HTTP/1.0}. */
  public String version() {
    return version;
  }

  /** True for an HTTP/1.1 request. */
  public boolean supportsHttp11() {
    return "HTTP/1.1".equals(version);
  }

  /** The request headers (case-insensitive names). */
  public HttpHeaders headers() {
    return headers;
  }

  /** The client's address; with {@code xheaders}, the one the proxy reported. */
  public String remoteIp() {
    return remoteIp;
  }

  /** {@code http} or {@code https}; with {@code xheaders}, the one the proxy reported. */
  public String protocol() {
    return protocol;
  }

  /** The Host header, or {@code 127.0.0.1} when the client sent none. */
  public String host() {
    String host = headers.get(HttpHeaderNames.HOST);
    return host == null || host.isEmpty() ? "127.0.0.1" : host;
  }

  /** {@link #host()} without its port. */
  public String hostName() {
    String host = host();
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(0, end + 1);
    }
    int colon = host.lastIndexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }

  /** The URL the client asked for: protocol, host and uri. */
  public String fullUrl() {
    return protocol + "://" + host() + uri;
  }

  /** Where to write the response. */
  public HTTPConnection connection() {
    return connection;
  }

  /** The body; empty until it has been read, and for requests without one. */
  public byte[] body() {
    return body;
  }

  /**
   * Sets the body once it has been read. Called by the application layer on the connection's loop,
   * before the request is handed to a handler.
   */
  public void setBody(byte[] body) {
    this.body = Objects.requireNonNull(body, "body");
    this.formBody = null;
  }

  /** Seconds since the request began to arrive (its first byte, as far as the server saw it). */
  public double requestTime() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /**
   * {@link System#nanoTime()} when the request began to arrive: its first byte, or when its
   * headers were decoded if it came pipelined behind another request.
   */
  public long startNanos() {
    return startNanos;
  }

  /** The query arguments, decoded; blank values kept. Names map to values in order. */
  public Map<String, List<String>> queryArguments() {
    if (queryArguments == null) {
      queryArguments = query.isEmpty() ? Map.of() : compact(
          new QueryStringDecoder(query, StandardCharsets.UTF_8, false).parameters());
    }
    return queryArguments;
  }

  /**
   * The arguments of a {@code application/x-www-form-urlencoded} or {@code multipart/form-data}
   * body; empty for other bodies, and for a body that does not parse (logged).
   */
  public Map<String, List<String>> bodyArguments() {
    return formBody().arguments();
  }

  /** The files of a {@code multipart/form-data} body, by field name. */
  public Map<String, List<HTTPFile>> files() {
    return formBody().files();
  }

  /** Query and body arguments together, query first. */
  public Map<String, List<String>> arguments() {
    Map<String, List<String>> body = bodyArguments();
    if (body.isEmpty()) {
      return queryArguments();
    }
    Map<String, List<String>> all = new LinkedHashMap<>();
    queryArguments().forEach((k, v) -> all.put(k, new java.util.ArrayList<>(v)));
    body.forEach((k, v) -> all.computeIfAbsent(k, x -> new java.util.ArrayList<>()).addAll(v));
    return Collections.unmodifiableMap(all);
  }

  /**
   * Decoded arguments as small immutable collections (a request may be held open for a long time
   * with them): one name is a {@code Map.of}, and each list a {@code List.copyOf}.
   */
  private static Map<String, List<String>> compact(Map<String, List<String>> decoded) {
    if (decoded.size() == 1) {
      Map.Entry<String, List<String>> only = decoded.entrySet().iterator().next();
      return Map.of(only.getKey(), List.copyOf(only.getValue()));
    }
    Map<String, List<String>> copy = new LinkedHashMap<>(decoded.size() * 2);
    decoded.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    return Collections.unmodifiableMap(copy);
  }

  /** The cookies the client sent, by name (the first of duplicates wins). */
  public Map<String, String> cookies() {
    if (cookies == null) {
      Map<String, String> parsed = new LinkedHashMap<>();
      for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
        for (Cookie c : ServerCookieDecoder.LAX.decodeAll(header)) {
          parsed.putIfAbsent(c.name(), c.value());
        }
      }
      cookies = Collections.unmodifiableMap(parsed);
    }
    return cookies;
  }

  private FormBody formBody() {
    if (formBody == null) {
      formBody = FormBody.parse(headers.get(HttpHeaderNames.CONTENT_TYPE), body);
    }
    return formBody;
  }

  /** {@code GET /path (1.2.3.4)}: how logs name a request. */
  public String summary() {
    return method + " " + uri + " (" + remoteIp + ")";
  }

  @Override
  public String toString() {
    return "HTTPServerRequest[" + summary() + "]";
  }
}

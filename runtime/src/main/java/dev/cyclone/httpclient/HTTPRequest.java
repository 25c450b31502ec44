package dev.cyclone.httpclient;

import dev.cyclone.httpserver.HttpSyntax;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An HTTP request for {@link AsyncHTTPClient}: Tornado's {@code HTTPRequest}, immutable, made with
 * a {@link Builder}.
 *
 * <pre>{@code
 * HTTPRequest request = HTTPRequest.builder("https://example.com/api")
 *     .method("POST")
 *     .header("Content-Type", "application/json")
 *     .body("{\"name\": \"cyclone\"}")
 *     .requestTimeout(Duration.ofSeconds(5))
 *     .build();
 * }</pre>
 *
 * <p>Defaults are Tornado's: GET, 20 second connect and request timeouts, redirects followed (at
 * most 5), gzip responses decompressed, certificates validated, non-2xx responses raised as {@link
 * HTTPClientError}, bodies up to 100 MiB. Thread-safe (immutable), apart from the callbacks it
 * carries, which are called on the fetching loop's thread.
 */
public final class HTTPRequest {
  /** Tornado's default connect and request timeouts. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
  /** Tornado's default number of redirects followed. */
  public static final int DEFAULT_MAX_REDIRECTS = 5;
  /** Tornado's default limit on a response body: 100 MiB. */
  public static final long DEFAULT_MAX_BODY_SIZE = 100L * 1024 * 1024;

  private static final Set<String> STANDARD_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
  private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

  private final URI uri;
  private final String url;
  private final String method;
  private final HttpHeaders headers;
  private final byte[] body;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final boolean followRedirects;
  private final int maxRedirects;
  private final boolean decompressResponse;
  private final String userAgent;
  private final String authUsername;
  private final String authPassword;
  private final long maxBodySize;
  private final Consumer<byte[]> streamingCallback;
  private final Consumer<String> headerCallback;
  private final boolean validateCert;
  private final SslContext sslContext;
  private final boolean allowNonstandardMethods;
  private final boolean raiseError;

  private HTTPRequest(Builder b, URI uri) {
    this.uri = uri;
    this.url = b.url;
    this.method = b.method;
    this.headers = new DefaultHttpHeaders().set(b.headers);
    this.body = b.body;
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.followRedirects = b.followRedirects;
    this.maxRedirects = b.maxRedirects;
    this.decompressResponse = b.decompressResponse;
    this.userAgent = b.userAgent;
    this.authUsername = b.authUsername;
    this.authPassword = b.authPassword;
    this.maxBodySize = b.maxBodySize;
    this.streamingCallback = b.streamingCallback;
    this.headerCallback = b.headerCallback;
    this.validateCert = b.validateCert;
    this.sslContext = b.sslContext;
    this.allowNonstandardMethods = b.allowNonstandardMethods;
    this.raiseError = b.raiseError;
  }

  /** A GET of {@code url} with every default. */
  public static HTTPRequest of(String url) {
    return builder(url).build();
  }

  /** A builder for a request to {@code url} (an absolute {@code http} or {@code https} URL). */
  public static Builder builder(String url) {
    return new Builder(url);
  }

  /** A builder holding every setting of this request, to derive another from it. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The URL as given. */
  public String url() {
    return url;
  }

  /** The URL, parsed. */
  public URI uri() {
    return uri;
  }

  /** The method, e.g. {@code "GET"}. */
  public String method() {
    return method;
  }

  /** A copy of the headers set on the request (without those the client adds when sending). */
  public HttpHeaders headers() {
    return new DefaultHttpHeaders().set(headers);
  }

  /** The body, or null when the request has none. A copy. */
  public byte[] body() {
    return body == null ? null : body.clone();
  }

  /** The most time to establish the connection (including TLS), and to wait in the client's queue. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The most time from leaving the client's queue to the end of the response. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** Whether 301, 302, 303, 307 and 308 responses with a Location are followed. */
  public boolean followRedirects() {
    return followRedirects;
  }

  /** How many more redirects may be followed. */
  public int maxRedirects() {
    return maxRedirects;
  }

  /** Whether a gzip-encoded response is decompressed (and {@code Accept-Encoding: gzip} sent). */
  public boolean decompressResponse() {
    return decompressResponse;
  }

  /** The User-Agent to send, or null for the client's default. */
  public String userAgent() {
    return userAgent;
  }

  /** The user name for basic authentication, or null. */
  public String authUsername() {
    return authUsername;
  }

  /** The password for basic authentication, or null. */
  public String authPassword() {
    return authPassword;
  }

  /** The largest response body accepted, in bytes (after decompression). */
  public long maxBodySize() {
    return maxBodySize;
  }

  /** The callback given each chunk of the body instead of collecting it, or null. */
  public Consumer<byte[]> streamingCallback() {
    return streamingCallback;
  }

  /** The callback given each line of the response head, or null. */
  public Consumer<String> headerCallback() {
    return headerCallback;
  }

  /** Whether the server's TLS certificate and host name are checked. */
  public boolean validateCert() {
    return validateCert;
  }

  /** The TLS context to use instead of the client's, or null. */
  public SslContext sslContext() {
    return sslContext;
  }

  /** Whether methods beyond the standard ones, and bodies where none is expected, are allowed. */
  public boolean allowNonstandardMethods() {
    return allowNonstandardMethods;
  }

  /** Whether a non-2xx response fails the fetch with an {@link HTTPClientError}. */
  public boolean raiseError() {
    return raiseError;
  }

  /** The body's bytes without copying, for the client. */
  byte[] rawBody() {
    return body;
  }

  /** True when the request may be sent twice without harm (RFC 9110 idempotent methods). */
  boolean isIdempotent() {
    return !method.equals("POST") && !method.equals("PATCH") && !method.equals("CONNECT");
  }

  @Override
  public String toString() {
    return "HTTPRequest[" + method + " " + url + "]";
  }

  /**
   * Builds an {@link HTTPRequest}. Each setter returns the builder; {@link #build()} checks the
   * settings and fails with a {@code [Rule]}-tagged message on the first mistake. Not thread-safe.
   */
  public static final class Builder {
    private String url;
    private String method = "GET";
    private final HttpHeaders headers = new DefaultHttpHeaders();
    private byte[] body;
    private Duration connectTimeout = DEFAULT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_TIMEOUT;
    private boolean followRedirects = true;
    private int maxRedirects = DEFAULT_MAX_REDIRECTS;
    private boolean decompressResponse = true;
    private String userAgent;
    private String authUsername;
    private String authPassword;
    private long maxBodySize = DEFAULT_MAX_BODY_SIZE;
    private Consumer<byte[]> streamingCallback;
    private Consumer<String> headerCallback;
    private boolean validateCert = true;
    private SslContext sslContext;
    private boolean allowNonstandardMethods;
    private boolean raiseError = true;

    private Builder(String url) {
      this.url = Objects.requireNonNull(url, "url");
    }

    private Builder(HTTPRequest r) {
      url = r.url;
      method = r.method;
      headers.set(r.headers);
      body = r.body;
      connectTimeout = r.connectTimeout;
      requestTimeout = r.requestTimeout;
      followRedirects = r.followRedirects;
      maxRedirects = r.maxRedirects;
      decompressResponse = r.decompressResponse;
      userAgent = r.userAgent;
      authUsername = r.authUsername;
      authPassword = r.authPassword;
      maxBodySize = r.maxBodySize;
      streamingCallback = r.streamingCallback;
      headerCallback = r.headerCallback;
      validateCert = r.validateCert;
      sslContext = r.sslContext;
      allowNonstandardMethods = r.allowNonstandardMethods;
      raiseError = r.raiseError;
    }

    /** The absolute {@code http} or {@code https} URL to fetch. */
    public Builder url(String url) {
      this.url = Objects.requireNonNull(url, "url");
      return this;
    }

    /** The method; GET by default. Non-standard methods need {@link #allowNonstandardMethods}. */
    public Builder method(String method) {
      this.method = Objects.requireNonNull(method, "method");
      return this;
    }

    /** Sets a header, replacing any value it had. */
    public Builder header(String name, String value) {
      headers.set(name, value);
      return this;
    }

    /** Adds a value to a header that may have several. */
    public Builder addHeader(String name, String value) {
      headers.add(name, value);
      return this;
    }

    /** Removes a header. */
    public Builder removeHeader(String name) {
      headers.remove(name);
      return this;
    }

    /** Sets every header in {@code headers}, replacing values of the same names. */
    public Builder headers(HttpHeaders headers) {
      this.headers.set(headers);
      return this;
    }

    /** The body, as bytes (copied); null for none. POST, PUT and PATCH need one. */
    public Builder body(byte[] body) {
      this.body = body == null ? null : body.clone();
      return this;
    }

    /** The body, as text encoded in UTF-8; null for none. */
    public Builder body(String body) {
      this.body = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /** The most time to connect (TCP and TLS) and to wait in the client's queue; 20 s by default. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** The most time from leaving the queue to the end of the response; 20 s by default. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Whether to follow redirects; true by default. */
    public Builder followRedirects(boolean follow) {
      this.followRedirects = follow;
      return this;
    }

    /** How many redirects to follow at most; 5 by default. */
    public Builder maxRedirects(int maxRedirects) {
      this.maxRedirects = maxRedirects;
      return this;
    }

    /** Whether to ask for and decompress gzip responses; true by default. */
    public Builder decompressResponse(boolean decompress) {
      this.decompressResponse = decompress;
      return this;
    }

    /** The User-Agent header; the client's own name by default. */
    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    /** Credentials sent with HTTP basic authentication (as UTF-8). */
    public Builder basicAuth(String username, String password) {
      this.authUsername = Objects.requireNonNull(username, "username");
      this.authPassword = password == null ? "" : password;
      return this;
    }

    /** Forgets the basic authentication credentials (for redirects to another host). */
    Builder clearBasicAuth() {
      this.authUsername = null;
      this.authPassword = null;
      return this;
    }

    /** The largest response body accepted, in bytes after decompression; 100 MiB by default. */
    public Builder maxBodySize(long maxBodySize) {
      this.maxBodySize = maxBodySize;
      return this;
    }

    /**
     * Receives the body chunk by chunk, on the fetching loop's thread, instead of collecting it; the
     * response's body is then empty. Not called for the bodies of redirects that are followed. An
     * exception it throws fails the fetch.
     */
    public Builder streamingCallback(Consumer<byte[]> callback) {
      this.streamingCallback = callback;
      return this;
    }

    /**
     * Receives the response head line by line, on the fetching loop's thread, as Tornado's {@code
     * header_callback}: first the status line ({@code "HTTP/1.1 200 OK\r\n"}), then each header
     * ({@code "Name: value\r\n"}), then {@code "\r\n"}. Not called for redirects that are followed.
     */
    public Builder headerCallback(Consumer<String> callback) {
      this.headerCallback = callback;
      return this;
    }

    /**
     * Whether to check the server's certificate and host name; true by default. Turn it off only to
     * test against servers with self-signed certificates.
     */
    public Builder validateCert(boolean validate) {
      this.validateCert = validate;
      return this;
    }

    /**
     * A client TLS context to use instead of the client's (e.g. one that trusts a private CA); when
     * set, it alone decides what is checked and {@link #validateCert} is ignored.
     */
    public Builder sslContext(SslContext sslContext) {
      this.sslContext = sslContext;
      return this;
    }

    /** Allows any method token, and bodies on any method; false by default, as in Tornado. */
    public Builder allowNonstandardMethods(boolean allow) {
      this.allowNonstandardMethods = allow;
      return this;
    }

    /**
     * Whether a non-2xx response fails the fetch; true by default. When false, such a response
     * completes the fetch normally and carries its error in {@link HTTPResponse#error()}. Timeouts and
     * connection errors fail the fetch either way.
     */
    public Builder raiseError(boolean raise) {
      this.raiseError = raise;
      return this;
    }

    /**
     * The request.
     *
     * @throws IllegalArgumentException tagged {@code [RequestUrl]}, {@code [RequestMethod]}, {@code
     *     [NonstandardMethod]}, {@code [RequestBody]}, {@code [RequestTimeout]} or {@code
     *     [RequestLimit]} when a setting is wrong
     */
    public HTTPRequest build() {
      URI uri = parseUrl(url);
      String m = method;
      if (!HttpSyntax.isToken(m)) {
        throw new IllegalArgumentException(
            "[RequestMethod] method \"" + m + "\" is not a valid HTTP method token");
      }
      if (!allowNonstandardMethods) {
        if (!STANDARD_METHODS.contains(m)) {
          throw new IllegalArgumentException(
              "[NonstandardMethod] "
                  + m
                  + " is not a standard HTTP method; call allowNonstandardMethods(true) to send it");
        }
        boolean expected = BODY_METHODS.contains(m);
        if (expected != (body != null)) {
          throw new IllegalArgumentException(
              "[RequestBody] the body must "
                  + (expected ? "not " : "")
                  + "be null for method "
                  + m
                  + " (unless allowNonstandardMethods(true))");
        }
      }
      checkTimeout("connectTimeout", connectTimeout);
      checkTimeout("requestTimeout", requestTimeout);
      if (maxRedirects < 0) {
        throw new IllegalArgumentException(
            "[RequestLimit] maxRedirects must be 0 or more, got " + maxRedirects);
      }
      if (maxBodySize < 0) {
        throw new IllegalArgumentException(
            "[RequestLimit] maxBodySize must be 0 or more, got " + maxBodySize);
      }
      return new HTTPRequest(this, uri);
    }

    private static URI parseUrl(String url) {
      URI uri;
      try {
        uri = new URI(url);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("[RequestUrl] malformed URL " + url + ": " + e.getMessage(), e);
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")
          && !scheme.equals("ws") && !scheme.equals("wss")) {
        throw new IllegalArgumentException(
            "[RequestUrl] URL " + url + " must be absolute, with scheme http or https (ws or wss"
                + " for WebSocketClient.connect)");
      }
      if (uri.getHost() == null || uri.getHost().isEmpty()) {
        throw new IllegalArgumentException("[RequestUrl] URL " + url + " has no host");
      }
      return uri;
    }

    private static void checkTimeout(String name, Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException(
            "[RequestTimeout] " + name + " must be positive, got " + timeout);
      }
    }
  }
}

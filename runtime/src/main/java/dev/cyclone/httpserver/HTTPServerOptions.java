package dev.cyclone.httpserver;

import io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The settings of an {@link HTTPServer}, with Tornado's defaults. Immutable; build one with
 * {@link #builder()}:
 *
 * <pre>{@code
 * HTTPServerOptions options = HTTPServerOptions.builder()
 *     .maxBodySize(10 * 1024 * 1024)
 *     .idleConnectionTimeout(Duration.ofMinutes(5))
 *     .xheaders(true)
 *     .build();
 * }</pre>
 *
 * <table>
 *   <caption>Limits and what a client gets past them</caption>
 *   <tr><th>option</th><th>default</th><th>past the limit</th></tr>
 *   <tr><td>maxHeaderSize</td><td>64 KiB</td><td>431 and close (414 for a request line alone)</td></tr>
 *   <tr><td>maxBodySize</td><td>100 MiB</td><td>413 and close</td></tr>
 *   <tr><td>idleConnectionTimeout</td><td>1 hour</td><td>a keep-alive connection with no request is closed</td></tr>
 *   <tr><td>headerTimeout</td><td>30 s</td><td>408 and close when a request's headers take longer</td></tr>
 *   <tr><td>bodyTimeout</td><td>10 min</td><td>408 and close when a request's body takes longer</td></tr>
 *   <tr><td>writeBufferHighWaterMark</td><td>64 KiB</td><td>{@code flush()} futures wait for the client</td></tr>
 *   <tr><td>blockedLoopThreshold</td><td>2 s</td><td>a WARN with the loop thread's stack</td></tr>
 * </table>
 *
 * <p>HTTPS (Tornado's {@code ssl_options}): {@code .tls(certChainPem, privateKeyPem)} or {@code
 * .sslContext(context)}, optionally {@code .sni(...)} and {@code .tlsProvider(...)}; see {@link
 * TlsOptions}. The files are read and checked by {@link Builder#build()}.
 */
public final class HTTPServerOptions {
  private final int threads;
  private final int maxHeaderSize;
  private final long maxBodySize;
  private final int chunkSize;
  private final Duration idleConnectionTimeout;
  private final boolean noKeepAlive;
  private final boolean xheaders;
  private final Set<String> trustedDownstream;
  private final boolean decompressRequest;
  private final Duration headerTimeout;
  private final Duration bodyTimeout;
  private final int writeBufferLowWaterMark;
  private final int writeBufferHighWaterMark;
  private final Duration blockedLoopThreshold;
  private final TlsOptions tls;
  private final AccessLogger accessLog;
  private final boolean reusePort;

  private HTTPServerOptions(Builder b) {
    this.threads = b.threads;
    this.maxHeaderSize = b.maxHeaderSize;
    this.maxBodySize = b.maxBodySize;
    this.chunkSize = b.chunkSize;
    this.idleConnectionTimeout = b.idleConnectionTimeout;
    this.noKeepAlive = b.noKeepAlive;
    this.xheaders = b.xheaders;
    this.trustedDownstream = Set.copyOf(b.trustedDownstream);
    this.decompressRequest = b.decompressRequest;
    this.headerTimeout = b.headerTimeout;
    this.bodyTimeout = b.bodyTimeout;
    if (b.writeBufferLowWaterMark > b.writeBufferHighWaterMark) {
      throw new IllegalArgumentException(
          "[HTTPServerOptions] writeBufferLowWaterMark ("
              + b.writeBufferLowWaterMark
              + ") must not exceed writeBufferHighWaterMark ("
              + b.writeBufferHighWaterMark
              + ")");
    }
    this.writeBufferLowWaterMark = b.writeBufferLowWaterMark;
    this.writeBufferHighWaterMark = b.writeBufferHighWaterMark;
    this.blockedLoopThreshold = b.blockedLoopThreshold;
    this.tls = TlsOptions.of(b.tlsDefault, b.sni, b.tlsProvider);
    this.accessLog = b.accessLog;
    this.reusePort = b.reusePort;
  }

  /** The defaults: one loop per core, 64 KiB headers, 100 MiB bodies, one hour idle timeout. */
  public static HTTPServerOptions defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.threads = threads;
    b.maxHeaderSize = maxHeaderSize;
    b.maxBodySize = maxBodySize;
    b.chunkSize = chunkSize;
    b.idleConnectionTimeout = idleConnectionTimeout;
    b.noKeepAlive = noKeepAlive;
    b.xheaders = xheaders;
    b.trustedDownstream = trustedDownstream;
    b.decompressRequest = decompressRequest;
    b.headerTimeout = headerTimeout;
    b.bodyTimeout = bodyTimeout;
    b.writeBufferLowWaterMark = writeBufferLowWaterMark;
    b.writeBufferHighWaterMark = writeBufferHighWaterMark;
    b.blockedLoopThreshold = blockedLoopThreshold;
    if (tls != null) {
      b.tlsDefault = tls.defaultCertificate();
      b.sni = tls.sni();
      b.tlsProvider = tls.asked();
    }
    b.accessLog = accessLog;
    b.reusePort = reusePort;
    return b;
  }

  /** How many event loops serve connections; each connection stays on one of them. */
  public int threads() {
    return threads;
  }

  /** The largest request line plus header block, in bytes; past it the answer is 431. */
  public int maxHeaderSize() {
    return maxHeaderSize;
  }

  /** The largest request body, in bytes (after decompression); past it the answer is 413. */
  public long maxBodySize() {
    return maxBodySize;
  }

  /** The largest piece of body handed to a request at once, in bytes. */
  public int chunkSize() {
    return chunkSize;
  }

  /** How long a keep-alive connection may wait for its next request before it is closed. */
  public Duration idleConnectionTimeout() {
    return idleConnectionTimeout;
  }

  /** When true every connection is closed after one response. */
  public boolean noKeepAlive() {
    return noKeepAlive;
  }

  /**
   * When true, {@code X-Real-IP}/{@code X-Forwarded-For} set the request's remote address and
   * {@code X-Scheme}/{@code X-Forwarded-Proto} its protocol: for a server behind a reverse proxy.
   */
  public boolean xheaders() {
    return xheaders;
  }

  /** Proxies whose addresses are skipped when reading {@code X-Forwarded-For} (with xheaders). */
  public Set<String> trustedDownstream() {
    return trustedDownstream;
  }

  /** When true, gzip and deflate request bodies are decompressed before a handler sees them. */
  public boolean decompressRequest() {
    return decompressRequest;
  }

  /**
   * How long a client may take from the first byte of a request to the end of its header block
   * (slowloris defence); past it the answer is 408 and the connection closes.
   */
  public Duration headerTimeout() {
    return headerTimeout;
  }

  /**
   * How long a client may take to send a request's whole body once its headers are in (Tornado's
   * {@code body_timeout}); past it the handler sees {@code onConnectionClose}, and the answer is 408
   * and a closed connection.
   */
  public Duration bodyTimeout() {
    return bodyTimeout;
  }

  /**
   * Bytes of response queued for a slow client above which the connection is unwritable: a
   * handler's {@code flush()} future then waits until the queue drains below {@link
   * #writeBufferLowWaterMark()}, so a client that does not read cannot make the server buffer
   * without bound.
   */
  public int writeBufferHighWaterMark() {
    return writeBufferHighWaterMark;
  }

  /** Queued response bytes below which a connection is writable again (see the high mark). */
  public int writeBufferLowWaterMark() {
    return writeBufferLowWaterMark;
  }

  /**
   * How long a loop may go without running a task before a watchdog logs a WARN with the loop
   * thread's stack (the code blocking it); {@link Duration#ZERO} turns the watchdog off.
   */
  public Duration blockedLoopThreshold() {
    return blockedLoopThreshold;
  }

  /**
   * The server's TLS settings, checked, or null when it serves plain HTTP. Its {@link
   * TlsOptions#provider()} says which engine runs.
   */
  public TlsOptions tls() {
    return tls;
  }

  /** What is done with each finished response: see {@link AccessLogger} (default: {@link AccessLogger#slf4j()}). */
  public AccessLogger accessLog() {
    return accessLog;
  }

  /**
   * True when the server listens with {@code SO_REUSEPORT} (Tornado's {@code reuse_port}): one
   * listening socket per loop, each accepting the connections it serves. See {@link
   * Builder#reusePort(boolean)}.
   */
  public boolean reusePort() {
    return reusePort;
  }

  /** Builds {@link HTTPServerOptions}; every setter checks its value. Not thread-safe. */
  public static final class Builder {
    private int threads = Runtime.getRuntime().availableProcessors();
    private int maxHeaderSize = 64 * 1024;
    private long maxBodySize = 100L * 1024 * 1024;
    private int chunkSize = 64 * 1024;
    private Duration idleConnectionTimeout = Duration.ofHours(1);
    private boolean noKeepAlive;
    private boolean xheaders;
    private Set<String> trustedDownstream = Set.of();
    private boolean decompressRequest;
    private Duration headerTimeout = Duration.ofSeconds(30);
    private Duration bodyTimeout = Duration.ofMinutes(10);
    private int writeBufferLowWaterMark = 32 * 1024;
    private int writeBufferHighWaterMark = 64 * 1024;
    private Duration blockedLoopThreshold = Duration.ofSeconds(2);
    private ServerCertificate tlsDefault;
    private Map<String, ServerCertificate> sni = Map.of();
    private TlsProvider tlsProvider;
    private AccessLogger accessLog = AccessLogger.slf4j();
    private boolean reusePort;

    private Builder() {}

    /** Number of event loops (default: the number of cores). */
    public Builder threads(int threads) {
      this.threads = positive("threads", threads);
      return this;
    }

    /** Largest request line plus headers in bytes (default 64 KiB). */
    public Builder maxHeaderSize(int bytes) {
      this.maxHeaderSize = positive("maxHeaderSize", bytes);
      return this;
    }

    /** Largest request body in bytes (default 100 MiB). */
    public Builder maxBodySize(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException(
            "[HTTPServerOptions] maxBodySize must not be negative, got " + bytes);
      }
      this.maxBodySize = bytes;
      return this;
    }

    /** Largest body piece handed over at once, in bytes (default 64 KiB). */
    public Builder chunkSize(int bytes) {
      this.chunkSize = positive("chunkSize", bytes);
      return this;
    }

    /** How long an idle keep-alive connection is kept (default one hour). */
    public Builder idleConnectionTimeout(Duration timeout) {
      this.idleConnectionTimeout = positive("idleConnectionTimeout", timeout);
      return this;
    }

    /** Close every connection after one response (default false). */
    public Builder noKeepAlive(boolean noKeepAlive) {
      this.noKeepAlive = noKeepAlive;
      return this;
    }

    /** Trust the proxy headers X-Real-IP, X-Forwarded-For, X-Scheme, X-Forwarded-Proto. */
    public Builder xheaders(boolean xheaders) {
      this.xheaders = xheaders;
      return this;
    }

    /** Addresses of trusted proxies, skipped in X-Forwarded-For. */
    public Builder trustedDownstream(Set<String> addresses) {
      this.trustedDownstream = Set.copyOf(addresses);
      return this;
    }

    /** Decompress gzip/deflate request bodies (default false). */
    public Builder decompressRequest(boolean decompress) {
      this.decompressRequest = decompress;
      return this;
    }

    /** Longest time from a request's first byte to the end of its headers (default 30 s). */
    public Builder headerTimeout(Duration timeout) {
      this.headerTimeout = positive("headerTimeout", timeout);
      return this;
    }

    /** Longest time to receive a request's body after its headers (default 10 minutes). */
    public Builder bodyTimeout(Duration timeout) {
      this.bodyTimeout = positive("bodyTimeout", timeout);
      return this;
    }

    /**
     * The write-buffer watermarks of each connection, in bytes (default 32 KiB and 64 KiB): above
     * {@code high} queued bytes {@code flush()} futures wait until the queue is below {@code low}.
     */
    public Builder writeBufferWaterMarks(int low, int high) {
      this.writeBufferLowWaterMark = positive("writeBufferLowWaterMark", low);
      this.writeBufferHighWaterMark = positive("writeBufferHighWaterMark", high);
      return this;
    }

    /**
     * What is done with each finished response (Tornado's {@code log_function}): {@link
     * AccessLogger#slf4j()} (the default), {@link AccessLogger#OFF}, or your own.
     */
    public Builder accessLog(AccessLogger logger) {
      this.accessLog = Objects.requireNonNull(logger, "logger");
      return this;
    }

    /**
     * Listens with {@code SO_REUSEPORT} (default off, as Tornado's {@code bind_sockets(...,
     * reuse_port=False)}). Two things follow:
     *
     * <ul>
     *   <li><b>Several processes can share a port.</b> Start the same server N times on one port
     *       and the kernel spreads new connections over them (Linux 3.9 and later), the JVM's way of
     *       Tornado's {@code fork_processes}. Only processes of the same user can join a port, and
     *       any of them can: turn it on only where that is what you want.
     *   <li><b>Each loop accepts its own connections.</b> The server opens one listening socket per
     *       loop, and a connection is served by the loop that accepted it. Without it, one loop
     *       accepts for all and hands each connection to the next loop in turn; with many short
     *       connections that loop does more than its share.
     * </ul>
     *
     * <p>The kernel picks a listener by a hash of the client's address and port, so the spread is
     * even over many clients, not necessarily over a few.
     */
    public Builder reusePort(boolean reusePort) {
      this.reusePort = reusePort;
      return this;
    }

    /** How long a loop may be blocked before it is reported (default 2 s; ZERO: never). */
    public Builder blockedLoopThreshold(Duration threshold) {
      Objects.requireNonNull(threshold, "threshold");
      if (threshold.isNegative()) {
        throw new IllegalArgumentException(
            "[HTTPServerOptions] blockedLoopThreshold must not be negative, got " + threshold);
      }
      this.blockedLoopThreshold = threshold;
      return this;
    }

    /**
     * Serves HTTPS with a PEM certificate chain (the server's certificate first, then its
     * intermediates) and its PEM private key; {@link #build()} reads and checks both.
     */
    public Builder tls(Path certChainPem, Path privateKeyPem) {
      this.tlsDefault = ServerCertificate.of(certChainPem, privateKeyPem);
      return this;
    }

    /** As {@link #tls(Path, Path)}, for a private key encrypted with {@code keyPassword}. */
    public Builder tls(Path certChainPem, Path privateKeyPem, String keyPassword) {
      this.tlsDefault = ServerCertificate.of(certChainPem, privateKeyPem, keyPassword);
      return this;
    }

    /** Serves HTTPS with a server context built by the caller (used as it is). */
    public Builder sslContext(SslContext serverContext) {
      this.tlsDefault = ServerCertificate.of(serverContext);
      return this;
    }

    /**
     * A certificate per host name the client asks for with SNI ({@code "api.example.com"}, or a
     * wildcard {@code "*.example.com"}); other names, and clients that send none, get the default
     * of {@link #tls} or {@link #sslContext}, which must be set too.
     */
    public Builder sni(Map<String, ServerCertificate> certificatesByHost) {
      this.sni = TlsOptions.sniMap(Objects.requireNonNull(certificatesByHost, "certificatesByHost"));
      return this;
    }

    /**
     * The TLS engine: {@link TlsProvider#OPENSSL} fails {@link #build()} where netty-tcnative does
     * not load; unset (null), OpenSSL when it loads, else the JDK's.
     */
    public Builder tlsProvider(TlsProvider provider) {
      this.tlsProvider = provider;
      return this;
    }

    /** The options; with TLS, reads and checks the certificates and keys first. */
    public HTTPServerOptions build() {
      return new HTTPServerOptions(this);
    }

    private static Duration positive(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(
            "[HTTPServerOptions] " + name + " must be positive, got " + value);
      }
      return value;
    }

    private static int positive(String name, int value) {
      if (value <= 0) {
        throw new IllegalArgumentException(
            "[HTTPServerOptions] " + name + " must be positive, got " + value);
      }
      return value;
    }
  }
}

package dev.cyclone.httpserver;

import java.time.Duration;
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
 * </table>
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
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException(
            "[HTTPServerOptions] idleConnectionTimeout must be positive, got " + timeout);
      }
      this.idleConnectionTimeout = timeout;
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

    /** The options. */
    public HTTPServerOptions build() {
      return new HTTPServerOptions(this);
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

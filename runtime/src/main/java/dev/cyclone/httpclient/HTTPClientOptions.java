package dev.cyclone.httpclient;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link AsyncHTTPClient} manages its connections. Immutable: each setter returns a copy.
 *
 * <pre>{@code
 * AsyncHTTPClient client = new AsyncHTTPClient(HTTPClientOptions.defaults().maxClients(50));
 * }</pre>
 */
public final class HTTPClientOptions {
  private static final HTTPClientOptions DEFAULTS =
      new HTTPClientOptions(10, Duration.ofSeconds(30), 64 * 1024, "Cyclone");

  private final int maxClients;
  private final Duration idleConnectionTimeout;
  private final int maxHeaderSize;
  private final String defaultUserAgent;

  private HTTPClientOptions(
      int maxClients, Duration idleConnectionTimeout, int maxHeaderSize, String defaultUserAgent) {
    this.maxClients = maxClients;
    this.idleConnectionTimeout = idleConnectionTimeout;
    this.maxHeaderSize = maxHeaderSize;
    this.defaultUserAgent = defaultUserAgent;
  }

  /**
   * Tornado's defaults: at most 10 requests at once per loop, idle connections kept 30 seconds,
   * response heads up to 64 KiB, User-Agent {@code Cyclone}.
   */
  public static HTTPClientOptions defaults() {
    return DEFAULTS;
  }

  /**
   * At most {@code maxClients} requests in flight at once on each loop; more wait in line, in order,
   * until one finishes or their connect timeout ends.
   */
  public HTTPClientOptions maxClients(int maxClients) {
    if (maxClients < 1) {
      throw new IllegalArgumentException("[ClientOptions] maxClients must be 1 or more, got " + maxClients);
    }
    return new HTTPClientOptions(maxClients, idleConnectionTimeout, maxHeaderSize, defaultUserAgent);
  }

  /** How long a kept-alive connection may stay unused in the pool before it is closed. */
  public HTTPClientOptions idleConnectionTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "[ClientOptions] idleConnectionTimeout must be positive, got " + timeout);
    }
    return new HTTPClientOptions(maxClients, timeout, maxHeaderSize, defaultUserAgent);
  }

  /** The largest response status line or header block accepted, in bytes. */
  public HTTPClientOptions maxHeaderSize(int bytes) {
    if (bytes < 256) {
      throw new IllegalArgumentException("[ClientOptions] maxHeaderSize must be 256 or more, got " + bytes);
    }
    return new HTTPClientOptions(maxClients, idleConnectionTimeout, bytes, defaultUserAgent);
  }

  /** The User-Agent sent when a request sets none. */
  public HTTPClientOptions defaultUserAgent(String userAgent) {
    return new HTTPClientOptions(
        maxClients, idleConnectionTimeout, maxHeaderSize, Objects.requireNonNull(userAgent));
  }

  /** The most requests in flight at once on one loop. */
  public int maxClients() {
    return maxClients;
  }

  /** How long an unused pooled connection is kept. */
  public Duration idleConnectionTimeout() {
    return idleConnectionTimeout;
  }

  /** The largest response head accepted, in bytes. */
  public int maxHeaderSize() {
    return maxHeaderSize;
  }

  /** The User-Agent sent when a request sets none. */
  public String defaultUserAgent() {
    return defaultUserAgent;
  }
}

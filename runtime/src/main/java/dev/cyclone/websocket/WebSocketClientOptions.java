package dev.cyclone.websocket;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How {@link WebSocketClient#connect} sets up a socket, beyond what the {@code HTTPRequest} says
 * (URL, headers, connect and request timeouts, TLS): Tornado's {@code websocket_connect} keyword
 * arguments. Immutable; build with {@link #builder()}.
 */
public final class WebSocketClientOptions {
  private final List<String> subprotocols;
  private final CompressionOptions compression;
  private final int maxMessageSize;
  private final Duration pingInterval;
  private final Duration pingTimeout;
  private final Consumer<WebSocketMessage> onMessage;

  private WebSocketClientOptions(Builder b) {
    this.subprotocols = List.copyOf(b.subprotocols);
    this.compression = b.compression;
    this.maxMessageSize = b.maxMessageSize;
    this.pingInterval = b.pingInterval;
    this.pingTimeout = b.pingTimeout;
    this.onMessage = b.onMessage;
  }

  /** No subprotocols, no compression, 10 MiB messages, no pings, messages read with readMessage. */
  public static WebSocketClientOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The subprotocols offered, in order of preference. */
  public List<String> subprotocols() {
    return subprotocols;
  }

  /** The permessage-deflate offer, or null for none. */
  public CompressionOptions compression() {
    return compression;
  }

  /** The largest message accepted; a larger one closes the socket with 1009. */
  public int maxMessageSize() {
    return maxMessageSize;
  }

  /** How often to ping the server; zero for never. */
  public Duration pingInterval() {
    return pingInterval;
  }

  /** How long a ping may go unanswered; zero for the interval. */
  public Duration pingTimeout() {
    return pingTimeout;
  }

  /** The callback that takes every message instead of {@code readMessage}, or null. */
  public Consumer<WebSocketMessage> onMessage() {
    return onMessage;
  }

  /** Builds {@link WebSocketClientOptions}. Not thread-safe. */
  public static final class Builder {
    private List<String> subprotocols = List.of();
    private CompressionOptions compression;
    private int maxMessageSize = 10 * 1024 * 1024;
    private Duration pingInterval = Duration.ZERO;
    private Duration pingTimeout = Duration.ZERO;
    private Consumer<WebSocketMessage> onMessage;

    private Builder() {}

    /** Offer these subprotocols ({@code Sec-WebSocket-Protocol}); the server picks one or none. */
    public Builder subprotocols(List<String> subprotocols) {
      this.subprotocols = List.copyOf(subprotocols);
      return this;
    }

    /** Offer permessage-deflate with these settings (null: no compression, the default). */
    public Builder compression(CompressionOptions compression) {
      this.compression = compression;
      return this;
    }

    /** The largest message accepted, in bytes (default 10 MiB). */
    public Builder maxMessageSize(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException(
            "[WebSocketMaxMessageSize] the limit must be positive, got " + bytes);
      }
      this.maxMessageSize = bytes;
      return this;
    }

    /** Ping the server this often (default never). */
    public Builder pingInterval(Duration interval) {
      this.pingInterval = nonNegative(interval, "pingInterval");
      return this;
    }

    /** Close when a ping goes unanswered this long (default: the interval). */
    public Builder pingTimeout(Duration timeout) {
      this.pingTimeout = nonNegative(timeout, "pingTimeout");
      return this;
    }

    /**
     * Hand every message to {@code callback} (on the connection's loop, one at a time) instead of
     * keeping it for {@link WebSocketClientConnection#readMessage()}; called with null once the
     * socket has closed (Tornado's {@code on_message_callback}).
     */
    public Builder onMessage(Consumer<WebSocketMessage> callback) {
      this.onMessage = callback;
      return this;
    }

    public WebSocketClientOptions build() {
      return new WebSocketClientOptions(this);
    }

    private static Duration nonNegative(Duration d, String name) {
      if (Objects.requireNonNull(d, name).isNegative()) {
        throw new IllegalArgumentException("[WebSocketClientOptions] " + name + " must not be negative, got " + d);
      }
      return d;
    }
  }
}

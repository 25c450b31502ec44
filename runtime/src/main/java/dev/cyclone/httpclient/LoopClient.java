package dev.cyclone.httpclient;

import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.ioloop.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The part of an {@link AsyncHTTPClient} that lives on one loop: at most {@code maxClients}
 * exchanges in flight, the rest waiting in line, and a pool of kept-alive connections per host. All
 * its connections are channels of this loop's event loop, so their events arrive on the loop's
 * thread and complete fetches there without a thread hop. Confined to its loop.
 */
final class LoopClient {
  /** Host names are resolved with the JDK's blocking resolver, off the loops (as Tornado does). */
  private static final ExecutorService RESOLVER =
      Executors.newCachedThreadPool(new DefaultThreadFactory("cyclone-resolver", true));

  private final IOLoop loop;
  private final HTTPClientOptions options;
  private final Bootstrap bootstrap;
  private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
  private final Set<Exchange> running = new HashSet<>();
  private final Map<HostKey, ArrayDeque<Connection>> idle = new HashMap<>();
  private final Set<Connection> connections = new HashSet<>();
  private boolean closed;

  LoopClient(IOLoop loop, HTTPClientOptions options) {
    this.loop = loop;
    this.options = options;
    this.bootstrap =
        new Bootstrap()
            .group(loop.eventLoop())
            .channel(Transports.socketChannelClass())
            .option(ChannelOption.TCP_NODELAY, true);
  }

  IOLoop loop() {
    return loop;
  }

  HTTPClientOptions options() {
    return options;
  }

  /** Starts a fetch of {@code request} completing {@code result}. */
  void fetch(HTTPRequest request, CompletableFuture<HTTPResponse> result) {
    new Fetch(this, request, result).start();
  }

  /** Runs {@code exchange} now if a slot is free, else puts it in line (where it may time out). */
  void submit(Exchange exchange) {
    if (closed) {
      exchange.abort(new HTTPClientError("AsyncHTTPClient was closed", null));
      return;
    }
    if (running.size() < options.maxClients()) {
      running.add(exchange);
      begin(exchange);
    } else {
      waiting.add(exchange);
      exchange.queued();
    }
  }

  /** Frees the slot of a finished exchange and starts the next one waiting, if any. */
  void release(Exchange exchange) {
    running.remove(exchange);
    while (running.size() < options.maxClients()) {
      Exchange next = waiting.poll();
      if (next == null) {
        return;
      }
      if (!next.isDone()) {
        running.add(next);
        begin(next);
      }
    }
  }

  /** Starts an exchange that got a slot; a failure to start ends that exchange, not its caller. */
  private void begin(Exchange exchange) {
    try {
      exchange.start();
    } catch (RuntimeException e) {
      exchange.abort(new HTTPClientError("Cannot start the request: " + e, e));
    }
  }

  /** A pooled connection to {@code key} that is still usable, newest first, or null. */
  Connection takeIdle(HostKey key) {
    ArrayDeque<Connection> pool = idle.get(key);
    Connection connection;
    while (pool != null && (connection = pool.pollLast()) != null) {
      if (connection.isUsable()) {
        return connection;
      }
      connection.close();
    }
    return null;
  }

  /** Puts a connection whose exchange finished cleanly back in the pool, for a while. */
  void recycle(Connection connection) {
    if (closed || !connection.isUsable()) {
      connection.close();
      return;
    }
    idle.computeIfAbsent(connection.key(), k -> new ArrayDeque<>()).add(connection);
    connection.idle(
        loop.callLater(
            options.idleConnectionTimeout(),
            () -> {
              ArrayDeque<Connection> pool = idle.get(connection.key());
              if (pool != null && pool.remove(connection)) {
                connection.close();
              }
            }));
  }

  /** Forgets a connection that closed. */
  void forget(Connection connection) {
    connections.remove(connection);
    ArrayDeque<Connection> pool = idle.get(connection.key());
    if (pool != null) {
      pool.remove(connection);
      if (pool.isEmpty()) {
        idle.remove(connection.key());
      }
    }
  }

  /**
   * A new connection to {@code key}: resolves the host (off the loop unless it is an IP address),
   * connects, and runs the TLS handshake for https. Its {@link Connection#ready()} completes on
   * this loop.
   */
  Connection connect(HostKey key) {
    Connection connection = new Connection(this, key);
    connections.add(connection);
    resolve(key.host())
        .whenComplete(
            (address, failure) -> {
              if (failure != null) {
                connection.connected(failure);
              } else {
                open(connection, new InetSocketAddress(address, key.port()));
              }
            });
    return connection;
  }

  private CompletableFuture<InetAddress> resolve(String host) {
    if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) {
      try {
        return CompletableFuture.completedFuture(
            InetAddress.getByAddress(host, NetUtil.createByteArrayFromIpAddressString(host)));
      } catch (java.net.UnknownHostException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return loop.runInExecutor(RESOLVER, () -> InetAddress.getByName(host));
  }

  private void open(Connection connection, InetSocketAddress address) {
    HostKey key = connection.key();
    SslHandler[] tls = new SslHandler[1];
    ChannelFuture connect =
        bootstrap
            .clone()
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    if (key.isTls()) {
                      tls[0] = key.tls().newHandler(ch.alloc(), key.host(), key.port());
                      ch.pipeline().addLast("tls", tls[0]);
                    }
                    ch.pipeline().addLast("codec", new HttpClientCodec(decoderConfig(), false, false));
                    ch.pipeline().addLast("cyclone-client", connection.handler());
                  }
                })
            .connect(address);
    connection.bind(connect.channel());
    connect.addListener(
        f -> {
          if (!f.isSuccess()) {
            connection.connected(f.cause());
          } else if (tls[0] == null) {
            connection.connected(null);
          } else {
            tls[0]
                .handshakeFuture()
                .addListener(h -> connection.connected(h.isSuccess() ? null : h.cause()));
          }
        });
  }

  private HttpDecoderConfig decoderConfig() {
    return new HttpDecoderConfig()
        .setMaxInitialLineLength(options.maxHeaderSize())
        .setMaxHeaderSize(options.maxHeaderSize())
        // "Content-Length: 2,2" names one length twice, which Tornado accepts; "2,4" still fails.
        .setAllowDuplicateContentLengths(true);
  }

  /** Fails every waiting and running exchange and closes every connection. */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<Exchange> all = new ArrayList<>(running);
    all.addAll(waiting);
    waiting.clear();
    for (Exchange exchange : all) {
      exchange.abort(new HTTPClientError("AsyncHTTPClient was closed", null));
    }
    for (Connection connection : new ArrayList<>(connections)) {
      connection.close();
    }
    idle.clear();
  }

  /** Number of pooled idle connections (for tests). */
  int idleCount() {
    return idle.values().stream().mapToInt(ArrayDeque::size).sum();
  }
}

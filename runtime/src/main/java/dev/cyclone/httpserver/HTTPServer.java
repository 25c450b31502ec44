package dev.cyclone.httpserver;

import dev.cyclone.ioloop.Transports;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.group.ChannelGroupFuture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A non-blocking HTTP/1.1 server (Tornado's {@code HTTPServer}) serving an {@link
 * HTTPServerConnectionDelegate}, usually a {@code dev.cyclone.web.Application}:
 *
 * <pre>{@code
 * HTTPServer server = new HTTPServer(app, HTTPServerOptions.defaults());
 * int port = server.listen(8888, "127.0.0.1");
 * IOLoop.current().start();
 * }</pre>
 *
 * <p>It runs {@link HTTPServerOptions#threads()} event loops; each accepted connection is given to
 * one of them and stays there, and everything its requests do runs on that loop (with {@link
 * HTTPServerOptions#reusePort()}, the loop whose listening socket accepted it). {@code listen}
 * and {@code stop} are thread-safe and may be called from any thread but a server loop. {@link
 * #stop(Duration)} shuts down gracefully: in-flight requests are answered before the deadline.
 */
public final class HTTPServer {
  private static final Logger log = LoggerFactory.getLogger(HTTPServer.class);

  /**
   * The user event a graceful {@link #stop(Duration)} fires, on its loop, through the pipeline of
   * each connection another protocol took over ({@link HTTPConnection#detach}): that protocol should
   * close the connection its own way (a WebSocket sends 1001 "going away") before the deadline,
   * when whatever is still open is closed anyway.
   */
  public static final Object GRACEFUL_SHUTDOWN =
      new Object() {
        @Override
        public String toString() {
          return "HTTPServer.GRACEFUL_SHUTDOWN";
        }
      };

  private final HTTPServerConnectionDelegate delegate;
  private final HTTPServerOptions options;
  private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final List<Channel> listeners = new ArrayList<>();
  private EventLoopGroup group;
  private BlockedLoopWatchdog watchdog;
  private boolean stopped;

  /** A server with the default options; nothing happens until {@link #listen}. */
  public HTTPServer(HTTPServerConnectionDelegate delegate) {
    this(delegate, HTTPServerOptions.defaults());
  }

  /** A server with {@code options}; nothing happens until {@link #listen}. */
  public HTTPServer(HTTPServerConnectionDelegate delegate, HTTPServerOptions options) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Listens on {@code port} of every interface; returns the port (the one chosen, for 0). */
  public int listen(int port) {
    return listen(port, null);
  }

  /**
   * Listens on {@code port} of {@code address} (a host name or IP; null or empty for every
   * interface) and returns the bound port: with port 0 the system picks a free one, which is how
   * tests get theirs. May be called more than once to listen on several sockets. Blocks until the
   * socket is bound; fails with an {@link UncheckedIOException} ({@code [ListenFailed]}, with the
   * system's reason) if it cannot be. With {@link HTTPServerOptions#reusePort()} it opens one
   * listening socket per loop on that port.
   */
  public synchronized int listen(int port, String address) {
    if (stopped) {
      throw new IllegalStateException("[ServerStopped] listen() after stop(); create a new HTTPServer");
    }
    if (group == null) {
      group = Transports.newGroup(options.threads(), "cyclone-http");
      if (!options.blockedLoopThreshold().isZero()) {
        watchdog = BlockedLoopWatchdog.start(group, options.blockedLoopThreshold(), "cyclone-http");
      }
    }
    InetSocketAddress bind =
        address == null || address.isEmpty()
            ? new InetSocketAddress(port)
            : new InetSocketAddress(address, port);
    ChannelHandler initializer = new HTTPServerInitializer(delegate, options, connections);
    Channel first;
    if (options.reusePort()) {
      // One listening socket per loop, each registered on its loop and accepting for it alone:
      // the first binds the port asked for (0: the system's pick), the others join it. If one
      // cannot, those already open are closed: a listen either takes the port on every loop or
      // fails.
      List<Channel> opened = new ArrayList<>();
      try {
        for (EventExecutor executor : group) {
          EventLoop loop = (EventLoop) executor;
          InetSocketAddress at =
              opened.isEmpty() ? bind : new InetSocketAddress(bind.getAddress(), boundPort(opened.get(0)));
          opened.add(bind(bootstrap(loop, loop, initializer).option(Transports.reusePortOption(), true), at));
        }
      } catch (RuntimeException e) {
        opened.forEach(c -> c.close().awaitUninterruptibly());
        throw e;
      }
      listeners.addAll(opened);
      first = opened.get(0);
    } else {
      first = bind(bootstrap(group, group, initializer), bind);
      listeners.add(first);
    }
    int bound = boundPort(first);
    log.debug(
        "Listening on {} ({} loops, {}{})",
        first.localAddress(),
        options.threads(),
        Transports.current(),
        options.reusePort() ? ", a listening socket per loop with SO_REUSEPORT" : "");
    return bound;
  }

  private static ServerBootstrap bootstrap(EventLoopGroup acceptor, EventLoopGroup loops, ChannelHandler initializer) {
    return new ServerBootstrap()
        .group(acceptor, loops)
        .channel(Transports.serverChannelClass())
        .option(ChannelOption.SO_BACKLOG, 1024)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(initializer);
  }

  /** Binds {@code at}, or fails with the address and the system's reason in the message. */
  private static Channel bind(ServerBootstrap bootstrap, InetSocketAddress at) {
    ChannelFuture bound = bootstrap.bind(at).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      Throwable cause = bound.cause();
      String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
      String fix =
          reason.toLowerCase(Locale.ROOT).contains("in use")
              ? "; another socket holds the port: choose another port, or start every process that"
                  + " is to share it with HTTPServerOptions.reusePort(true)"
              : "";
      throw new UncheckedIOException(
          "[ListenFailed] cannot listen on " + at + ": " + reason + fix,
          cause instanceof IOException ? (IOException) cause : new IOException(cause));
    }
    return bound.channel();
  }

  private static int boundPort(Channel listener) {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** The listening sockets (package-private: for tests that look at server-side state). */
  synchronized List<Channel> listeners() {
    return List.copyOf(listeners);
  }

  /** The port of the first socket listened on, or -1 before {@link #listen}. */
  public synchronized int port() {
    return listeners.isEmpty()
        ? -1
        : ((InetSocketAddress) listeners.get(0).localAddress()).getPort();
  }

  /** The open connections (package-private: for tests that look at server-side state). */
  ChannelGroup connections() {
    return connections;
  }

  /** The options this server was built with. */
  public HTTPServerOptions options() {
    return options;
  }

  /**
   * Stops at once: stops listening, closes every open connection (their handlers see {@code
   * onConnectionClose}), and ends the server's loops, waiting up to five seconds for them (not at
   * all when called on one of them). The same as {@code stop(Duration.ZERO)}. Idempotent.
   */
  public void stop() {
    stop(Duration.ZERO);
  }

  /**
   * Stops gracefully, from any thread: stops accepting at once; closes idle keep-alive connections
   * right away; lets every request already accepted be answered (the one in flight on each
   * connection and complete pipelined ones read behind it, the last with {@code Connection:
   * close}) for up to {@code deadline}; then closes whatever is still open, as {@link #stop()}
   * does, and ends the loops. Blocks until then. Called on one of the server's own loops it cannot
   * wait for them, so it closes everything at once. Idempotent: a second call returns at once.
   */
  public synchronized void stop(Duration deadline) {
    Objects.requireNonNull(deadline, "deadline");
    if (stopped) {
      return;
    }
    stopped = true;
    // On one of our own loops we must not wait for it: close and shut down without waiting.
    boolean onOwnLoop = false;
    if (group != null) {
      for (EventExecutor loop : group) {
        onOwnLoop |= loop.inEventLoop();
      }
    }
    long wait = onOwnLoop ? 0 : 5;
    for (Channel listener : listeners) {
      listener.close().awaitUninterruptibly(wait, TimeUnit.SECONDS);
    }
    if (!onOwnLoop && deadline.toMillis() > 0) {
      drain(deadline);
    }
    connections.close().awaitUninterruptibly(wait, TimeUnit.SECONDS);
    if (watchdog != null) {
      watchdog.close();
    }
    if (group != null) {
      group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(wait, TimeUnit.SECONDS);
    }
  }

  /** Asks every connection to finish what it accepted and close; waits up to {@code deadline}. */
  private void drain(Duration deadline) {
    ChannelGroupFuture allClosed = connections.newCloseFuture();
    for (Channel ch : connections) {
      ch.eventLoop().execute(() -> {
        // looked up on the loop: a connection may have been taken over from HTTP meanwhile
        HTTP1ServerHandler handler = ch.pipeline().get(HTTP1ServerHandler.class);
        if (handler != null) {
          handler.shutDown();
        } else {
          ch.pipeline().fireUserEventTriggered(GRACEFUL_SHUTDOWN);
        }
      });
    }
    if (!allClosed.awaitUninterruptibly(deadline.toMillis())) {
      log.warn(
          "[ShutdownDeadline] {} connections still busy after the {} shutdown deadline; closing them",
          connections.size(),
          deadline);
    }
  }
}

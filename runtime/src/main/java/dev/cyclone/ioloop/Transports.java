package dev.cyclone.ioloop;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Chooses Netty's transport: native epoll when it loads on this machine, NIO otherwise.
 *
 * <p>Set the system property {@code cyclone.transport=nio} to force NIO.
 */
public final class Transports {
  private static final boolean EPOLL =
      !"nio".equalsIgnoreCase(System.getProperty("cyclone.transport")) && Epoll.isAvailable();

  private Transports() {}

  /** True when the native epoll transport is in use. */
  public static boolean isEpoll() {
    return EPOLL;
  }

  /** The name of the transport in use, for logs: {@code "epoll"} or {@code "nio"}. */
  public static String name() {
    return EPOLL ? "epoll" : "nio";
  }

  /**
   * A new group of {@code threads} event loops whose threads are named {@code name-N}. Every loop
   * of the group is known to {@link IOLoop#current()} on its own thread.
   */
  public static EventLoopGroup newGroup(int threads, String name) {
    IoHandlerFactory factory = EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), factory);
  }

  /** The server channel class that matches {@link #newGroup}. */
  public static Class<? extends ServerSocketChannel> serverChannelClass() {
    return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  /** The client channel class that matches {@link #newGroup}. */
  public static Class<? extends SocketChannel> socketChannelClass() {
    return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
  }
}

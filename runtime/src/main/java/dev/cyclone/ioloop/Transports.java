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
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Chooses Netty's transport: native epoll when it loads on this machine, NIO otherwise.
 *
 * <p>Set the system property {@code cyclone.transport=nio} to force NIO.
 *
 * <p>It also turns Netty's buffer-leak detector off, unless the JVM was started with {@code
 * -Dio.netty.leakDetection.level=...}: Cyclone's own buffers are released by the framework (its
 * tests run with the detector at {@code paranoid}), and at its default level the detector records
 * a stack trace for one buffer in 128, a cost every request shares. Vert.x makes the same choice.
 * Set the property to {@code simple} or {@code paranoid} when your code handles {@code ByteBuf}s
 * itself (a {@code dataReceived} of the low-level HTTP API, say) and you want leaks reported.
 */
public final class Transports {
  private static final boolean EPOLL =
      !"nio".equalsIgnoreCase(System.getProperty("cyclone.transport")) && Epoll.isAvailable();

  static {
    if (leakDetectionLevelUnset(System.getProperty("io.netty.leakDetection.level"),
        System.getProperty("io.netty.leakDetectionLevel"))) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
  }

  private Transports() {}

  /** True when neither of Netty's properties for the leak detector's level (new, old) is set. */
  static boolean leakDetectionLevelUnset(String level, String legacyLevel) {
    return level == null && legacyLevel == null;
  }

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

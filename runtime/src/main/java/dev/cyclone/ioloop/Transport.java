package dev.cyclone.ioloop;

import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.net.StandardSocketOptions;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One of Netty's transports, the code that waits for sockets to be ready and moves their bytes: what
 * an {@link IOLoop} is built on. {@link Transports#current()} says which one this process uses.
 *
 * <p>Each says whether it loads on this machine ({@link #isAvailable()}) and, when it does not, why
 * ({@link #unavailabilityCause()}). Nothing native is loaded until one of those is asked, or a loop
 * is made.
 */
public enum Transport {
  /**
   * Linux's epoll, through Netty's native library: one system call per read and per write. The
   * default on Linux.
   */
  EPOLL(
      "epoll",
      Epoll::isAvailable,
      Epoll::unavailabilityCause,
      EpollIoHandler::newFactory,
      EpollServerSocketChannel.class,
      EpollSocketChannel.class,
      () -> EpollChannelOption.SO_REUSEPORT),

  /**
   * Linux's io_uring (kernel 5.14 or later, and not disabled by {@code kernel.io_uring_disabled} or
   * a seccomp profile): reads and writes are queued to the kernel and completed in batches, one
   * system call for many sockets. Only when named: {@link Transports} says why.
   */
  IO_URING(
      "io_uring",
      IoUring::isAvailable,
      IoUring::unavailabilityCause,
      IoUringIoHandler::newFactory,
      IoUringServerSocketChannel.class,
      IoUringSocketChannel.class,
      () -> IoUringChannelOption.SO_REUSEPORT),

  /** The JDK's selector: every operating system, no native code. */
  NIO(
      "nio",
      () -> true,
      () -> null,
      NioIoHandler::newFactory,
      NioServerSocketChannel.class,
      NioSocketChannel.class,
      () -> NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT));

  private final String propertyValue;
  private final BooleanSupplier available;
  private final Supplier<Throwable> unavailabilityCause;
  private final Supplier<IoHandlerFactory> ioHandlerFactory;
  private final Class<? extends ServerSocketChannel> serverChannelClass;
  private final Class<? extends SocketChannel> socketChannelClass;
  private final Supplier<ChannelOption<Boolean>> reusePortOption;

  Transport(
      String propertyValue,
      BooleanSupplier available,
      Supplier<Throwable> unavailabilityCause,
      Supplier<IoHandlerFactory> ioHandlerFactory,
      Class<? extends ServerSocketChannel> serverChannelClass,
      Class<? extends SocketChannel> socketChannelClass,
      Supplier<ChannelOption<Boolean>> reusePortOption) {
    this.propertyValue = propertyValue;
    this.available = available;
    this.unavailabilityCause = unavailabilityCause;
    this.ioHandlerFactory = ioHandlerFactory;
    this.serverChannelClass = serverChannelClass;
    this.socketChannelClass = socketChannelClass;
    this.reusePortOption = reusePortOption;
  }

  /** The name of the transport, as the system property {@code cyclone.transport} spells it. */
  public String propertyValue() {
    return propertyValue;
  }

  /** True when this transport loads on this machine. Safe to call from any thread. */
  public boolean isAvailable() {
    return available.getAsBoolean();
  }

  /** Why this transport does not load here, or null when it does. */
  public Throwable unavailabilityCause() {
    return unavailabilityCause.get();
  }

  IoHandlerFactory ioHandlerFactory() {
    return ioHandlerFactory.get();
  }

  Class<? extends ServerSocketChannel> serverChannelClass() {
    return serverChannelClass;
  }

  Class<? extends SocketChannel> socketChannelClass() {
    return socketChannelClass;
  }

  /**
   * The listening-socket option for {@code SO_REUSEPORT} on this transport (Linux 3.9 and later;
   * through NIO, wherever the JDK offers it). Looked up when asked, so that naming it loads no
   * other transport's classes.
   */
  ChannelOption<Boolean> reusePortOption() {
    return reusePortOption.get();
  }

  @Override
  public String toString() {
    return propertyValue;
  }
}

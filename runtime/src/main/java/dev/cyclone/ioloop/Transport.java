package dev.cyclone.ioloop;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;

/**
 * One of Netty's transports, the code that waits for sockets to be ready and moves their bytes: what
 * an {@link IOLoop} is built on. {@link Transports#current()} says which one this process uses.
 *
 * <p>Each says whether it loads on this machine ({@link #isAvailable()}) and, when it does not, why
 * ({@link #unavailabilityCause()}).
 */
public enum Transport {
  /**
   * Linux's epoll, through Netty's native library: one system call per read and per write. The
   * default on Linux.
   */
  EPOLL("epoll") {
    @Override
    public boolean isAvailable() {
      return Epoll.isAvailable();
    }

    @Override
    public Throwable unavailabilityCause() {
      return Epoll.unavailabilityCause();
    }

    @Override
    IoHandlerFactory ioHandlerFactory() {
      return EpollIoHandler.newFactory();
    }

    @Override
    Class<? extends ServerSocketChannel> serverChannelClass() {
      return EpollServerSocketChannel.class;
    }

    @Override
    Class<? extends SocketChannel> socketChannelClass() {
      return EpollSocketChannel.class;
    }
  },

  /**
   * Linux's io_uring (kernel 5.14 or later, and not disabled by {@code kernel.io_uring_disabled} or
   * a seccomp profile): reads and writes are queued to the kernel and completed in batches, one
   * system call for many sockets. Only when named: {@link Transports} says why.
   */
  IO_URING("io_uring") {
    @Override
    public boolean isAvailable() {
      return IoUring.isAvailable();
    }

    @Override
    public Throwable unavailabilityCause() {
      return IoUring.unavailabilityCause();
    }

    @Override
    IoHandlerFactory ioHandlerFactory() {
      return IoUringIoHandler.newFactory();
    }

    @Override
    Class<? extends ServerSocketChannel> serverChannelClass() {
      return IoUringServerSocketChannel.class;
    }

    @Override
    Class<? extends SocketChannel> socketChannelClass() {
      return IoUringSocketChannel.class;
    }
  },

  /** The JDK's selector: every operating system, no native code. */
  NIO("nio") {
    @Override
    public boolean isAvailable() {
      return true;
    }

    @Override
    public Throwable unavailabilityCause() {
      return null;
    }

    @Override
    IoHandlerFactory ioHandlerFactory() {
      return NioIoHandler.newFactory();
    }

    @Override
    Class<? extends ServerSocketChannel> serverChannelClass() {
      return NioServerSocketChannel.class;
    }

    @Override
    Class<? extends SocketChannel> socketChannelClass() {
      return NioSocketChannel.class;
    }
  };

  private final String propertyValue;

  Transport(String propertyValue) {
    this.propertyValue = propertyValue;
  }

  /** The name of the transport, as the system property {@code cyclone.transport} spells it. */
  public String propertyValue() {
    return propertyValue;
  }

  /** True when this transport loads on this machine. Safe to call from any thread. */
  public abstract boolean isAvailable();

  /** Why this transport does not load here, or null when it does. */
  public abstract Throwable unavailabilityCause();

  abstract IoHandlerFactory ioHandlerFactory();

  abstract Class<? extends ServerSocketChannel> serverChannelClass();

  abstract Class<? extends SocketChannel> socketChannelClass();

  @Override
  public String toString() {
    return propertyValue;
  }
}

package dev.cyclone.ioloop;

import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Chooses the {@link Transport} of every loop, server and client in this process: epoll where it
 * loads, NIO elsewhere, or the one the system property {@code cyclone.transport} names ({@code
 * epoll}, {@code io_uring} or {@code nio}). Naming a transport that does not load here fails the
 * first loop's creation, with the reason.
 *
 * <p><b>io_uring is there when asked for, not by default.</b> It costs a request less: on the
 * loopback benchmark of BENCHMARKS.md, Cyclone spent 5–7% less CPU per request on it than on
 * epoll (Vert.x 12%). But Netty's io_uring loop (4.2.18) goes on handling completions for as long
 * as new ones arrive, and under a load that keeps it busy the loop's tasks and timers wait: a 10 ms
 * {@code Gen.sleep} answered at a p99 of 122–124 ms against 32–40 ms on epoll, and while the JIT was
 * still warming up the loop once ran no task for 2–3 s. Cyclone's timeouts, sleeps and callbacks
 * from other threads are such tasks. Choose io_uring for a service that is bound by throughput and
 * does not mind its timers running late under full load; where it does not load (Linux before
 * 5.14, {@code kernel.io_uring_disabled}, a seccomp profile that blocks it) naming it fails.
 *
 * <p>It also turns Netty's buffer-leak detector off, unless the JVM was started with {@code
 * -Dio.netty.leakDetection.level=...}: Cyclone's own buffers are released by the framework (its
 * tests run with the detector at {@code paranoid}), and at its default level the detector records
 * a stack trace for one buffer in 128, a cost every request shares. Vert.x makes the same choice.
 * Set the property to {@code simple} or {@code paranoid} when your code handles {@code ByteBuf}s
 * itself (a {@code dataReceived} of the low-level HTTP API, say) and you want leaks reported.
 */
public final class Transports {
  /** The system property that names the transport: {@code epoll}, {@code io_uring} or {@code nio}. */
  public static final String PROPERTY = "cyclone.transport";

  private static volatile Transport current;

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

  /**
   * The transport of this process, chosen on the first call (from any thread) and the same ever
   * after.
   *
   * @throws IllegalStateException when {@code cyclone.transport} names no transport, or one that
   *     does not load here
   */
  public static Transport current() {
    Transport t = current;
    if (t == null) {
      t = choose(System.getProperty(PROPERTY), Transport::isAvailable);
      current = t;
    }
    return t;
  }

  /**
   * The transport {@code wanted} names (a value of {@code cyclone.transport}, or null when it is
   * unset), given which transports load here.
   */
  static Transport choose(String wanted, Predicate<Transport> available) {
    if (wanted == null || wanted.isBlank()) {
      return available.test(Transport.EPOLL) ? Transport.EPOLL : Transport.NIO;
    }
    String name = wanted.trim().toLowerCase(Locale.ROOT);
    for (Transport t : Transport.values()) {
      if (t.propertyValue().equals(name)) {
        if (!available.test(t)) {
          throw new IllegalStateException(
              "[Transport] -D" + PROPERTY + "=" + wanted + " names a transport that does not load"
                  + " here (" + t.unavailabilityCause() + "); leave the property unset to let"
                  + " Cyclone take epoll, or nio where epoll does not load, or name another.",
              t.unavailabilityCause());
        }
        return t;
      }
    }
    throw new IllegalStateException(
        "[Transport] -D" + PROPERTY + " must be epoll, io_uring or nio; found \"" + wanted + "\".");
  }

  /**
   * A new group of {@code threads} event loops on the {@link #current()} transport, whose threads
   * are named {@code name-N}. Every loop of the group is known to {@link IOLoop#current()} on its
   * own thread.
   */
  public static EventLoopGroup newGroup(int threads, String name) {
    return newGroup(current(), threads, name);
  }

  /** {@link #newGroup(int, String)} on a given transport, which must be available. */
  static EventLoopGroup newGroup(Transport transport, int threads, String name) {
    return new MultiThreadIoEventLoopGroup(
        threads, new DefaultThreadFactory(name, true), transport.ioHandlerFactory());
  }

  /** The server channel class that matches {@link #newGroup}. */
  public static Class<? extends ServerSocketChannel> serverChannelClass() {
    return current().serverChannelClass();
  }

  /** The {@code SO_REUSEPORT} option of the listening sockets of {@link #serverChannelClass()}. */
  public static ChannelOption<Boolean> reusePortOption() {
    return current().reusePortOption();
  }

  /** The client channel class that matches {@link #newGroup}. */
  public static Class<? extends SocketChannel> socketChannelClass() {
    return current().socketChannelClass();
  }
}

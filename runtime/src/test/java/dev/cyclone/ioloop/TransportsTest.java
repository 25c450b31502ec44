package dev.cyclone.ioloop;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.util.ResourceLeakDetector;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransportsTest {
  private static final Set<Transport> ALL = EnumSet.allOf(Transport.class);

  @Test
  void aLevelTheJvmWasStartedWithIsKept() throws Exception {
    // surefire starts this JVM with -Dio.netty.leakDetection.level=paranoid (runtime/pom.xml)
    assertEquals("paranoid", System.getProperty("io.netty.leakDetection.level"));
    EventLoopGroup group = Transports.newGroup(1, "transports-test");
    try {
      assertEquals(ResourceLeakDetector.Level.PARANOID, ResourceLeakDetector.getLevel());
    } finally {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
    }
  }

  @Test
  void withoutEitherPropertyTheDetectorIsTurnedOff() {
    assertTrue(Transports.leakDetectionLevelUnset(null, null));
    assertFalse(Transports.leakDetectionLevelUnset("simple", null));
    assertFalse(Transports.leakDetectionLevelUnset(null, "advanced"));
  }

  @Test
  void unsetEpollIsTakenWhereItLoadsAndNioElsewhere() {
    assertEquals(Transport.EPOLL, Transports.choose(null, ALL::contains));
    assertEquals(Transport.EPOLL, Transports.choose(" ", ALL::contains));
    assertEquals(
        Transport.NIO,
        Transports.choose(null, EnumSet.of(Transport.IO_URING, Transport.NIO)::contains));
  }

  @Test
  void theProcessTakesEpollHereOrTheOneItsPropertyNames() {
    String wanted = System.getProperty(Transports.PROPERTY);
    Transport expected =
        wanted != null
            ? Transport.valueOf(wanted.toUpperCase(java.util.Locale.ROOT))
            : Transport.EPOLL.isAvailable() ? Transport.EPOLL : Transport.NIO;
    assertEquals(expected, Transports.current());
    assertTrue(Transports.current().isAvailable());
  }

  @Test
  void aNamedTransportIsTaken() {
    assertEquals(Transport.EPOLL, Transports.choose("epoll", ALL::contains));
    assertEquals(Transport.NIO, Transports.choose(" NIO ", ALL::contains));
    assertEquals(Transport.IO_URING, Transports.choose("io_uring", ALL::contains));
  }

  @Test
  void aNamedTransportThatDoesNotLoadFailsWithTheRule() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Transports.choose("epoll", Set.of(Transport.NIO)::contains));
    assertTrue(
        e.getMessage().startsWith("[Transport] -Dcyclone.transport=epoll names a transport that"
            + " does not load here"),
        e.getMessage());
    assertTrue(e.getMessage().contains("leave the property unset"), e.getMessage());
  }

  @Test
  void anUnknownNameFailsWithTheChoices() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Transports.choose("kqueue", ALL::contains));
    assertEquals(
        "[Transport] -Dcyclone.transport must be epoll, io_uring or nio; found \"kqueue\".",
        e.getMessage());
  }

  @Test
  void nioAlwaysLoads() {
    assertTrue(Transport.NIO.isAvailable());
    assertNull(Transport.NIO.unavailabilityCause());
  }

  /** Each transport that loads here carries bytes both ways between a server and a client. */
  @ParameterizedTest
  @EnumSource(Transport.class)
  void everyTransportThatLoadsCarriesBytesBothWays(Transport transport) throws Exception {
    assumeTrue(transport.isAvailable(), () -> transport + ": " + transport.unavailabilityCause());
    EventLoopGroup group = Transports.newGroup(transport, 1, "transport-" + transport);
    try {
      Channel server =
          new ServerBootstrap()
              .group(group)
              .channel(transport.serverChannelClass())
              .childHandler(new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel ch) {
                  ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                      ctx.writeAndFlush(msg); // echo
                    }
                  });
                }
              })
              .bind("127.0.0.1", 0)
              .sync()
              .channel();
      CompletableFuture<String> echoed = new CompletableFuture<>();
      Channel client =
          new Bootstrap()
              .group(group)
              .channel(transport.socketChannelClass())
              .handler(new ChannelInboundHandlerAdapter() {
                private final StringBuilder got = new StringBuilder();

                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                  ByteBuf buf = (ByteBuf) msg;
                  got.append(buf.toString(US_ASCII));
                  buf.release();
                  if (got.length() >= 4) {
                    echoed.complete(got.toString());
                  }
                }
              })
              .connect((InetSocketAddress) server.localAddress())
              .sync()
              .channel();
      client.writeAndFlush(Unpooled.copiedBuffer("ping", US_ASCII));
      assertEquals("ping", echoed.get(5, TimeUnit.SECONDS));
      client.close().sync();
      server.close().sync();
    } finally {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
    }
  }
}

package dev.cyclone.httpserver;

import dev.cyclone.ioloop.IOLoop;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;

/**
 * What a request's {@link HTTPConnection} becomes once its connection was handed over to another
 * protocol ({@link HTTPConnection#detach}): it still says whether the client is there and which
 * loop it lives on, and refuses HTTP output. It holds only the channel, so a long-lived socket (a
 * WebSocket) does not keep the HTTP machinery of its upgrade request reachable.
 */
final class DetachedConnection implements HTTPConnection {
  private final Channel channel;
  private final IOLoop loop;

  DetachedConnection(Channel channel, IOLoop loop) {
    this.channel = channel;
    this.loop = loop;
  }

  @Override
  public CompletableFuture<Void> writeHeaders(HttpResponseStatus status, HttpHeaders headers, ByteBuf chunk) {
    ReferenceCountUtil.release(chunk);
    throw detached("writeHeaders");
  }

  @Override
  public CompletableFuture<Void> write(ByteBuf chunk) {
    ReferenceCountUtil.release(chunk);
    throw detached("write");
  }

  @Override
  public CompletableFuture<Void> finish() {
    throw detached("finish");
  }

  @Override
  public Channel detach(ChannelHandler... handlers) {
    throw detached("detach");
  }

  @Override
  public void abort() {
    channel.close();
  }

  @Override
  public boolean isClosed() {
    return !channel.isActive();
  }

  @Override
  public boolean headersWritten() {
    return true;
  }

  @Override
  public IOLoop ioLoop() {
    return loop;
  }

  private static IllegalStateException detached(String method) {
    return new IllegalStateException(
        "[Detached] " + method + "(): the connection was handed over to another protocol");
  }
}

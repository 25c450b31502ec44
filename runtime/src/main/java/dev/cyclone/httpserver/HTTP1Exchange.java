package dev.cyclone.httpserver;

import dev.cyclone.ioloop.IOLoop;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request and its response on an HTTP/1.1 connection: the {@link HTTPConnection} a message
 * delegate answers through. It decides the body's framing (Content-Length, chunked, or
 * close-delimited), drops the body of HEAD, 1xx, 204 and 304 responses, and tells its {@link
 * HTTP1ServerHandler} when the response is finished so the next pipelined request can start.
 *
 * <p>Lives on the connection's loop; every method checks it is called there.
 */
final class HTTP1Exchange implements HTTPConnection {
  private static final Logger log = LoggerFactory.getLogger(HTTP1Exchange.class);

  private final HTTP1ServerHandler owner;
  private final ChannelHandlerContext ctx;
  private final boolean head;
  private final boolean http11;

  /** Whether the connection stays open after this response; may turn false, never back. */
  boolean keepAlive;
  /** True once the request's last byte of body has been read. */
  boolean requestComplete;
  HTTPServerRequest request;
  HTTPMessageDelegate delegate;

  private boolean headersWritten;
  private boolean finished;
  private boolean bodyless;
  private long expectedLength = -1;
  private long written;
  private int status;
  private boolean flushScheduled;
  private boolean closeNotified;

  HTTP1Exchange(
      HTTP1ServerHandler owner, ChannelHandlerContext ctx, boolean head, boolean http11, boolean keepAlive) {
    this.owner = owner;
    this.ctx = ctx;
    this.head = head;
    this.http11 = http11;
    this.keepAlive = keepAlive;
  }

  @Override
  public CompletableFuture<Void> writeHeaders(
      HttpResponseStatus status, HttpHeaders headers, ByteBuf chunk) {
    checkLoop("writeHeaders");
    if (headersWritten) {
      release(chunk);
      throw new IllegalStateException(
          "[HeadersWrittenTwice] writeHeaders() was already called for this response");
    }
    headersWritten = true;
    this.status = status.code();
    frame(headers);
    if (!headers.contains(HttpHeaderNames.DATE)) {
      headers.set("Date", HttpDates.now());
    }
    if (isClosed()) {
      release(chunk);
      return CompletableFuture.failedFuture(new ClosedChannelException());
    }
    ChannelFuture f = ctx.write(new DefaultHttpResponse(HttpVersion.HTTP_1_1, status, headers));
    if (chunk != null) {
      return write(chunk);
    }
    scheduleFlush();
    return owner.writability().after(f);
  }

  /** Sets the framing and connection headers for this response. */
  private void frame(HttpHeaders headers) {
    int code = status;
    boolean noContent = code < 200 || code == 204 || code == 304;
    bodyless = head || noContent;
    if (code < 200 || code == 204) {
      headers.remove(HttpHeaderNames.CONTENT_LENGTH);
    }
    if (noContent) {
      headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
    } else {
      String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
      if (length != null) {
        headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
        try {
          expectedLength = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
          throw new IllegalStateException(
              "[ContentLengthHeader] Content-Length must be a number, got \"" + length + "\"");
        }
      } else if (http11) {
        headers.set("Transfer-Encoding", HttpHeaderValues.CHUNKED);
      } else {
        keepAlive = false; // an HTTP/1.0 body without a length ends when the connection does
      }
    }
    if (keepAlive) {
      if (http11) {
        headers.remove(HttpHeaderNames.CONNECTION);
      } else {
        headers.set("Connection", HttpHeaderValues.KEEP_ALIVE);
      }
    } else {
      headers.set("Connection", HttpHeaderValues.CLOSE);
    }
  }

  @Override
  public CompletableFuture<Void> write(ByteBuf chunk) {
    checkLoop("write");
    if (!headersWritten) {
      release(chunk);
      throw new IllegalStateException(
          "[WriteBeforeHeaders] write() needs writeHeaders() first");
    }
    if (finished) {
      release(chunk);
      throw new IllegalStateException("[WriteAfterFinish] Cannot write() after finish()");
    }
    int n = chunk.readableBytes();
    if (bodyless || n == 0) {
      chunk.release();
      return ChannelFutures.done();
    }
    if (expectedLength >= 0 && written + n > expectedLength) {
      chunk.release();
      throw new IllegalStateException(
          "[ContentLengthExceeded] Tried to write more data than Content-Length ("
              + expectedLength
              + " bytes)");
    }
    written += n;
    if (isClosed()) {
      chunk.release();
      return CompletableFuture.failedFuture(new ClosedChannelException());
    }
    ChannelFuture f = ctx.write(new DefaultHttpContent(chunk));
    scheduleFlush();
    return owner.writability().after(f);
  }

  @Override
  public CompletableFuture<Void> finish() {
    checkLoop("finish");
    if (finished) {
      throw new IllegalStateException("[FinishTwice] finish() was already called for this response");
    }
    if (!headersWritten) {
      throw new IllegalStateException("[FinishBeforeHeaders] finish() needs writeHeaders() first");
    }
    finished = true;
    if (!bodyless && expectedLength >= 0 && written < expectedLength) {
      log.error(
          "[ContentLengthShort] Tried to write {} bytes less than Content-Length for {}; closing",
          expectedLength - written,
          request == null ? "a request" : request.summary());
      keepAlive = false;
    }
    AccessLog.record(
        status, request.method(), request.uri(), request.remoteIp(), request.startNanos());
    if (isClosed()) {
      owner.responseFinished(this, null);
      return CompletableFuture.failedFuture(new ClosedChannelException());
    }
    // A flush already scheduled by writeHeaders()/write() sends this too, in the same syscall,
    // once the code that finished the response has returned: one flush per response, not two.
    ChannelFuture f =
        flushScheduled
            ? ctx.write(LastHttpContent.EMPTY_LAST_CONTENT)
            : ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    owner.responseFinished(this, f);
    return ChannelFutures.toCompletable(f);
  }

  @Override
  public void abort() {
    keepAlive = false;
    ctx.channel().close();
  }

  @Override
  public boolean isClosed() {
    return !ctx.channel().isActive();
  }

  @Override
  public boolean headersWritten() {
    return headersWritten;
  }

  /** True once {@link #finish()} was called. */
  boolean finished() {
    return finished;
  }

  @Override
  public IOLoop ioLoop() {
    return IOLoop.of(ctx.channel().eventLoop());
  }

  /** Called by the owner when the client went away before this response was finished. */
  void connectionClosed() {
    if (!finished && delegate != null && !closeNotified) {
      closeNotified = true;
      try {
        delegate.onConnectionClose();
      } catch (Throwable t) {
        log.error("Exception in onConnectionClose for {}", request.summary(), t);
      }
    }
  }

  private void scheduleFlush() {
    // Coalesce: the headers and the pieces written in one loop task go out in one syscall.
    if (!flushScheduled) {
      flushScheduled = true;
      ctx.executor()
          .execute(
              () -> {
                flushScheduled = false;
                ctx.flush();
              });
    }
  }

  private void checkLoop(String method) {
    if (!ctx.executor().inEventLoop()) {
      throw new IllegalStateException(
          "[ConnectionThread] "
              + method
              + "() was called on thread "
              + Thread.currentThread().getName()
              + ", but a response must be written on its connection's loop; hand the work back"
              + " with IOLoop.addCallback()");
    }
  }

  private static void release(ByteBuf chunk) {
    if (chunk != null) {
      chunk.release();
    }
  }
}

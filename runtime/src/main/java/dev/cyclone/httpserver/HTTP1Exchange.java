package dev.cyclone.httpserver;

import dev.cyclone.ioloop.IOLoop;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
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

  private static final AsciiString[] SMALL_LENGTHS = new AsciiString[4096];

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
  private boolean closeNotified;
  /** This request's body limit; -1 for the server's. */
  private long maxBodySize = -1;

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
    startResponse(status, headers, chunk, -1);
    if (isClosed()) {
      release(chunk);
      return CompletableFuture.failedFuture(new ClosedChannelException());
    }
    ChannelFuture f =
        ctx.write(
            head
                ? new HTTP1ResponseEncoder.StreamedHead(status, headers)
                : new DefaultHttpResponse(HttpVersion.HTTP_1_1, status, headers));
    if (chunk != null) {
      return write(chunk);
    }
    owner.flushSoon();
    return owner.writability().after(f);
  }

  /**
   * The whole response as one {@link WholeResponse}: the encoder writes the status line, the
   * headers and the body into one buffer, so the response leaves in one write instead of the
   * three pieces (and three encoder passes) of writeHeaders, write and finish.
   */
  @Override
  public CompletableFuture<Void> writeResponse(
      HttpResponseStatus status, HttpHeaders headers, ByteBuf body) {
    return whole(status, headers, body, true);
  }

  /**
   * {@link #writeResponse} without the future: the write needs no promise then, and completing
   * and notifying one costs a loop more than encoding a small response.
   */
  @Override
  public void sendResponse(HttpResponseStatus status, HttpHeaders headers, ByteBuf body) {
    whole(status, headers, body, false);
  }

  /** A whole response; answers when it is written if {@code observed}, else null. */
  private CompletableFuture<Void> whole(
      HttpResponseStatus status, HttpHeaders headers, ByteBuf body, boolean observed) {
    checkLoop("writeResponse");
    ByteBuf content = body == null ? Unpooled.EMPTY_BUFFER : body;
    long now = startResponse(status, headers, content, content.readableBytes());
    if (bodyless) {
      content.release();
      content = Unpooled.EMPTY_BUFFER;
    } else if (content.readableBytes() > expectedLength) {
      content.release();
      throw new IllegalStateException(
          "[ContentLengthExceeded] Tried to write more data than Content-Length ("
              + expectedLength
              + " bytes)");
    }
    written = content.readableBytes();
    if (isClosed()) {
      content.release();
      return finishedClosed(now);
    }
    checkLength();
    if (!keepAlive) {
      headers.set(ResponseHeaders.CONNECTION, HttpHeaderValues.CLOSE);
    }
    WholeResponse response = new WholeResponse(status, headers, content);
    if (!observed) {
      // nobody waits for this write: no promise to make, complete and notify (a write that
      // fails closes the connection through exceptionCaught, as any I/O error does)
      finished(ctx.write(response, ctx.voidPromise()), now);
      return null;
    }
    ChannelFuture last = ctx.write(response);
    finished(last, now);
    return ChannelFutures.toCompletable(last);
  }

  /**
   * The checks and headers every response starts with; marks the headers written. {@code
   * bodyLength} is the length of a whole response's body, or -1 when the body will be streamed.
   * Answers the time it read for the Date header (System.nanoTime), which a whole response, sent
   * at once, also ends at: one clock read serves its Date, its access line and the idle clock.
   */
  private long startResponse(
      HttpResponseStatus status, HttpHeaders headers, ByteBuf chunk, long bodyLength) {
    if (headersWritten) {
      release(chunk);
      throw new IllegalStateException(
          "[HeadersWrittenTwice] writeHeaders() was already called for this response");
    }
    headersWritten = true;
    this.status = status.code();
    frame(headers, bodyLength);
    long now = System.nanoTime();
    if (!headers.contains(HttpHeaderNames.DATE)) {
      headers.set(ResponseHeaders.DATE, HttpDates.nowAscii(now));
    }
    return now;
  }

  /**
   * Sets the framing and connection headers for this response: a Content-Length the headers do
   * not give is {@code bodyLength} when that is known (not -1).
   */
  private void frame(HttpHeaders headers, long bodyLength) {
    int code = status;
    // RFC 9110 15.3.6: a 205 carries no content; it says so with Content-Length: 0.
    boolean noContent = code < 200 || code == 204 || code == 205 || code == 304;
    bodyless = head || noContent;
    if (code < 200 || code == 204) {
      headers.remove(HttpHeaderNames.CONTENT_LENGTH);
    } else if (code == 205) {
      headers.set(ResponseHeaders.CONTENT_LENGTH, lengthText(0));
    }
    if (noContent) {
      headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
    } else {
      String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
      if (length == null && bodyLength >= 0) {
        headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
        headers.set(ResponseHeaders.CONTENT_LENGTH, lengthText(bodyLength));
        expectedLength = bodyLength;
      } else if (length != null) {
        headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
        try {
          expectedLength = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
          throw new IllegalStateException(
              "[ContentLengthHeader] Content-Length must be a number, got \"" + length + "\"");
        }
      } else if (http11) {
        headers.set(ResponseHeaders.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
      } else {
        keepAlive = false; // an HTTP/1.0 body without a length ends when the connection does
      }
    }
    if (!requestComplete) {
      // answered before its body was read (a streaming handler's refusal): the rest of the body
      // cannot be told from the next request, so the connection closes, and the client is told
      keepAlive = false;
    }
    if (keepAlive) {
      if (http11) {
        headers.remove(HttpHeaderNames.CONNECTION);
      } else {
        headers.set(ResponseHeaders.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      }
    } else {
      headers.set(ResponseHeaders.CONNECTION, HttpHeaderValues.CLOSE);
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
    owner.flushSoon();
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
    checkLength();
    if (isClosed()) {
      return finishedClosed(System.nanoTime());
    }
    ChannelFuture last = ctx.write(LastHttpContent.EMPTY_LAST_CONTENT);
    finished(last, System.nanoTime());
    return ChannelFutures.toCompletable(last);
  }

  /** A response shorter than its Content-Length cannot be followed by another on the connection. */
  private void checkLength() {
    if (!bodyless && expectedLength >= 0 && written < expectedLength) {
      log.error(
          "[ContentLengthShort] Tried to write {} bytes less than Content-Length for {}; closing",
          expectedLength - written,
          request == null ? "a request" : request.summary());
      keepAlive = false;
    }
  }

  /**
   * The response's last piece was written as {@code last} at {@code now} (System.nanoTime): logs
   * it, has it flushed (with the rest of the read batch, or at once) and lets the owner go on.
   */
  private void finished(ChannelFuture last, long now) {
    finished = true;
    AccessLog.record(
        ctx.executor(), owner.accessLogger(), status, request.method(), request.uri(), request.remoteIp(), request.startNanos(), now);
    owner.flushLast();
    owner.responseFinished(this, last, now);
  }

  /** The response ended on a connection the client had already closed. */
  private CompletableFuture<Void> finishedClosed(long now) {
    finished = true;
    AccessLog.record(
        ctx.executor(), owner.accessLogger(), status, request.method(), request.uri(), request.remoteIp(), request.startNanos(), now);
    owner.responseFinished(this, null, now);
    return CompletableFuture.failedFuture(new ClosedChannelException());
  }

  @Override
  public Channel detach(ChannelHandler... handlers) {
    checkLoop("detach");
    if (headersWritten || finished) {
      throw new IllegalStateException("[DetachAfterResponse] detach() must come before writeHeaders()");
    }
    if (!requestComplete) {
      throw new IllegalStateException("[DetachBeforeBody] detach() needs the whole request read first");
    }
    finished = true;
    headersWritten = true;
    status = 101;
    AccessLog.record(ctx.executor(), owner.accessLogger(), 101, request.method(), request.uri(), request.remoteIp(), request.startNanos(), System.nanoTime());
    Channel channel = owner.detach(this, handlers);
    request.detached(new DetachedConnection(channel, owner.loop()));
    return channel;
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

  @Override
  public void pauseReading() {
    owner.pauseBody(this);
  }

  @Override
  public void resumeReading() {
    owner.resumeBody(this);
  }

  @Override
  public void setMaxBodySize(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("[MaxBodySize] the body limit cannot be negative: " + bytes);
    }
    maxBodySize = bytes;
  }

  /** The body limit of this request: its own, or {@code serverLimit}. */
  long maxBodySize(long serverLimit) {
    return maxBodySize < 0 ? serverLimit : maxBodySize;
  }

  /** True once {@link #finish()} was called. */
  boolean finished() {
    return finished;
  }

  @Override
  public IOLoop ioLoop() {
    return owner.loop();
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

  /**
   * {@code length} as header text. The lengths of small bodies are made once and shared (the
   * array fills as they are first used; a race only makes an equal copy).
   */
  private static AsciiString lengthText(long length) {
    if (length >= SMALL_LENGTHS.length) {
      return new AsciiString(Long.toString(length));
    }
    AsciiString text = SMALL_LENGTHS[(int) length];
    if (text == null) {
      text = new AsciiString(Long.toString(length));
      SMALL_LENGTHS[(int) length] = text;
    }
    return text;
  }

  private static void release(ByteBuf chunk) {
    if (chunk != null) {
      chunk.release();
    }
  }
}

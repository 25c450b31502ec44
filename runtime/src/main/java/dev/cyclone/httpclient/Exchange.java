package dev.cyclone.httpclient;

import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.ioloop.Timeout;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Map;

/**
 * One request and its response on one connection: a single hop of a {@link Fetch}.
 *
 * <p>Its life: {@link #queued()} while waiting for a slot of the {@link LoopClient} (timing out after
 * the smaller of the connect and request timeouts), then {@link #start()}: take a pooled connection
 * or open one (timing out after the connect timeout), send, and read the response (the request
 * timeout counts from {@code start}). It ends exactly once, reporting to its {@link Listener} after
 * giving back its slot and its connection. A pooled connection that turns out dead before any byte
 * of the response arrived is replaced once for idempotent methods.
 *
 * <p>Confined to its client's loop: the connection's events arrive there.
 */
final class Exchange {
  /** Receives the outcome of an exchange, on the loop. */
  interface Listener {
    void onResponse(
        Exchange exchange, int code, String reason, HttpHeaders headers, byte[] body);

    void onFailure(Exchange exchange, HTTPClientError error);
  }

  private final LoopClient client;
  private final HTTPRequest request;
  private final HostKey key;
  private final Listener listener;
  private final IOLoop loop;

  private boolean started;
  private boolean done;
  private boolean retried;
  private Timeout queueTimer;
  private Timeout connectTimer;
  private Timeout requestTimer;
  private Connection connection;
  private boolean reused;

  private boolean responseStarted;
  private boolean skippingInterim;
  private int code;
  private String reason;
  private HttpHeaders headers;
  private boolean following;
  private boolean keepAlive;
  private GzipInflater inflater;
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private long received;

  Exchange(LoopClient client, HTTPRequest request, SslContext tls, Listener listener) {
    this.client = client;
    this.request = request;
    this.key = HostKey.of(request.uri(), tls);
    this.listener = listener;
    this.loop = client.loop();
  }

  HTTPRequest request() {
    return request;
  }

  boolean isDone() {
    return done;
  }

  /** Called when the exchange has to wait for a slot. */
  void queued() {
    queueTimer =
        loop.callLater(
            min(request.connectTimeout(), request.requestTimeout()),
            () -> fail(new HTTPTimeoutError("Timeout in request queue")));
  }

  /** Called when the exchange gets a slot: sends on a pooled connection or opens one. */
  void start() {
    started = true;
    cancel(queueTimer);
    requestTimer =
        loop.callLater(
            request.requestTimeout(), () -> fail(new HTTPTimeoutError("Timeout during request")));
    Connection pooled = client.takeIdle(key);
    if (pooled != null) {
      send(pooled, true);
    } else {
      open();
    }
  }

  /** Ends the exchange with {@code error} (cancellation, client closed), closing its connection. */
  void abort(HTTPClientError error) {
    fail(error);
  }

  private void open() {
    Connection opening = client.connect(key);
    connection = opening;
    connectTimer =
        loop.callLater(
            min(request.connectTimeout(), request.requestTimeout()),
            () -> fail(new HTTPTimeoutError("Timeout while connecting to " + key)));
    opening
        .ready()
        .whenComplete(
            (ready, failure) -> {
              if (done || connection != opening) {
                opening.close();
                return;
              }
              cancel(connectTimer);
              if (failure != null) {
                fail(new HTTPConnectionError("Cannot connect to " + key + ": " + describe(failure), failure));
              } else {
                send(opening, false);
              }
            });
  }

  private void send(Connection c, boolean pooled) {
    connection = c;
    reused = pooled;
    c.attach(this);
    c.write(RequestEncoder.encode(request, client.options().defaultUserAgent()), this);
  }

  /** Called by the connection for each decoded part of the response. */
  void onMessage(HttpObject msg) {
    if (done) {
      return;
    }
    responseStarted = true;
    DecoderResult result = msg.decoderResult();
    if (result.isFailure()) {
      fail(
          new HTTPConnectionError(
              "Malformed HTTP response from " + key + ": " + describe(result.cause()), result.cause()));
      return;
    }
    if (msg instanceof HttpResponse) {
      HttpResponse response = (HttpResponse) msg;
      int status = response.status().code();
      if (status >= 100 && status < 200 && status != 101) {
        skippingInterim = true; // e.g. 100 Continue: the real response follows
      } else {
        head(response);
      }
    }
    if (msg instanceof HttpContent) {
      if (skippingInterim) {
        skippingInterim = !(msg instanceof LastHttpContent);
        return;
      }
      if (!done) {
        content(((HttpContent) msg).content());
      }
      if (!done && msg instanceof LastHttpContent) {
        finish();
      }
    }
  }

  /** Called by the connection when it closed while this exchange had it. */
  void onClosed() {
    if (done) {
      return;
    }
    if (mayRetry()) {
      retry();
      return;
    }
    fail(
        new HTTPConnectionError(
            responseStarted
                ? "Connection closed before the response was complete"
                : "Connection closed before a response arrived",
            null));
  }

  /** Called by the connection on a network error while this exchange had it. */
  void onError(Throwable cause) {
    if (done) {
      return;
    }
    if (mayRetry()) {
      retry();
      return;
    }
    fail(new HTTPConnectionError("Connection error with " + key + ": " + describe(cause), cause));
  }

  private boolean mayRetry() {
    return reused && !responseStarted && !retried && request.isIdempotent();
  }

  /** The pooled connection died between its check and our request: try once on a fresh one. */
  private void retry() {
    retried = true;
    Connection stale = connection;
    stale.detach();
    stale.close();
    open();
  }

  private void head(HttpResponse response) {
    code = response.status().code();
    reason = response.status().reasonPhrase();
    headers = response.headers();
    following = Redirects.shouldFollow(request, code, headers);
    keepAlive =
        HttpUtil.isKeepAlive(response)
            && !request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true);
    if (following) {
      return; // the body of a redirect we follow is read and dropped
    }
    if (request.headerCallback() != null) {
      try {
        reportHead(response);
      } catch (RuntimeException e) {
        fail(new HTTPClientError("headerCallback failed: " + e, e));
        return;
      }
    }
    if (HttpUtil.getContentLength(response, -1L) > request.maxBodySize()) {
      fail(tooLarge());
      return;
    }
    String encoding = headers.get(HttpHeaderNames.CONTENT_ENCODING);
    if (request.decompressResponse() && encoding != null && encoding.trim().equalsIgnoreCase("gzip")) {
      inflater = new GzipInflater();
      headers.remove(HttpHeaderNames.CONTENT_ENCODING);
      headers.set("X-Consumed-Content-Encoding", encoding);
    }
  }

  private void reportHead(HttpResponse response) {
    request.headerCallback()
        .accept(response.protocolVersion().text() + " " + code + " " + reason + "\r\n");
    for (Map.Entry<String, String> header : headers) {
      request.headerCallback().accept(header.getKey() + ": " + header.getValue() + "\r\n");
    }
    request.headerCallback().accept("\r\n");
  }

  private void content(ByteBuf chunk) {
    if (following || !chunk.isReadable()) {
      return;
    }
    byte[] bytes;
    try {
      bytes = inflater != null ? inflater.inflate(chunk) : ByteBufUtil.getBytes(chunk);
    } catch (RuntimeException e) {
      fail(new HTTPConnectionError("Invalid gzip response body: " + describe(e), e));
      return;
    }
    deliver(bytes);
  }

  private void deliver(byte[] bytes) {
    if (bytes.length == 0) {
      return;
    }
    received += bytes.length;
    if (received > request.maxBodySize()) {
      fail(tooLarge());
      return;
    }
    if (request.streamingCallback() != null) {
      try {
        request.streamingCallback().accept(bytes);
      } catch (RuntimeException e) {
        fail(new HTTPClientError("streamingCallback failed: " + e, e));
      }
    } else {
      body.writeBytes(bytes);
    }
  }

  private void finish() {
    if (inflater != null) {
      GzipInflater last = inflater;
      inflater = null;
      byte[] tail;
      try {
        tail = last.finish();
      } catch (RuntimeException e) {
        fail(new HTTPConnectionError("Invalid gzip response body: " + describe(e), e));
        return;
      }
      deliver(tail);
      if (done) {
        return;
      }
    }
    done = true;
    try {
      stopTimers();
      Connection c = connection;
      c.detach();
      if (keepAlive && c.isUsable()) {
        client.recycle(c);
      } else {
        c.close();
      }
      client.release(this);
    } finally {
      listener.onResponse(this, code, reason, headers, body.toByteArray());
    }
  }

  private void fail(HTTPClientError error) {
    if (done) {
      return;
    }
    done = true;
    try {
      stopTimers();
      if (inflater != null) {
        inflater.close();
        inflater = null;
      }
      if (connection != null) {
        connection.detach();
        connection.close();
      }
      if (started) {
        client.release(this);
      }
    } finally {
      listener.onFailure(this, error); // whatever happened above, the fetch must end
    }
  }

  private HTTPClientError tooLarge() {
    return new HTTPClientError(
        "Response body is larger than maxBodySize (" + request.maxBodySize() + " bytes)", null);
  }

  private void stopTimers() {
    cancel(queueTimer);
    cancel(connectTimer);
    cancel(requestTimer);
  }

  private static void cancel(Timeout timer) {
    if (timer != null) {
      timer.cancel();
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String describe(Throwable t) {
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }
}

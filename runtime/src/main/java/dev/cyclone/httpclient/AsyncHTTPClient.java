package dev.cyclone.httpclient;

import dev.cyclone.ioloop.ExceptionContext;
import dev.cyclone.ioloop.IOLoop;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A non-blocking HTTP/1.1 client on Netty: Tornado's {@code AsyncHTTPClient}.
 *
 * <pre>{@code
 * AsyncHTTPClient client = new AsyncHTTPClient();
 * HTTPResponse response = await(client.fetch("https://example.com/"));   // in a @Coroutine
 * client.fetch(HTTPRequest.of(url), r -> log.info("{} bytes", r.body().length));  // callback style
 * }</pre>
 *
 * <p>Threads: a fetch belongs to the caller's loop ({@link IOLoop#current()} at the call). Its
 * connection is a channel of that loop's Netty event loop, and its future completes (its callback
 * runs) on that loop's thread, so the code that continues from it needs no locks. Called off any
 * loop, the fetch runs on the default loop. One client may be shared by all loops: each loop gets
 * its own connection pool and its own {@code maxClients} slots, as each Tornado IOLoop gets its own
 * client.
 *
 * <p>Connections are kept alive and pooled per host, port and TLS setting; a pooled connection is
 * checked before reuse and dropped after the idle timeout. {@link #close()} closes them all.
 */
public final class AsyncHTTPClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AsyncHTTPClient.class);

  private final HTTPClientOptions options;
  private final ConcurrentHashMap<IOLoop, LoopClient> perLoop = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** A client with {@link HTTPClientOptions#defaults()}. */
  public AsyncHTTPClient() {
    this(HTTPClientOptions.defaults());
  }

  /** A client with the given options. */
  public AsyncHTTPClient(HTTPClientOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Fetches {@code url} with a GET and every default; as {@link #fetch(HTTPRequest)}.
   *
   * @throws IllegalArgumentException tagged {@code [RequestUrl]} when {@code url} is not an absolute
   *     http or https URL
   */
  public CompletableFuture<HTTPResponse> fetch(String url) {
    return fetch(HTTPRequest.of(url));
  }

  /**
   * Starts fetching {@code request} and returns its future, completed on the caller's loop with the
   * response, or failed with an {@link HTTPClientError}: a non-2xx response (unless {@code
   * raiseError(false)}), an {@link HTTPTimeoutError}, or an {@link HTTPConnectionError}. Cancelling
   * the future aborts the fetch. Thread-safe.
   *
   * @throws IllegalStateException tagged {@code [ClientClosed]} after {@link #close()}
   * @throws IllegalArgumentException tagged {@code [RequestUrl]} for a {@code ws://} or {@code
   *     wss://} URL
   */
  public CompletableFuture<HTTPResponse> fetch(HTTPRequest request) {
    Objects.requireNonNull(request, "request");
    checkOpen();
    String scheme = request.uri().getScheme().toLowerCase(java.util.Locale.ROOT);
    if (scheme.equals("ws") || scheme.equals("wss")) {
      throw new IllegalArgumentException(
          "[RequestUrl] " + request.url() + " is a WebSocket URL: open it with WebSocketClient.connect");
    }
    IOLoop loop = IOLoop.current();
    CompletableFuture<HTTPResponse> result = new CompletableFuture<>();
    if (loop.inLoop()) {
      start(loop, request, result);
    } else {
      loop.addCallback(() -> start(loop, request, result));
    }
    return result;
  }

  /** Starts a fetch on its loop; a client closed meanwhile fails it instead. */
  private void start(IOLoop loop, HTTPRequest request, CompletableFuture<HTTPResponse> result) {
    LoopClient client = loopClient(loop);
    if (closed) {
      client.close(); // in case close() ran before this loop's part of the client existed
    }
    client.fetch(request, result);
  }

  /** Fetches {@code url} and calls back; as {@link #fetch(HTTPRequest, Consumer)}. */
  public void fetch(String url, Consumer<HTTPResponse> callback) {
    fetch(HTTPRequest.of(url), callback);
  }

  /**
   * Fetches {@code request} and calls {@code callback} once on the caller's loop with the response,
   * Tornado's callback style: it never fails, and a failure arrives as a response whose {@link
   * HTTPResponse#error()} is set (code 599 with no headers or body when no response came). An
   * exception thrown by the callback goes to the request handler that called fetch (its {@link
   * ExceptionContext}: answered 500 through its {@code writeError}), and is logged when there is
   * none. Thread-safe.
   *
   * @throws IllegalStateException tagged {@code [ClientClosed]} after {@link #close()}
   */
  public void fetch(HTTPRequest request, Consumer<HTTPResponse> callback) {
    Objects.requireNonNull(callback, "callback");
    // A request handler's callback: its exception goes to that handler (see ExceptionContext).
    Consumer<HTTPResponse> bound = ExceptionContext.wrap(callback);
    long start = System.nanoTime();
    fetch(request)
        .whenComplete(
            (response, failure) -> {
              HTTPResponse r = response;
              if (r == null) {
                r = asResponse(request, failure, Duration.ofNanos(System.nanoTime() - start));
              }
              try {
                bound.accept(r);
              } catch (Throwable t) {
                log.error("Exception in fetch callback for {}", request, t);
              }
            });
  }

  /**
   * Closes every pooled connection and fails every fetch still waiting or running with an {@link
   * HTTPClientError}. Later fetches fail with {@code [ClientClosed]}. Thread-safe; the work runs on
   * each loop (at once when called on one).
   */
  @Override
  public void close() {
    closed = true;
    for (LoopClient client : perLoop.values()) {
      if (client.loop().inLoop()) {
        client.close();
      } else if (!client.loop().eventLoop().isShuttingDown()) {
        client.loop().addCallback(client::close);
      }
      // a loop already shut down has closed its channels, and this client's with them
    }
    perLoop.clear();
  }

  /** The number of idle pooled connections on the caller's loop (for tests). */
  int idleConnections() {
    LoopClient client = perLoop.get(IOLoop.current());
    return client == null ? 0 : client.idleCount();
  }

  private LoopClient loopClient(IOLoop loop) {
    return perLoop.computeIfAbsent(loop, l -> new LoopClient(l, options));
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(
          "[ClientClosed] fetch() on an AsyncHTTPClient that was closed; create a new client");
    }
  }

  private static HTTPResponse asResponse(HTTPRequest request, Throwable failure, Duration time) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof HTTPClientError) {
      HTTPClientError error = (HTTPClientError) cause;
      return error.response().orElseGet(() -> HTTPResponse.failed(request, error, time));
    }
    return HTTPResponse.failed(request, new HTTPClientError(String.valueOf(cause), cause), time);
  }
}

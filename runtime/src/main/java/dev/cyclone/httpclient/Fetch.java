package dev.cyclone.httpclient;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLException;

/**
 * One call to {@code fetch}: its exchanges (one per redirect followed), and the future the caller
 * holds, completed on the caller's loop. Cancelling that future aborts the exchange in progress.
 */
final class Fetch implements Exchange.Listener {
  private final LoopClient client;
  private final HTTPRequest original;
  private final CompletableFuture<HTTPResponse> result;
  private final long startNanos = System.nanoTime();
  private Exchange current;

  Fetch(LoopClient client, HTTPRequest original, CompletableFuture<HTTPResponse> result) {
    this.client = client;
    this.original = original;
    this.result = result;
  }

  /** Starts the first exchange. Called on the client's loop. */
  void start() {
    result.whenComplete(
        (v, t) -> {
          if (result.isCancelled()) {
            if (client.loop().inLoop()) {
              abort();
            } else {
              client.loop().addCallback(this::abort);
            }
          }
        });
    hop(original);
  }

  private void abort() {
    if (current != null) {
      current.abort(new HTTPClientError("fetch was cancelled", null));
    }
  }

  private void hop(HTTPRequest request) {
    SslContext tls = null;
    if (request.uri().getScheme().equalsIgnoreCase("https")) {
      try {
        tls = TlsContexts.forRequest(request);
      } catch (SSLException e) {
        result.completeExceptionally(new HTTPConnectionError("Cannot set up TLS: " + e.getMessage(), e));
        return;
      }
    }
    current = new Exchange(client, request, tls, this);
    client.submit(current);
  }

  @Override
  public void onResponse(
      Exchange exchange, int code, String reason, HttpHeaders headers, byte[] body) {
    if (result.isDone()) {
      return;
    }
    HTTPRequest request = exchange.request();
    if (Redirects.shouldFollow(request, code, headers)) {
      HTTPRequest next;
      try {
        next = Redirects.next(request, code, headers);
      } catch (HTTPClientError e) {
        result.completeExceptionally(e);
        return;
      }
      hop(next);
      return;
    }
    HTTPResponse response =
        new HTTPResponse(original, code, reason, headers, body, request.url(), elapsed());
    if (original.raiseError() && response.error().isPresent()) {
      result.completeExceptionally(response.error().get());
    } else {
      result.complete(response);
    }
  }

  @Override
  public void onFailure(Exchange exchange, HTTPClientError error) {
    result.completeExceptionally(error);
  }

  private Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}

package dev.cyclone.example;

import static dev.cyclone.concurrent.Coroutines.await;

import dev.cyclone.annotations.Coroutine;
import dev.cyclone.gen.Gen;
import dev.cyclone.httpclient.AsyncHTTPClient;
import dev.cyclone.httpclient.HTTPClientError;
import dev.cyclone.httpclient.HTTPResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /aggregate?url=A&url=B...&timeout_ms=T}: fetches every URL at once and answers, in
 * request order, {@code {"url":...,"status":...,"bytes":...}} or {@code {"url":...,"error":...}}.
 *
 * <pre>
 * async def get(self):
 *     fetches = [gen.with_timeout(timedelta(milliseconds=t), client.fetch(u)) for u in urls]
 *     results = []
 *     for url, fetch in zip(urls, fetches):
 *         try:
 *             response = await fetch
 *             results.append({"url": url, "status": response.code, "bytes": len(response.body)})
 *         except (gen.TimeoutError, HTTPClientError) as e:
 *             results.append({"url": url, "error": str(e)})
 * </pre>
 *
 * <p>All fetches run concurrently, so the whole request takes as long as the slowest URL, at most
 * T ms (default 5000). At most 20 URLs, each http(s); T in 1..60000; else 400.
 */
public class AggregateHandler extends ApiHandler {
  static final int MAX_URLS = 20;
  static final int DEFAULT_TIMEOUT_MS = 5000;

  /** One URL's outcome when a response came. */
  public record Fetched(String url, int status, int bytes) {}

  /** One URL's outcome when the fetch failed or timed out. */
  public record Failed(String url, String error) {}

  AsyncHTTPClient client;

  /** {@code def initialize(self, client)}: the application's shared client. */
  @Override
  protected void initialize(Map<String, Object> args) {
    client = (AsyncHTTPClient) args.get("client");
  }

  /** Starts every fetch, then awaits each in request order; a failure is caught per URL. */
  @Coroutine
  public void get() {
    List<String> urls = getArguments("url");
    if (urls.isEmpty() || urls.size() > MAX_URLS) {
      throw new ApiError(400, "give 1 to " + MAX_URLS + " url arguments, got " + urls.size());
    }
    for (String url : urls) {
      checkHttpUrl(url);
    }
    int timeoutMs = parseTimeout(getArgument("timeout_ms", String.valueOf(DEFAULT_TIMEOUT_MS)));
    Duration timeout = Duration.ofMillis(timeoutMs);

    // Start them all before the first await: they run at the same time.
    List<CompletableFuture<HTTPResponse>> fetches = new ArrayList<>();
    List<CompletableFuture<HTTPResponse>> timed = new ArrayList<>();
    for (String url : urls) {
      CompletableFuture<HTTPResponse> fetch = client.fetch(url);
      fetches.add(fetch);
      timed.add(Gen.withTimeout(timeout, fetch)); // every deadline is T from now
    }
    List<Record> results = new ArrayList<>();
    try {
      for (int i = 0; i < urls.size(); i++) {
        String url = urls.get(i);
        try {
          // The Class argument lets Java accept the catch of the checked TimeoutException below.
          HTTPResponse response = await(timed.get(i), TimeoutException.class);
          results.add(new Fetched(url, response.code(), response.body().length));
        } catch (TimeoutException e) {
          results.add(new Failed(url, "timeout after " + timeoutMs + " ms"));
        } catch (HTTPClientError e) {
          results.add(new Failed(url, e.getMessage()));
        }
      }
    } finally {
      // withTimeout leaves a late fetch running (as Tornado's with_timeout): stop it. This also
      // runs when the client goes away and Cyclone cancels this coroutine at its await.
      for (CompletableFuture<HTTPResponse> fetch : fetches) {
        fetch.cancel(true);
      }
    }
    writeJsonList(results);
  }

  /** {@code value} as a timeout in 1..60000 ms, or an {@link ApiError} 400. */
  static int parseTimeout(String value) {
    try {
      int ms = Integer.parseInt(value);
      if (ms >= 1 && ms <= 60_000) {
        return ms;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ApiError(400, "timeout_ms must be a whole number of milliseconds in 1..60000, got " + value);
  }
}

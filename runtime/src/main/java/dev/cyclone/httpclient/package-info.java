/**
 * A non-blocking HTTP client: Tornado's {@code tornado.httpclient}.
 *
 * <pre>{@code
 * AsyncHTTPClient client = new AsyncHTTPClient();
 * client.fetch("http://example.com/").thenAccept(r -> System.out.println(r.bodyText()));
 * }</pre>
 *
 * <p>{@link dev.cyclone.httpclient.AsyncHTTPClient} fetches {@link
 * dev.cyclone.httpclient.HTTPRequest}s into {@link dev.cyclone.httpclient.HTTPResponse}s; failures
 * are {@link dev.cyclone.httpclient.HTTPClientError}s ({@link
 * dev.cyclone.httpclient.HTTPTimeoutError} and {@link dev.cyclone.httpclient.HTTPConnectionError}
 * for the two kinds without a response).
 *
 * <p>Threads: a fetch runs on the caller's loop and completes there. Inside, one fetch is a {@code
 * Fetch} (redirects) made of {@code Exchange}s (one request and response each) run by the loop's
 * {@code LoopClient} (slots, queue, pool) on {@code Connection}s (Netty channels of that loop).
 */
package dev.cyclone.httpclient;

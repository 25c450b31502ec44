package dev.cyclone.example;

import dev.cyclone.annotations.Asynchronous;
import dev.cyclone.httpclient.AsyncHTTPClient;
import dev.cyclone.httpclient.HTTPClientError;
import dev.cyclone.httpclient.HTTPResponse;
import java.util.Map;

/**
 * {@code GET /callback?url=U}: the seed's callback example, an {@code @Asynchronous} handler.
 *
 * <pre>
 * class Handler(tornado.web.RequestHandler):
 *     &#64;tornado.web.asynchronous
 *     def get(self):
 *         http_client = AsyncHTTPClient()
 *         http_client.fetch(url, callback=self.on_callback)
 *
 *     def on_callback(self, response):
 *         self.write("In callback method")
 *         self.finish()
 * </pre>
 *
 * <p>Answers 200 {@code {"style":"callback","status":S,"bytes":N}}; 502 {@code {"error":...}} when
 * the fetch fails (no response, or a non-2xx one); 400 without an http(s) {@code url}.
 */
public class CallbackHandler extends ApiHandler {
  /** What the callback answers. A record is written as a JSON object, in component order. */
  public record Fetched(String style, int status, int bytes) {}

  private AsyncHTTPClient client;

  /** {@code def initialize(self, client)}: the application's shared client. */
  @Override
  protected void initialize(Map<String, Object> args) {
    client = (AsyncHTTPClient) args.get("client");
  }

  /**
   * Starts the fetch and returns at once: {@code @Asynchronous} keeps the request open until
   * {@link #onCallback} calls {@code finish()}.
   */
  @Asynchronous
  public void get() {
    String url = checkHttpUrl(getArgument("url", null));
    client.fetch(url, this::onCallback); // http_client.fetch(url, callback=self.on_callback)
  }

  /**
   * {@code def on_callback(self, response)}: called once, later, on this request's loop. In the
   * callback style a failed fetch arrives as a response whose {@code error()} is set.
   */
  void onCallback(HTTPResponse response) {
    if (response.error().isPresent()) {
      HTTPClientError error = response.error().get();
      sendError(502, new ApiError(502, error.getMessage())); // sendError finishes the request
      return;
    }
    write(new Fetched("callback", response.code(), response.body().length));
    finish(); // self.finish()
  }
}

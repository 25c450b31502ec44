package dev.cyclone.example;

import static dev.cyclone.concurrent.Coroutines.await;

import dev.cyclone.annotations.Coroutine;
import dev.cyclone.httpclient.AsyncHTTPClient;
import dev.cyclone.httpclient.HTTPClientError;
import dev.cyclone.httpclient.HTTPResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /coroutine?url=U}: the seed's {@code fetch_image} example, a {@code @Coroutine}
 * handler that proxies an image.
 *
 * <pre>
 * async def fetch_image(img_url):
 *     http_client = AsyncHTTPClient()
 *     response = await http_client.fetch(img_url)
 *     return response.body
 * </pre>
 *
 * <p>Answers the upstream body with its {@code Content-Type}; 502 {@code {"error":...}} when the
 * fetch fails (no response, or a non-2xx one); 400 without an http(s) {@code url}.
 *
 * <p>The processor generates {@code CoroutineHandler_Coroutines}, which overrides both methods
 * with state machines, and {@code CoroutineHandler_Dispatcher}, through which the application
 * creates the handler. Fields the coroutines use are not {@code private}: the state machines live
 * in that generated subclass.
 */
public class CoroutineHandler extends ApiHandler {
  /** The image: its bytes and their Content-Type. */
  public record Image(String contentType, byte[] body) {}

  AsyncHTTPClient client;

  /** {@code def initialize(self, client)}: the application's shared client. */
  @Override
  protected void initialize(Map<String, Object> args) {
    client = (AsyncHTTPClient) args.get("client");
  }

  /**
   * {@code async def get(self)}: suspends at each await; the request is finished when the body
   * ends (a void coroutine verb; the generated dispatcher gets its future).
   */
  @Coroutine
  public void get() {
    String url = checkHttpUrl(getArgument("url", null));
    Image image;
    try {
      image = await(fetchImage(url)); // image = await fetch_image(url)
    } catch (HTTPClientError e) { // a failed fetch is thrown at the await, as in Tornado
      throw new ApiError(502, e.getMessage());
    }
    setHeader("Content-Type", image.contentType());
    write(image.body());
  }

  /** The seed's {@code fetch_image}: a coroutine helper, awaited by {@link #get()}. */
  @Coroutine
  CompletableFuture<Image> fetchImage(String imgUrl) {
    HTTPResponse response = await(client.fetch(imgUrl)); // response = await http_client.fetch(img_url)
    String type = response.headers().get("Content-Type");
    return CompletableFuture.completedFuture( // return response.body
        new Image(type != null ? type : "application/octet-stream", response.body()));
  }
}

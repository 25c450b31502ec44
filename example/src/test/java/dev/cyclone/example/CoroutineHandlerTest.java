package dev.cyclone.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.httpclient.AsyncHTTPClient;
import dev.cyclone.httpclient.HTTPClientError;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code GET /coroutine?url=U}: the @Coroutine image proxy and its fetchImage helper. */
class CoroutineHandlerTest extends ExampleTestCase {
  @Test
  void proxiesBodyAndContentType() {
    HttpResponse<byte[]> r = fetchBytes("/coroutine?url=" + q(upstream.urlOf("/image")));
    assertEquals(200, r.statusCode());
    assertEquals("image/gif", contentType(r));
    assertArrayEquals(Upstream.IMAGE, r.body());
  }

  @Test
  void proxiesTheExampleLogoThroughStatic() {
    HttpResponse<byte[]> r = fetchBytes("/coroutine?url=" + q(getUrl("/static/logo.png")));
    assertEquals(200, r.statusCode());
    assertEquals("image/png", contentType(r));
    assertArrayEquals(staticFile("logo.png"), r.body());
  }

  @Test
  void upstreamErrorStatusIsA502() {
    HttpResponse<String> r = fetch("/coroutine?url=" + q(upstream.urlOf("/status/500")));
    assertEquals(502, r.statusCode());
    assertEquals("application/json; charset=UTF-8", contentType(r));
    assertEquals("HTTP 500: Internal Server Error", json(r).get("error").asText());
  }

  @Test
  void unreachableUpstreamIsA502() {
    HttpResponse<String> r = fetch("/coroutine?url=" + q(Upstream.closedPortUrl()));
    assertEquals(502, r.statusCode());
    assertTrue(json(r).get("error").asText().contains("Cannot connect"), r.body());
  }

  @Test
  void missingOrNonHttpUrlIsA400() {
    assertEquals(400, fetch("/coroutine").statusCode());
    HttpResponse<String> r = fetch("/coroutine?url=" + q("file:///etc/passwd"));
    assertEquals(400, r.statusCode());
    assertTrue(json(r).get("error").asText().startsWith("url must be"), r.body());
  }

  /** The helper is an ordinary coroutine: any code on a loop can await or wait for it. */
  @Test
  void fetchImageWorksOutsideARequest() {
    CoroutineHandler handler = new CoroutineHandler_Coroutines();
    try (AsyncHTTPClient client = new AsyncHTTPClient()) {
      handler.client = client;
      CoroutineHandler.Image image = runSync(() -> handler.fetchImage(upstream.urlOf("/image")));
      assertEquals("image/gif", image.contentType());
      assertArrayEquals(Upstream.IMAGE, image.body());
      assertThrows(HTTPClientError.class, () -> runSync(() -> handler.fetchImage(upstream.urlOf("/status/403"))));
    }
  }
}

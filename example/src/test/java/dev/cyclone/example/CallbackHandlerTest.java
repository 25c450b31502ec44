package dev.cyclone.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code GET /callback?url=U}: the @Asynchronous handler. */
class CallbackHandlerTest extends ExampleTestCase {
  @Test
  void reportsStatusAndSizeOfTheUpstreamResponse() {
    HttpResponse<String> r = fetch("/callback?url=" + q(upstream.urlOf("/image")));
    assertEquals(200, r.statusCode());
    assertEquals("application/json; charset=UTF-8", contentType(r));
    assertEquals(
        "{\"style\":\"callback\",\"status\":200,\"bytes\":" + Upstream.IMAGE.length + "}", r.body());
  }

  @Test
  void fetchesTheExampleItselfThroughStatic() {
    HttpResponse<String> r = fetch("/callback?url=" + q(getUrl("/static/logo.png")));
    assertEquals(200, r.statusCode());
    JsonNode body = json(r);
    assertEquals(200, body.get("status").asInt());
    assertEquals(staticFile("logo.png").length, body.get("bytes").asInt());
  }

  @Test
  void upstreamErrorStatusIsA502() {
    HttpResponse<String> r = fetch("/callback?url=" + q(upstream.urlOf("/status/404")));
    assertEquals(502, r.statusCode());
    assertEquals("HTTP 404: Not Found", json(r).get("error").asText());
  }

  @Test
  void unreachableUpstreamIsA502() {
    HttpResponse<String> r = fetch("/callback?url=" + q(Upstream.closedPortUrl()));
    assertEquals(502, r.statusCode());
    assertTrue(json(r).get("error").asText().contains("Cannot connect"), r.body());
  }

  @Test
  void missingUrlIsA400() {
    HttpResponse<String> r = fetch("/callback");
    assertEquals(400, r.statusCode());
    assertEquals("missing argument url", json(r).get("error").asText());
  }

  @Test
  void nonHttpUrlIsA400() {
    assertEquals(400, fetch("/callback?url=" + q("ftp://127.0.0.1/x")).statusCode());
    assertEquals(400, fetch("/callback?url=" + q("/static/logo.png")).statusCode());
    assertEquals(400, fetch("/callback?url=" + q("http://")).statusCode());
  }
}

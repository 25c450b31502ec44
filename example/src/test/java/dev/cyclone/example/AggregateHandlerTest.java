package dev.cyclone.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code GET /aggregate?url=...&timeout_ms=T}: concurrent fetches, answered in request order. */
class AggregateHandlerTest extends ExampleTestCase {
  private HttpResponse<String> aggregate(List<String> urls, String extra) {
    StringBuilder path = new StringBuilder("/aggregate?");
    for (String url : urls) {
      path.append("url=").append(q(url)).append('&');
    }
    return fetch(path + extra);
  }

  @Test
  void answersEveryUrlInRequestOrder() {
    String closed = Upstream.closedPortUrl();
    List<String> urls =
        List.of(
            upstream.urlOf("/image"),
            upstream.urlOf("/status/404"),
            closed,
            getUrl("/static/logo.png"),
            upstream.urlOf("/status/204"));
    HttpResponse<String> r = aggregate(urls, "");
    assertEquals(200, r.statusCode());
    assertEquals("application/json; charset=UTF-8", contentType(r));
    JsonNode list = json(r);
    assertEquals(urls.size(), list.size());
    for (int i = 0; i < urls.size(); i++) {
      assertEquals(urls.get(i), list.get(i).get("url").asText());
    }
    assertEquals(200, list.get(0).get("status").asInt());
    assertEquals(Upstream.IMAGE.length, list.get(0).get("bytes").asInt());
    assertEquals("HTTP 404: Not Found", list.get(1).get("error").asText());
    assertFalse(list.get(1).has("status"));
    assertTrue(list.get(2).get("error").asText().contains("Cannot connect"), r.body());
    assertEquals(staticFile("logo.png").length, list.get(3).get("bytes").asInt());
    assertEquals(204, list.get(4).get("status").asInt());
    assertEquals(0, list.get(4).get("bytes").asInt());
  }

  /** The upstream answers only while all three requests wait there at once. */
  @Test
  void fetchesRunConcurrently() {
    String barrier = upstream.urlOf("/barrier?n=3");
    JsonNode list = json(aggregate(List.of(barrier, barrier, barrier), ""));
    for (JsonNode entry : list) {
      assertEquals(200, entry.path("status").asInt(), list.toString());
    }
  }

  @Test
  void aSlowUrlTimesOutAloneAndItsFetchIsCancelled() throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> r =
        aggregate(List.of(upstream.urlOf("/slow?ms=4000"), upstream.urlOf("/image")), "timeout_ms=300");
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    JsonNode list = json(r);
    assertEquals("timeout after 300 ms", list.get(0).get("error").asText());
    assertEquals(200, list.get(1).get("status").asInt());
    assertTrue(elapsedMs < 3000, "answered after " + elapsedMs + " ms");
    // The finally block cancelled the late fetch, which closed its connection upstream.
    assertTrue(upstream.slowClosed.await(3, TimeUnit.SECONDS), "the slow fetch was left running");
  }

  @Test
  void badArgumentsAreA400() {
    assertEquals(400, fetch("/aggregate").statusCode());
    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      tooMany.add(upstream.urlOf("/image"));
    }
    HttpResponse<String> r = aggregate(tooMany, "");
    assertEquals(400, r.statusCode());
    assertEquals("give 1 to 20 url arguments, got 21", json(r).get("error").asText());
    assertEquals(200, aggregate(tooMany.subList(0, 20), "").statusCode());
    assertEquals(400, aggregate(List.of(upstream.urlOf("/image"), "mailto:a@b"), "").statusCode());
    for (String t : List.of("0", "-5", "x", "60001")) {
      assertEquals(400, aggregate(List.of(upstream.urlOf("/image")), "timeout_ms=" + t).statusCode(), t);
    }
  }
}

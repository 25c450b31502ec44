package dev.cyclone.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code POST /echo}: the body back with the request's Content-Type. */
class EchoHandlerTest extends ExampleTestCase {
  private HttpResponse<byte[]> post(byte[] body, String contentType) throws IOException, InterruptedException {
    HttpRequest.Builder request = request("/echo").POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return httpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void echoesTextWithItsContentType() throws Exception {
    HttpResponse<byte[]> r = post("{\"hello\":\"cyclone\"}".getBytes(), "application/json");
    assertEquals(200, r.statusCode());
    assertEquals("application/json", contentType(r));
    assertEquals("{\"hello\":\"cyclone\"}", new String(r.body()));
  }

  @Test
  void echoesBinaryAndFormBodiesUnchanged() throws Exception {
    assertArrayEquals(Upstream.IMAGE, post(Upstream.IMAGE, "image/gif").body());
    HttpResponse<byte[]> form = post("a=1&b=%20".getBytes(), "application/x-www-form-urlencoded");
    assertEquals("application/x-www-form-urlencoded", contentType(form));
    assertEquals("a=1&b=%20", new String(form.body()));
  }

  @Test
  void withoutContentTypeAnswersOctetStream() throws Exception {
    HttpResponse<byte[]> r = post(new byte[] {1, 2, 3}, null);
    assertEquals("application/octet-stream", contentType(r));
    assertArrayEquals(new byte[] {1, 2, 3}, r.body());
  }

  @Test
  void getIsNotAllowed() {
    HttpResponse<String> r = fetch("/echo");
    assertEquals(405, r.statusCode());
    assertEquals("POST", r.headers().firstValue("Allow").orElse(""));
  }
}

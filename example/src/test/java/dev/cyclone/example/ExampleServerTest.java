package dev.cyclone.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.Application;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The example's application served in-process on a free port, as its users would test theirs. */
class ExampleServerTest extends AsyncHTTPTestCase {
  @Override
  protected Application getApp() {
    return ExampleServer.makeApp();
  }

  @Test
  void helloWorld() {
    HttpResponse<String> r = fetch("/");
    assertEquals(200, r.statusCode());
    assertEquals("text/plain; charset=UTF-8", r.headers().firstValue("Content-Type").get());
    assertEquals("Hello, world", r.body());
  }

  @Test
  void startListensOnTheGivenAddress() throws Exception {
    var server = ExampleServer.start(0, "127.0.0.1");
    try {
      HttpResponse<String> r =
          httpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create("http://127.0.0.1:" + server.port() + "/"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals("Hello, world", r.body());
    } finally {
      server.stop();
    }
  }
}

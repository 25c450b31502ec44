package dev.cyclone.web;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cyclone.testing.AsyncHTTPTestCase;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedirectHandlerTest extends AsyncHTTPTestCase {
  @Override
  protected Application getApp() {
    return new Application(
        List.of(
            url("/old/(.*)", RedirectHandler.class, Map.of("url", "/new/{0}")),
            url("/temp", RedirectHandler.class, Map.of("url", "/there", "permanent", false)),
            url("/gone", ErrorHandler.class, Map.of("status", 410))));
  }

  @Test
  void redirectsPermanentlyWithPathArgumentsAndQuery() {
    HttpResponse<String> r = fetch("/old/page?x=1");
    assertEquals(301, r.statusCode());
    assertEquals("/new/page?x=1", r.headers().firstValue("Location").get());
  }

  @Test
  void temporaryRedirect() {
    HttpResponse<String> r = fetch("/temp");
    assertEquals(302, r.statusCode());
    assertEquals("/there", r.headers().firstValue("Location").get());
  }

  @Test
  void errorHandlerAnswersItsStatus() {
    assertEquals(410, fetch("/gone").statusCode());
    assertEquals(410, fetch("/gone", "POST", "x").statusCode());
  }
}

package dev.cyclone.httpserver;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.AppSettings;
import dev.cyclone.web.Application;
import dev.cyclone.web.RequestHandler;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A log function (Tornado's {@code log_function}) sees every response, on its loop. */
class AccessLoggerTest extends AsyncHTTPTestCase {
  static final LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();

  public static class Hello extends RequestHandler {
    public void get() {
      write("hello");
    }
  }

  @Override
  protected Application getApp() {
    return new Application(
        List.of(url("/hello", Hello.class)),
        AppSettings.builder()
            .logFunction(r -> seen.add(Thread.currentThread().getName() + " " + r.status() + " " + r.method()
                + " " + r.uri() + " " + r.remoteIp() + " " + (r.endNanos() >= r.startNanos())))
            .build());
  }

  @Test
  void everyResponseIsReportedOnItsLoopRefusalsIncluded() throws Exception {
    seen.clear();
    assertEquals(200, fetch("/hello?x=1").statusCode());
    assertTrue(seen.poll(5, TimeUnit.SECONDS).matches("cyclone-http-\\d+-\\d+ 200 GET /hello\\?x=1 127\\.0\\.0\\.1 true"));
    assertEquals(404, fetch("/nowhere").statusCode());
    assertTrue(seen.poll(5, TimeUnit.SECONDS).contains(" 404 GET /nowhere "));
    try (RawConnection c = new RawConnection(getHttpPort())) {
      c.send("GET /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n");
      assertEquals(400, c.read().status());
    }
    assertTrue(seen.poll(5, TimeUnit.SECONDS).contains(" 400 GET /hello "), "a request the server refused itself");
  }

  @Test
  void theLineIsTornados() {
    AccessRecord r = new AccessRecord(201, "POST", "/items?a=1", "10.0.0.1", 1_000_000, 3_345_678);
    assertEquals("201 POST /items?a=1 (10.0.0.1) 2.35ms", r.line());
    assertEquals("200 GET / (::1) 0.05ms", new AccessRecord(200, "GET", "/", "::1", 0, 50_000).line());
    assertEquals("200 GET / (::1) 12.00ms", new AccessRecord(200, "GET", "/", "::1", 0, 11_999_999).line());
    assertEquals("504 GET /slow (::1) 61000.07ms",
        new AccessRecord(504, "GET", "/slow", "::1", 5, 61_000_070_005L).line());
    assertEquals("200 GET /caf\u00e9/\u65e5 (::1) 0.00ms",
        new AccessRecord(200, "GET", "/caf\u00e9/\u65e5", "::1", 7, 7).line(), "any text, not only Latin-1");
  }

  @Test
  void offAndTheDefault() {
    assertEquals(AccessLogger.slf4j(), HTTPServerOptions.defaults().accessLog());
    assertEquals(AccessLogger.OFF, AppSettings.builder().logFunction(AccessLogger.OFF).build().serverOptions().accessLog());
  }
}

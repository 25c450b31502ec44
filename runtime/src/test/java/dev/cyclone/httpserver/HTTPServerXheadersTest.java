package dev.cyclone.httpserver;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.Application;
import dev.cyclone.web.RequestHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Server options that change what a handler sees: xheaders and decompressRequest. */
class HTTPServerXheadersTest extends AsyncHTTPTestCase {

  public static class WhoHandler extends RequestHandler {
    public void get() {
      write(request().remoteIp() + " " + request().protocol());
    }

    public void post() {
      write(new String(request().body(), java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @Override
  protected HTTPServerOptions getHTTPServerOptions() {
    return HTTPServerOptions.builder().threads(1).xheaders(true).decompressRequest(true).build();
  }

  @Override
  protected Application getApp() {
    return new Application(List.of(url("/", WhoHandler.class)));
  }

  @Test
  void proxyHeadersSetRemoteIpAndProtocol() {
    assertEquals("127.0.0.1 http", fetch("/").body());
    assertEquals(
        "203.0.113.9 https",
        fetch(request("/").header("X-Real-IP", "203.0.113.9").header("X-Forwarded-Proto", "https")).body());
  }

  @Test
  void gzipRequestBodyIsDecompressed() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write("compressed hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    assertEquals(
        "compressed hello",
        fetch(request("/").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray())))
            .body());
  }
}

package dev.cyclone.testing;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.httpclient.AsyncHTTPClient;
import dev.cyclone.httpclient.HTTPRequest;
import dev.cyclone.web.Application;
import dev.cyclone.web.RequestHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The HTTPS test kit: https URLs, a fetch that trusts the test certificate, and only it. */
class AsyncHTTPSTestCaseTest extends AsyncHTTPSTestCase {
  public static class ProtocolHandler extends RequestHandler {
    public void get() {
      write(request().protocol());
    }
  }

  @Override
  protected Application getApp() {
    return new Application(List.of(url("/protocol", ProtocolHandler.class)));
  }

  @Test
  void getUrlIsHttpsAndFetchTrustsTheTestCertificate() {
    assertTrue(getUrl("/protocol").startsWith("https://127.0.0.1:" + getHttpPort() + "/"));
    HttpResponse<String> response = fetch("/protocol");
    assertEquals(200, response.statusCode());
    assertEquals("https", response.body());
    assertEquals(404, fetch("/nope").statusCode());
  }

  @Test
  void aClientThatDoesNotTrustItIsRefused() {
    HttpClient plain = HttpClient.newBuilder().build();
    assertThrows(
        SSLHandshakeException.class,
        () ->
            plain.send(
                HttpRequest.newBuilder(URI.create(getUrl("/protocol"))).build(),
                HttpResponse.BodyHandlers.ofString()));
    assertEquals("https", fetch("/protocol").body(), "and the server goes on");
  }

  @Test
  void cyclonesClientTrustsItThroughClientSslContext() throws Exception {
    try (AsyncHTTPClient client = new AsyncHTTPClient()) {
      String body =
          client
              .fetch(HTTPRequest.builder(getUrl("/protocol")).sslContext(clientSslContext()).build())
              .get(10, TimeUnit.SECONDS)
              .bodyText();
      assertEquals("https", body);
    }
  }
}

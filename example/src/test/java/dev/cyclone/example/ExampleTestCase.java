package dev.cyclone.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.Application;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The example's application served in-process on a free port, next to an {@link Upstream} server
 * to fetch from.
 */
abstract class ExampleTestCase extends AsyncHTTPTestCase {
  private static final ObjectMapper JSON = new ObjectMapper();

  Upstream upstream;

  @Override
  protected Application getApp() {
    return ExampleServer.makeApp();
  }

  @BeforeEach
  void startUpstream() {
    upstream = new Upstream();
  }

  @AfterEach
  void stopUpstream() {
    upstream.close();
  }

  /** {@code value} for a query string. */
  static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** GETs {@code path} with the body as bytes. */
  HttpResponse<byte[]> fetchBytes(String path) {
    try {
      return httpClient().send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  static String contentType(HttpResponse<?> response) {
    return response.headers().firstValue("Content-Type").orElse(null);
  }

  /** The bytes of the example's static file {@code name}, as the server serves them. */
  static byte[] staticFile(String name) {
    try (InputStream in = ExampleTestCase.class.getResourceAsStream("/static/" + name)) {
      if (in == null) {
        throw new AssertionError("no static/" + name + " on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

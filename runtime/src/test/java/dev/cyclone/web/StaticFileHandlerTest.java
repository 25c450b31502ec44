package dev.cyclone.web;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.httpserver.RawConnection;
import dev.cyclone.testing.AsyncHTTPTestCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Static files: ETag and 304, ranges (206/416), traversal (403), HEAD, large files in pieces. */
class StaticFileHandlerTest extends AsyncHTTPTestCase {
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz";

  @TempDir Path dir;

  @Override
  protected Application getApp() {
    try {
      Files.writeString(dir.resolve("alphabet.txt"), ALPHABET);
      Files.createDirectories(dir.resolve("sub"));
      Files.writeString(dir.resolve("sub/index.html"), "<p>index</p>");
      Files.write(dir.resolve("big.bin"), new byte[300_000]);
      Files.writeString(dir.getParent().resolve("secret-" + dir.getFileName() + ".txt"), "secret");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Application(
        List.of(
            url("/static/(.*)", StaticFileHandler.class, Map.of("path", dir, "defaultFilename", "index.html"))));
  }

  @Test
  void servesAFileWithValidators() {
    HttpResponse<String> r = fetch("/static/alphabet.txt");
    assertEquals(200, r.statusCode());
    assertEquals(ALPHABET, r.body());
    assertEquals("text/plain", r.headers().firstValue("Content-Type").get());
    assertEquals("26", r.headers().firstValue("Content-Length").get());
    assertEquals("bytes", r.headers().firstValue("Accept-Ranges").get());
    String etag = r.headers().firstValue("Etag").get();
    assertTrue(etag.startsWith("\"") && !etag.startsWith("W/"), "a strong ETag: " + etag);
    assertNotNull(r.headers().firstValue("Last-Modified").orElse(null));
  }

  @Test
  void ifNoneMatchGives304() {
    HttpResponse<String> first = fetch("/static/alphabet.txt");
    String etag = first.headers().firstValue("Etag").get();
    HttpResponse<String> r = fetch(request("/static/alphabet.txt").header("If-None-Match", etag));
    assertEquals(304, r.statusCode());
    assertEquals("", r.body());
    HttpResponse<String> since =
        fetch(request("/static/alphabet.txt")
            .header("If-Modified-Since", first.headers().firstValue("Last-Modified").get()));
    assertEquals(304, since.statusCode());
  }

  @Test
  void rangeGives206() {
    HttpResponse<String> r = fetch(request("/static/alphabet.txt").header("Range", "bytes=0-9"));
    assertEquals(206, r.statusCode());
    assertEquals("abcdefghij", r.body());
    assertEquals("bytes 0-9/26", r.headers().firstValue("Content-Range").get());
    assertEquals("10", r.headers().firstValue("Content-Length").get());
    assertEquals("xyz", fetch(request("/static/alphabet.txt").header("Range", "bytes=-3")).body());
    assertEquals("yz", fetch(request("/static/alphabet.txt").header("Range", "bytes=24-")).body());
    assertEquals(200, fetch(request("/static/alphabet.txt").header("Range", "bytes=0-")).statusCode());
  }

  @Test
  void unsatisfiableRangeGives416() {
    HttpResponse<String> r = fetch(request("/static/alphabet.txt").header("Range", "bytes=26-30"));
    assertEquals(416, r.statusCode());
    assertEquals("bytes */26", r.headers().firstValue("Content-Range").get());
  }

  @Test
  void traversalIsForbidden() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      String secret = "secret-" + dir.getFileName() + ".txt";
      assertEquals(403, c.send("GET /static/../" + secret + " HTTP/1.1\r\nHost: x\r\n\r\n").read().status());
      assertEquals(403, c.send("GET /static/%2e%2e/" + secret + " HTTP/1.1\r\nHost: x\r\n\r\n").read().status());
    }
  }

  @Test
  void missingFileIs404() {
    assertEquals(404, fetch("/static/nope.txt").statusCode());
  }

  @Test
  void directoryServesItsDefaultFileAfterASlashRedirect() {
    HttpResponse<String> r = fetch("/static/sub");
    assertEquals(301, r.statusCode());
    assertEquals("/static/sub/", r.headers().firstValue("Location").get());
    assertEquals("<p>index</p>", fetch("/static/sub/").body());
  }

  @Test
  void headGivesTheLengthAndNoBody() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r = c.send("HEAD /static/alphabet.txt HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
      assertEquals(200, r.status());
      assertEquals("26", r.header("Content-Length"));
      assertEquals(ALPHABET, c.send("GET /static/alphabet.txt HTTP/1.1\r\nHost: x\r\n\r\n").read().body());
    }
  }

  @Test
  void largeFileArrivesWhole() {
    HttpResponse<String> r = fetch("/static/big.bin");
    assertEquals(200, r.statusCode());
    assertEquals(300_000, r.body().length());
  }
}

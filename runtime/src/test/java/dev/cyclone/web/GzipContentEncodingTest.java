package dev.cyclone.web;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.testsupport.LeakWatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link AppSettings#compressResponse}: gzipped for clients that ask, whole and streamed, with
 * {@code Vary}, ETags and 304s right, never for ranges; and {@link RequestHandler#setDefaultHeaders}.
 */
class GzipContentEncodingTest extends AsyncHTTPTestCase {
  static final String TEXT = "Cyclone compresses what is worth compressing. ".repeat(200);
  static Path staticDir;
  /** Completed by the test to let the streaming handler write its second piece. */
  static volatile CompletableFuture<Void> secondPiece = new CompletableFuture<>();

  public static class TextHandler extends RequestHandler {
    public void get(String kind) {
      switch (kind) {
        case "big" -> write(TEXT);
        case "small" -> write("short and plain");
        case "json" -> write(Map.of("text", TEXT));
        case "png" -> {
          setHeader("Content-Type", "image/png");
          write(TEXT);
        }
        case "encoded" -> {
          setHeader("Content-Encoding", "br");
          write(TEXT);
        }
        default -> throw new HTTPError(404);
      }
    }

    @Override
    protected void setDefaultHeaders() {
      setHeader("X-Frame-Options", "DENY");
    }
  }

  public static class StreamHandler extends RequestHandler {
    public CompletionStage<Void> get() {
      setHeader("Content-Type", "text/plain; charset=UTF-8");
      write("first piece|");
      return flush()
          .thenCompose(v -> secondPiece)
          .thenCompose(v -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            request().connection().ioLoop().addCallback(() -> {
              write("second piece");
              finish().whenComplete((x, e) -> done.complete(null));
            });
            return done;
          });
    }
  }

  /** A long streamed body, for a client that leaves halfway. */
  public static class LongStreamHandler extends RequestHandler {
    public CompletionStage<Void> get() {
      setHeader("Content-Type", "text/plain");
      return piece(0);
    }

    private CompletionStage<Void> piece(int i) {
      if (i == 2000) {
        finish();
        return CompletableFuture.completedFuture(null);
      }
      write(i + ": " + TEXT);
      return flush().thenCompose(v -> piece(i + 1));
    }
  }

  @BeforeAll
  static void makeStaticFiles() throws IOException {
    staticDir = Files.createTempDirectory("gzip-static");
    Files.writeString(staticDir.resolve("page.txt"), TEXT);
  }

  @AfterAll
  static void removeStaticFiles() throws IOException {
    Files.deleteIfExists(staticDir.resolve("page.txt"));
    Files.deleteIfExists(staticDir);
  }

  @Override
  protected Application getApp() {
    return new Application(
        List.of(
            url("/text/(\\w+)", TextHandler.class),
            url("/stream", StreamHandler.class),
            url("/long", LongStreamHandler.class)),
        AppSettings.builder().compressResponse(true).staticPath(staticDir).build());
  }

  private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = request(path);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return httpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String gunzip(byte[] gz) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.5", "*"})
  void aLargeTextResponseIsGzippedForAClientThatAcceptsIt(String acceptEncoding) throws Exception {
    HttpResponse<byte[]> r = get("/text/big", "Accept-Encoding", acceptEncoding);
    assertEquals(200, r.statusCode());
    assertEquals("gzip", header(r, "Content-Encoding"));
    assertEquals("Accept-Encoding", header(r, "Vary"));
    assertEquals(String.valueOf(r.body().length), header(r, "Content-Length"), "the compressed length");
    assertTrue(r.body().length < TEXT.length() / 10, "compressed: " + r.body().length);
    assertEquals(TEXT, gunzip(r.body()));
  }

  @Test
  void jsonIsCompressibleAndAnImageIsNot() throws Exception {
    HttpResponse<byte[]> json = get("/text/json", "Accept-Encoding", "gzip");
    assertEquals("gzip", header(json, "Content-Encoding"));
    assertTrue(gunzip(json.body()).startsWith("{\"text\":\"Cyclone"));

    HttpResponse<byte[]> png = get("/text/png", "Accept-Encoding", "gzip");
    assertEquals(null, header(png, "Content-Encoding"));
    assertEquals(TEXT, new String(png.body(), StandardCharsets.UTF_8));
    assertEquals("Accept-Encoding", header(png, "Vary"), "the plain representation varies too");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "identity", "gzip;q=0", "deflate"})
  void aClientThatDoesNotAcceptGzipGetsThePlainBody(String acceptEncoding) throws Exception {
    HttpResponse<byte[]> r = acceptEncoding.isEmpty()
        ? get("/text/big")
        : get("/text/big", "Accept-Encoding", acceptEncoding);
    assertEquals(null, header(r, "Content-Encoding"));
    assertEquals("Accept-Encoding", header(r, "Vary"));
    assertEquals(TEXT, new String(r.body(), StandardCharsets.UTF_8));
  }

  @Test
  void aSmallBodyOrOneAlreadyEncodedIsLeftAlone() throws Exception {
    HttpResponse<byte[]> small = get("/text/small", "Accept-Encoding", "gzip");
    assertEquals(null, header(small, "Content-Encoding"));
    assertEquals("short and plain", new String(small.body(), StandardCharsets.UTF_8));

    HttpResponse<byte[]> encoded = get("/text/encoded", "Accept-Encoding", "gzip, br");
    assertEquals("br", header(encoded, "Content-Encoding"), "not compressed twice");
    assertEquals(TEXT, new String(encoded.body(), StandardCharsets.UTF_8));
  }

  @Test
  void eachRepresentationHasItsOwnEtagAndItsOwn304() throws Exception {
    HttpResponse<byte[]> gz = get("/text/big", "Accept-Encoding", "gzip");
    HttpResponse<byte[]> plain = get("/text/big");
    String gzTag = header(gz, "Etag");
    String plainTag = header(plain, "Etag");
    assertNotEquals(gzTag, plainTag);
    assertTrue(gzTag.endsWith("-gzip\""), gzTag);

    HttpResponse<byte[]> notModified = get("/text/big", "Accept-Encoding", "gzip", "If-None-Match", gzTag);
    assertEquals(304, notModified.statusCode());
    assertEquals(null, header(notModified, "Content-Encoding"));
    assertEquals(0, notModified.body().length);

    // the plain representation's tag does not validate the gzipped one, nor the other way round
    assertEquals(200, get("/text/big", "Accept-Encoding", "gzip", "If-None-Match", plainTag).statusCode());
    assertEquals(304, get("/text/big", "If-None-Match", plainTag).statusCode());
    assertEquals(200, get("/text/big", "If-None-Match", gzTag).statusCode());
  }

  @Test
  void aStreamedResponseIsGzippedPieceByPieceAndEachPieceCanBeReadAtOnce() throws Exception {
    secondPiece = new CompletableFuture<>();
    try (Socket socket = new Socket("127.0.0.1", getHttpPort())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write("GET /stream HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n"
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String head = readHead(in);
      assertTrue(head.contains("\r\nContent-Encoding: gzip\r\n"), head);
      assertTrue(head.contains("\r\nTransfer-Encoding: chunked\r\n"), head);
      assertFalse(head.toLowerCase().contains("content-length"), head);

      // the first flush arrives, and inflates, before the handler writes the rest
      Inflater inflater = new Inflater(true);
      byte[] first = readChunk(in);
      inflater.setInput(first, 10, first.length - 10); // past the 10-byte gzip header
      assertEquals("first piece|", inflate(inflater));

      secondPiece.complete(null);
      ByteArrayOutputStream rest = new ByteArrayOutputStream();
      for (byte[] chunk = readChunk(in); chunk.length > 0; chunk = readChunk(in)) {
        rest.write(chunk);
      }
      ByteArrayOutputStream whole = new ByteArrayOutputStream();
      whole.write(first);
      whole.write(rest.toByteArray());
      assertEquals("first piece|second piece", gunzip(whole.toByteArray()), "a complete gzip stream");
    }
    assertEquals(200, get("/text/small").statusCode(), "the server goes on");
  }

  @Test
  void aClientThatLeavesHalfwayThroughAGzippedStreamCostsNothing() throws Exception {
    for (int i = 0; i < 3; i++) {
      try (Socket socket = new Socket("127.0.0.1", getHttpPort())) {
        socket.getOutputStream().write("GET /long HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1));
        InputStream in = socket.getInputStream();
        assertTrue(readHead(in).contains("Content-Encoding: gzip"));
        in.readNBytes(2000); // some of it, then gone
      }
    }
    HttpResponse<byte[]> r = get("/long", "Accept-Encoding", "gzip");
    assertEquals(200, r.statusCode(), "the loop goes on");
    assertTrue(gunzip(r.body()).startsWith("0: Cyclone"));
    TimeUnit.MILLISECONDS.sleep(100); // the abandoned handlers' writes fail and release
    LeakWatch.assertNoBufferLeaks();
  }

  @Test
  void staticFilesAreCompressedButNeverARange() throws Exception {
    HttpResponse<byte[]> whole = get("/static/page.txt", "Accept-Encoding", "gzip");
    assertEquals(200, whole.statusCode());
    assertEquals("gzip", header(whole, "Content-Encoding"));
    assertEquals(TEXT, gunzip(whole.body()));

    String etag = header(whole, "Etag");
    assertTrue(etag.endsWith("-gzip\""), "the file's tag, for its gzipped bytes: " + etag);
    assertEquals(304, get("/static/page.txt", "Accept-Encoding", "gzip", "If-None-Match", etag).statusCode());

    HttpResponse<byte[]> range = get("/static/page.txt", "Accept-Encoding", "gzip", "Range", "bytes=0-99");
    assertEquals(206, range.statusCode());
    assertEquals(null, header(range, "Content-Encoding"));
    assertArrayEquals(TEXT.substring(0, 100).getBytes(StandardCharsets.UTF_8), range.body());
  }

  @Test
  void curlDecodesWhatItAskedFor() throws Exception {
    Process curl = new ProcessBuilder("curl", "-s", "--compressed", "-D", "-", getUrl("/text/big"))
        .redirectErrorStream(true)
        .start();
    String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, curl.waitFor());
    assertTrue(out.toLowerCase().contains("content-encoding: gzip"), out);
    assertTrue(out.endsWith(TEXT), "curl inflated the body");
  }

  @Test
  void defaultHeadersAreOnEveryResponseErrorsIncluded() throws Exception {
    assertEquals("DENY", header(get("/text/small"), "X-Frame-Options"));
    HttpResponse<byte[]> missing = get("/text/nothing");
    assertEquals(404, missing.statusCode());
    assertEquals("DENY", header(missing, "X-Frame-Options"), "after sendError started over");
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed in the headers: " + head);
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** One chunk of a chunked body (empty for the last). */
  private static byte[] readChunk(InputStream in) throws IOException {
    StringBuilder size = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("closed in a chunk size");
      }
      size.append((char) b);
    }
    byte[] chunk = in.readNBytes(Integer.parseInt(size.toString().trim(), 16));
    in.readNBytes(2); // CRLF
    return chunk;
  }

  private static String inflate(Inflater inflater) throws Exception {
    byte[] out = new byte[4096];
    int n = inflater.inflate(out);
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }
}

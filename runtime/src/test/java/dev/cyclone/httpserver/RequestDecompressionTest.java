package dev.cyclone.httpserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.Application;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Compressed request bodies with {@code decompressRequest} on: gzip is decoded, an encoding the
 * server cannot decode is 400, and the body limit counts decompressed bytes (a zip bomb is 413).
 */
class RequestDecompressionTest extends AsyncHTTPTestCase {

  @Override
  protected Application getApp() {
    return HostileApp.create();
  }

  @Override
  protected HTTPServerOptions getHTTPServerOptions() {
    return HTTPServerOptions.builder().threads(1).decompressRequest(true).maxBodySize(64 * 1024).build();
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  private RawConnection.Response post(String encoding, byte[] body) throws IOException {
    try (Socket s = new Socket("127.0.0.1", getHttpPort());
        RawConnection c = RawConnection.over(s)) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Encoding: " + encoding
                  + "\r\nContent-Length: " + body.length + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      RawConnection.Response r = c.read();
      if (r.status() >= 400) {
        assertTrue(c.closedByServer(), "closed after " + r.status());
      }
      return r;
    }
  }

  @Test
  void gzipBodyIsDecompressed() throws Exception {
    RawConnection.Response r = post("gzip", gzip("hello, gzip".getBytes(StandardCharsets.UTF_8)));
    assertEquals(200, r.status());
    assertEquals("got 11: hello, gzip", r.body());
  }

  @Test
  void unsupportedContentEncodingIs400() throws Exception {
    assertEquals(400, post("compress", "abc".getBytes(StandardCharsets.UTF_8)).status());
    assertEquals(400, post("x-unknown", "abc".getBytes(StandardCharsets.UTF_8)).status());
  }

  @Test
  void zipBombIsStoppedAtTheBodyLimit() throws Exception {
    byte[] bomb = gzip(new byte[16 * 1024 * 1024]); // 16 MiB of zeros in about 16 KiB
    assertTrue(bomb.length < 100 * 1024);
    assertEquals(413, post("gzip", bomb).status());
  }
}

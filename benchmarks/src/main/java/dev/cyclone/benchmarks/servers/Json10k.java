package dev.cyclone.benchmarks.servers;

import dev.cyclone.web.RequestHandler;
import java.nio.charset.StandardCharsets;

/** {@code GET /json}: a 10 KiB JSON document, gzipped when the application compresses responses. */
public class Json10k extends RequestHandler {
  /** About 10 KiB of JSON, the same bytes as Vert.x's /json in {@link VertxServer}. */
  static final byte[] DOCUMENT = document();

  /** Called on the connection's loop. */
  public void get() {
    setHeader("Content-Type", "application/json");
    write(DOCUMENT);
  }

  private static byte[] document() {
    StringBuilder json = new StringBuilder("{\"items\":[");
    for (int i = 0; json.length() < 10 * 1024 - 80; i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"id\":").append(i).append(",\"name\":\"item ").append(i)
          .append("\",\"price\":").append(i * 7 % 100).append(".99,\"tags\":[\"a\",\"b\"]}");
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }
}

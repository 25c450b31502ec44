package dev.cyclone.web;

import static dev.cyclone.web.URLSpec.url;

import dev.cyclone.httpserver.HTTPServer;
import java.util.List;

/**
 * A server of {@link StreamRequestBodyTest.CountingHandler} in a JVM of its own, so that a test can
 * give it a small heap: prints {@code port N}, then serves until stdin closes.
 */
public final class UploadServerMain {
  private UploadServerMain() {}

  public static void main(String[] args) throws Exception {
    HTTPServer server =
        new Application(List.of(url("/count", StreamRequestBodyTest.CountingHandler.class)))
            .listen(0, "127.0.0.1");
    System.out.println("port " + server.port());
    System.out.flush();
    while (System.in.read() >= 0) {
      // serve until the test closes our stdin or ends the process
    }
    server.stop();
  }
}

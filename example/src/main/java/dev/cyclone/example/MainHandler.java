package dev.cyclone.example;

import dev.cyclone.web.RequestHandler;

/** {@code GET /}: Tornado's hello world, a plain handler. */
public class MainHandler extends RequestHandler {
  /** Called on the connection's loop for each GET; the response is finished when it returns. */
  public void get() {
    setHeader("Content-Type", "text/plain; charset=UTF-8");
    write("Hello, world");
  }
}

package ${package};

import dev.cyclone.web.RequestHandler;

/** {@code GET /}: a plain handler; the response is finished when {@code get} returns. */
public class MainHandler extends RequestHandler {
  /** Called on the connection's event loop for each GET. */
  public void get() {
    setHeader("Content-Type", "text/plain; charset=UTF-8");
    write("Hello, world");
  }
}

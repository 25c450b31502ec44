package dev.cyclone.benchmarks.servers;

import dev.cyclone.web.RequestHandler;

/** The plain handler: no future involved. */
public class PlainHello extends RequestHandler {
  /** Called on the connection's loop; the response is finished when it returns. */
  public void get() {
    setHeader("Content-Type", "text/plain");
    write(ServerArgs.HELLO);
  }
}

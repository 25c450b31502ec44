package dev.cyclone.benchmarks.servers;

import dev.cyclone.web.RequestHandler;

/** {@code GET /active}: how many {@code /sleep} requests are being held right now. */
public class ActiveHandler extends RequestHandler {
  /** Called on the connection's loop; the response is finished when it returns. */
  public void get() {
    setHeader("Content-Type", "text/plain");
    write(Integer.toString(SleepHandler.ACTIVE.get()));
  }
}

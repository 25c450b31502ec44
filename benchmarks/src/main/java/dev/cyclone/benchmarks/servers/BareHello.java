package dev.cyclone.benchmarks.servers;

import dev.cyclone.web.RequestHandler;

/**
 * The plain handler without two of Tornado's defaults: no {@code Etag} (no SHA-1 of the body) and
 * no {@code Server} header. Its response then carries what the Vert.x server's does, plus the
 * {@code Date} every Cyclone response has; it shows what those defaults cost a small response.
 */
public class BareHello extends RequestHandler {
  /** No ETag, as a Tornado handler whose {@code compute_etag} returns None. */
  @Override
  protected CharSequence computeEtag() {
    return null;
  }

  /** Called on the connection's loop; the response is finished when it returns. */
  public void get() {
    clearHeader("Server");
    setHeader("Content-Type", "text/plain");
    write(ServerArgs.HELLO);
  }
}

package dev.cyclone.example;

import dev.cyclone.web.RequestHandler;

/**
 * {@code POST /echo}: the request body back, with the request's {@code Content-Type}
 * ({@code application/octet-stream} when it has none).
 *
 * <pre>
 * class EchoHandler(tornado.web.RequestHandler):
 *     def post(self):
 *         self.set_header("Content-Type", self.request.headers.get("Content-Type", "application/octet-stream"))
 *         self.write(self.request.body)
 * </pre>
 */
public class EchoHandler extends RequestHandler {
  /** A plain handler: the response is finished when it returns. */
  public void post() {
    String type = request().headers().get("Content-Type");
    setHeader("Content-Type", type != null ? type : "application/octet-stream");
    write(request().body());
  }

  /**
   * No XSRF token here: the application checks them (for the notes pages' forms), but this is an
   * API for programs, which reads no cookie, so a forged request could do nothing another site
   * cannot do anyway. Tornado's idiom for such a handler: override the check.
   */
  @Override
  protected void checkXsrfCookie() {}
}

package dev.cyclone.benchmarks.servers;

import dev.cyclone.gen.Gen;
import dev.cyclone.httpserver.HTTPServer;
import dev.cyclone.httpserver.HTTPServerOptions;
import dev.cyclone.httpserver.TlsProvider;
import dev.cyclone.ioloop.Transports;
import dev.cyclone.web.AppSettings;
import dev.cyclone.web.Application;
import dev.cyclone.web.RequestHandler;
import dev.cyclone.web.URLSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The hello world of the load comparison, served by Cyclone with one of three handlers at {@code
 * /}:
 *
 * <pre>
 *   CycloneServer --port 8080 --loops 1 --handler plain|completed|moment|bare
 *       [--transport io_uring|epoll|nio]
 *       [--tls-cert cert.pem --tls-key key.pem [--tls-provider JDK|OPENSSL]]
 * </pre>
 *
 * <ul>
 *   <li>{@code plain} ({@link PlainHello}): a plain {@code get()} that writes the body (returning finishes);
 *   <li>{@code completed} ({@link CompletedHello}): an {@code @Coroutine get()} that awaits an already completed future
 *       first (the fast path: no suspension);
 *   <li>{@code moment} ({@link MomentHello}): an {@code @Coroutine get()} that awaits {@link Gen#moment()} first (a real
 *       suspension and resumption by the loop);
 *   <li>{@code bare} ({@link BareHello}): the plain handler without an ETag or a Server header.
 * </ul>
 *
 * <p>Two more routes serve the held-requests test ({@code benchmarks/held.sh}): {@code
 * /sleep?ms=N} ({@link SleepHandler}), a coroutine awaiting {@link Gen#sleep}, and {@code /heap}
 * ({@link HeapHandler}), the heap in use after
 * full collections, and {@code /active} ({@link ActiveHandler}), how many are held. Access logging is off (as in Tornado without logging configured): the
 * {@code dev.cyclone.access} logger is set to WARN before the first request.
 *
 * <p>With {@code --tls-cert} and {@code --tls-key} it serves HTTPS with that PEM pair, on the
 * engine {@code --tls-provider} names (by default OpenSSL where it loads): the mode of {@code
 * benchmarks/tls.sh}.
 *
 * <p>With {@code --reuse-port true} each loop has a listening socket of its own ({@code
 * HTTPServerOptions.reusePort}) and serves what it accepts: {@code cyclone-reuseport} of {@code
 * benchmarks/load.sh}.
 *
 * <p>Without {@code --transport}, Cyclone takes its default: epoll, or NIO where it does not load
 * ({@code Transports}).
 *
 * <p>The handlers are top-level classes, each in its own file.
 */
public final class CycloneServer {
  private CycloneServer() {}

  /** Starts the server and runs until the process is killed. */
  public static void main(String[] args) throws InterruptedException {
    ServerArgs a =
        ServerArgs.parse(
            "CycloneServer",
            args,
            "handler",
            "transport",
            "compress",
            "tls-cert",
            "tls-key",
            "tls-provider",
            "reuse-port");
    String transport = a.get("transport", null);
    if (transport != null) {
      System.setProperty(Transports.PROPERTY, transport); // before the first loop is made
    }
    System.setProperty("org.slf4j.simpleLogger.log.dev.cyclone.access", "warn");
    String handler = a.get("handler", "plain");
    Class<? extends RequestHandler> hello =
        switch (handler) {
          case "plain" -> PlainHello.class;
          case "completed" -> CompletedHello.class;
          case "moment" -> MomentHello.class;
          case "bare" -> BareHello.class;
          default -> {
            System.err.println(
                "CycloneServer: --handler is plain, completed, moment or bare, got " + handler);
            System.exit(2);
            yield null;
          }
        };
    Application app =
        new Application(
            List.of(
                URLSpec.url("/", hello),
                URLSpec.url("/sleep", SleepHandler.class),
                URLSpec.url("/heap", HeapHandler.class),
                URLSpec.url("/active", ActiveHandler.class),
                URLSpec.url("/json", Json10k.class)),
            AppSettings.builder().compressResponse(Boolean.parseBoolean(a.get("compress", "false"))).build());
    HTTPServerOptions.Builder options =
        HTTPServerOptions.builder()
            .threads(a.loops)
            .reusePort(Boolean.parseBoolean(a.get("reuse-port", "false")));
    String cert = a.get("tls-cert", null);
    if (cert != null) {
      options.tls(Path.of(cert), Path.of(a.get("tls-key", "key.pem")));
      String provider = a.get("tls-provider", null);
      if (provider != null) {
        options.tlsProvider(TlsProvider.valueOf(provider.toUpperCase(Locale.ROOT)));
      }
    }
    HTTPServer server = app.listen(a.port, "127.0.0.1", options.build());
    ServerArgs.ready(server.port(), Transports.current());
    Thread.currentThread().join();
  }
}

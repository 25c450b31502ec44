package dev.cyclone.benchmarks.servers;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.transport.Transport;

/**
 * The hello world on Vert.x 5 core, as its documentation writes one: an HTTP server verticle
 * deployed once per event loop, each answering every request with {@code end(body)}.
 *
 * <pre>
 *   VertxServer --port 8080 --loops 1 [--transport io_uring]
 * </pre>
 *
 * <p>Native transport preferred, which Vert.x 5 takes to mean epoll (io_uring only where epoll does
 * not load); {@code --transport io_uring} asks for io_uring.
 */
public final class VertxServer {
  private VertxServer() {}

  /** Starts the server and runs until the process is killed. */
  public static void main(String[] args) throws Exception {
    ServerArgs a = ServerArgs.parse("VertxServer", args, "transport", "compress");
    boolean compress = Boolean.parseBoolean(a.get("compress", "false"));
    VertxOptions options =
        new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(a.loops);
    boolean uring = a.get("transport", "native").equals("io_uring");
    Vertx vertx =
        uring
            ? Vertx.builder().with(options).withTransport(Transport.IO_URING).build()
            : Vertx.vertx(options);
    vertx
        .deployVerticle(() -> new Hello(a.port, compress), new DeploymentOptions().setInstances(a.loops))
        .await();
    ServerArgs.ready(
        a.port, !vertx.isNativeTransportEnabled() ? "nio" : uring ? "io_uring" : "epoll");
  }

  /** One HTTP server on one event loop; Vert.x shares the listening socket among the instances. */
  static final class Hello extends VerticleBase {
    private static final io.vertx.core.buffer.Buffer JSON = io.vertx.core.buffer.Buffer.buffer(Json10k.DOCUMENT);
    private final int port;
    private final boolean compress;

    Hello(int port, boolean compress) {
      this.port = port;
      this.compress = compress;
    }

    @Override
    public Future<?> start() {
      return vertx
          .createHttpServer(new HttpServerOptions().setTcpNoDelay(true).setCompressionSupported(compress))
          .requestHandler(
              req -> {
                if (req.path().equals("/json")) {
                  req.response().putHeader("Content-Type", "application/json").end(JSON);
                } else {
                  req.response().putHeader("Content-Type", "text/plain").end(ServerArgs.HELLO);
                }
              })
          .listen(port, "127.0.0.1");
    }
  }
}

package dev.cyclone.benchmarks.servers;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;

/**
 * The hello world on Vert.x 5 core, as its documentation writes one: an HTTP server verticle
 * deployed once per event loop, each answering every request with {@code end(body)}.
 *
 * <pre>
 *   VertxServer --port 8080 --loops 1
 * </pre>
 *
 * <p>Native transport preferred (epoll, as Cyclone and the Netty server use).
 */
public final class VertxServer {
  private VertxServer() {}

  /** Starts the server and runs until the process is killed. */
  public static void main(String[] args) throws Exception {
    ServerArgs a = ServerArgs.parse("VertxServer", args);
    Vertx vertx =
        Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(a.loops));
    vertx
        .deployVerticle(() -> new Hello(a.port), new DeploymentOptions().setInstances(a.loops))
        .await();
    ServerArgs.ready(a.port);
  }

  /** One HTTP server on one event loop; Vert.x shares the listening socket among the instances. */
  static final class Hello extends VerticleBase {
    private final int port;

    Hello(int port) {
      this.port = port;
    }

    @Override
    public Future<?> start() {
      return vertx
          .createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
          .requestHandler(
              req -> req.response().putHeader("Content-Type", "text/plain").end(ServerArgs.HELLO))
          .listen(port, "127.0.0.1");
    }
  }
}

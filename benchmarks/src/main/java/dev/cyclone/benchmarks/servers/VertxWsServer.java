package dev.cyclone.benchmarks.servers;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WebSocket comparison's Vert.x 5 server: the same {@code /room} and {@code /echo} as {@link
 * CycloneWsServer}, with Vert.x's own WebSocket server, on {@code --loops} event loops.
 *
 * <pre>
 *   VertxWsServer --port 8080 --loops 1
 * </pre>
 */
public final class VertxWsServer {
  private VertxWsServer() {}

  public static void main(String[] args) throws Exception {
    ServerArgs a = ServerArgs.parse("VertxWsServer", args);
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(a.loops));
    Set<ServerWebSocket> members = ConcurrentHashMap.newKeySet();
    vertx.createHttpServer(new HttpServerOptions().setMaxWebSocketFrameSize(65536))
        .webSocketHandler(ws -> {
          if (ws.path().equals("/room")) {
            members.add(ws);
            ws.closeHandler(v -> members.remove(ws));
            ws.textMessageHandler(message -> {
              for (ServerWebSocket member : members) {
                member.writeTextMessage(message);
              }
            });
          } else if (ws.path().equals("/echo")) {
            ws.textMessageHandler(ws::writeTextMessage);
          } else {
            ws.close(); // no such endpoint
          }
        })
        .listen(a.port, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get();
    ServerArgs.ready(a.port, vertx.isNativeTransportEnabled() ? "native" : "nio");
    Thread.currentThread().join();
  }
}

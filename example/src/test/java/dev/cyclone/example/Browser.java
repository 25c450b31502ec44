package dev.cyclone.example;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cyclone.websocket.WebSocketClient;
import dev.cyclone.websocket.WebSocketClientConnection;
import dev.cyclone.websocket.WebSocketMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A headless Chromium with one page, driven through its DevTools protocol (a WebSocket, spoken
 * with Cyclone's client): the tests' real browser. {@link #close()} ends it and cleans its profile.
 */
final class Browser implements AutoCloseable {
  private final Process chromium;
  private final Path profile;
  private WebSocketClientConnection devTools;
  private int calls;

  private Browser(Process chromium, Path profile) {
    this.chromium = chromium;
    this.profile = profile;
  }

  /** Starts Chromium on {@code url}, its profile in {@code profile} (an empty directory). */
  static Browser open(String url, Path profile) throws IOException {
    Process chromium = new ProcessBuilder(
            Peers.chromium().toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--remote-debugging-port=0", "--user-data-dir=" + profile, url)
        .redirectErrorStream(true)
        .redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile())
        .start();
    return new Browser(chromium, profile);
  }

  /** {@code expression} evaluated in the page (Runtime.evaluate), as a string. */
  String evaluate(String expression) throws Exception {
    WebSocketClientConnection tools = devTools();
    int id = ++calls;
    tools.writeMessage(ChatRoomTest.JSON.createObjectNode().put("id", id).put("method", "Runtime.evaluate")
        .set("params", ChatRoomTest.JSON.createObjectNode().put("expression", expression).put("returnByValue", true))
        .toString());
    while (true) {
      WebSocketMessage m = tools.readMessage().get(10, TimeUnit.SECONDS);
      if (m == null) {
        throw new IOException("DevTools closed the connection");
      }
      JsonNode reply = ChatRoomTest.JSON.readTree(m.text());
      if (reply.path("id").asInt() == id) {
        return reply.path("result").path("result").path("value").asText();
      }
    }
  }

  /** Evaluates {@code expression} until its value passes {@code done} (20 s at most); the last value. */
  String await(String expression, Predicate<String> done) throws Exception {
    String value = "";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try {
        value = evaluate(expression);
      } catch (IOException | java.util.concurrent.TimeoutException navigating) {
        value = ""; // the page is being replaced: ask again
      }
      if (done.test(value)) {
        return value;
      }
      Thread.sleep(100);
    }
    return value;
  }

  /** The DevTools connection to the page, found through the profile's DevToolsActivePort file. */
  private WebSocketClientConnection devTools() throws Exception {
    if (devTools != null) {
      return devTools;
    }
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
      if (System.nanoTime() > deadline) {
        fail("Chromium did not start its DevTools endpoint");
      }
      Thread.sleep(50);
    }
    int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
    HttpResponse<String> targets = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
        HttpResponse.BodyHandlers.ofString());
    for (JsonNode target : ChatRoomTest.JSON.readTree(targets.body())) {
      if (target.get("type").asText().equals("page")) {
        devTools = ChatRoomTest.get(WebSocketClient.connect(target.get("webSocketDebuggerUrl").asText()));
        return devTools;
      }
    }
    return fail("no page among Chromium's targets: " + targets.body());
  }

  @Override
  public void close() throws Exception {
    if (devTools != null) {
      devTools.close();
    }
    chromium.descendants().forEach(ProcessHandle::destroyForcibly);
    chromium.destroyForcibly();
    chromium.waitFor(10, TimeUnit.SECONDS);
    // Chromium's lock links point outside the profile; removed here, JUnit need not warn of them
    for (String link : new String[] {"SingletonLock", "SingletonSocket", "SingletonCookie"}) {
      Files.deleteIfExists(profile.resolve(link));
    }
  }
}

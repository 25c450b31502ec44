package dev.cyclone.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.Application;
import dev.cyclone.websocket.WebSocketClient;
import dev.cyclone.websocket.WebSocketClientConnection;
import dev.cyclone.websocket.WebSocketMessage;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real browser in the chat room: headless Chromium opens the chat page, which joins over its own
 * WebSocket and says something; a Java member hears it and answers; the page shows the answer, as
 * text. The test reads the page through Chrome's DevTools protocol, itself a WebSocket, with
 * Cyclone's client.
 */
class ChatBrowserTest extends AsyncHTTPTestCase {
  private int devToolsCalls;

  @Override
  protected Application getApp() {
    return ExampleServer.makeApp();
  }

  @Override
  protected Duration getAsyncTestTimeout() {
    return Duration.ofSeconds(30);
  }

  @Test
  void aBrowserAndAJavaMemberTalkThroughTheRoom(@TempDir Path profile) throws Exception {
    WebSocketClientConnection java =
        ChatRoomTest.get(WebSocketClient.connect(getUrl("/chat/socket").replaceFirst("^http", "ws")));
    Thread.sleep(100);
    String said = "hi from <b>chromium</b>";
    String page = getUrl("/chat?name=browser&say=" + URLEncoder.encode(said, StandardCharsets.UTF_8));
    Process chromium = new ProcessBuilder(
            Peers.chromium().toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--remote-debugging-port=0", "--user-data-dir=" + profile, page)
        .redirectErrorStream(true)
        .redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile())
        .start();
    try {
      // the browser's message, as a Java member hears it
      JsonNode heard = ChatRoomTest.JSON.readTree(java.readMessage().get(30, TimeUnit.SECONDS).text());
      assertEquals("browser", heard.get("name").asText());
      assertEquals(said, heard.get("text").asText());

      // and the answer, as the page shows it
      String answer = "<i>hello, browser</i> & welcome";
      java.writeMessage(ChatRoomTest.say("java", answer));
      WebSocketClientConnection devTools = devTools(profile);
      String shown = "";
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < deadline && !shown.contains("java" + answer)) {
        shown = evaluate(devTools,
            "[...document.querySelectorAll('#messages li')].map(li => li.textContent).join('\\n')");
        Thread.sleep(100);
      }
      assertTrue(shown.contains("browser" + said) && shown.contains("java" + answer), "the page shows: " + shown);
      assertEquals("0", evaluate(devTools, "String(document.querySelectorAll('#messages b, #messages i').length)"),
          "the HTML in messages is shown as text, not made into elements");
      devTools.close();
    } finally {
      chromium.descendants().forEach(ProcessHandle::destroyForcibly);
      chromium.destroyForcibly();
      chromium.waitFor(10, TimeUnit.SECONDS);
      // Chromium's lock links point outside the profile; removed here, JUnit need not warn of them
      for (String link : new String[] {"SingletonLock", "SingletonSocket", "SingletonCookie"}) {
        Files.deleteIfExists(profile.resolve(link));
      }
      java.close();
    }
  }

  /** A DevTools connection to the browser's page, found through its DevToolsActivePort file. */
  private WebSocketClientConnection devTools(Path profile) throws Exception {
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
      if (System.nanoTime() > deadline) {
        fail("Chromium did not start its DevTools endpoint");
      }
      Thread.sleep(50);
    }
    int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
    HttpResponse<String> targets = httpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
        HttpResponse.BodyHandlers.ofString());
    for (JsonNode target : ChatRoomTest.JSON.readTree(targets.body())) {
      if (target.get("type").asText().equals("page") && target.get("url").asText().contains("/chat")) {
        return ChatRoomTest.get(WebSocketClient.connect(target.get("webSocketDebuggerUrl").asText()));
      }
    }
    return fail("no chat page among Chromium's targets: " + targets.body());
  }

  /** Runtime.evaluate of {@code expression} in the page; its string value. */
  private String evaluate(WebSocketClientConnection devTools, String expression) throws Exception {
    int id = ++devToolsCalls;
    devTools.writeMessage(ChatRoomTest.JSON.createObjectNode().put("id", id).put("method", "Runtime.evaluate")
        .set("params", ChatRoomTest.JSON.createObjectNode().put("expression", expression).put("returnByValue", true))
        .toString());
    while (true) {
      WebSocketMessage m = devTools.readMessage().get(10, TimeUnit.SECONDS);
      if (m == null) {
        throw new IOException("DevTools closed the connection");
      }
      JsonNode reply = ChatRoomTest.JSON.readTree(m.text());
      if (reply.path("id").asInt() == id) {
        return reply.path("result").path("result").path("value").asText();
      }
    }
  }
}

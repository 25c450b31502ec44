package dev.cyclone.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.Application;
import dev.cyclone.websocket.WebSocketClient;
import dev.cyclone.websocket.WebSocketClientConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
    try (Browser browser = Browser.open(page, profile)) {
      // the browser's message, as a Java member hears it
      JsonNode heard = ChatRoomTest.JSON.readTree(java.readMessage().get(30, TimeUnit.SECONDS).text());
      assertEquals("browser", heard.get("name").asText());
      assertEquals(said, heard.get("text").asText());

      // and the answer, as the page shows it
      String answer = "<i>hello, browser</i> & welcome";
      java.writeMessage(ChatRoomTest.say("java", answer));
      String shown = browser.await(
          "[...document.querySelectorAll('#messages li')].map(li => li.textContent).join('\\n')",
          text -> text.contains("java" + answer));
      assertTrue(shown.contains("browser" + said) && shown.contains("java" + answer), "the page shows: " + shown);
      assertEquals("0", browser.evaluate("String(document.querySelectorAll('#messages b, #messages i').length)"),
          "the HTML in messages is shown as text, not made into elements");
    } finally {
      java.close();
    }
  }
}

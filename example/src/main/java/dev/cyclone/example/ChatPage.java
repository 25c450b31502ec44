package dev.cyclone.example;

import dev.cyclone.web.HTTPError;
import dev.cyclone.web.RequestHandler;
import java.io.IOException;
import java.io.InputStream;

/** {@code /chat}: the chat room's page (static HTML and a little JavaScript, {@code static/chat.html}). */
public class ChatPage extends RequestHandler {
  private static final byte[] PAGE = load();

  public void get() {
    setHeader("Content-Type", "text/html; charset=UTF-8");
    write(PAGE);
  }

  private static byte[] load() {
    try (InputStream in = ChatPage.class.getClassLoader().getResourceAsStream("static/chat.html")) {
      if (in == null) {
        throw new IllegalStateException("[ExampleStatic] static/chat.html is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new HTTPError(500, "cannot read chat.html: %s", e);
    }
  }
}

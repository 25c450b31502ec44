package dev.cyclone.httpserver;

import static dev.cyclone.web.URLSpec.url;

import dev.cyclone.web.Application;
import dev.cyclone.web.RequestHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The small application the hostile-input tests attack: {@code /} says hello, {@code /echo} echoes. */
final class HostileApp {
  private HostileApp() {}

  public static class HelloHandler extends RequestHandler {
    public void get() {
      write("Hello, world");
    }
  }

  public static class EchoHandler extends RequestHandler {
    public void post() {
      write("got " + request().body().length + ": " + new String(request().body(), StandardCharsets.UTF_8));
    }

    public void put() {
      post();
    }
  }

  static Application create() {
    return new Application(List.of(url("/", HelloHandler.class), url("/echo", EchoHandler.class)));
  }
}

package dev.cyclone.example;

import static dev.cyclone.web.URLSpec.url;

import dev.cyclone.httpclient.AsyncHTTPClient;
import dev.cyclone.httpserver.HTTPServer;
import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.web.AppSettings;
import dev.cyclone.web.Application;
import dev.cyclone.web.StaticFileHandler;
import java.util.List;
import java.util.Map;

/**
 * The example server: {@code --port} (default 8888), {@code --address} (default 127.0.0.1) and
 * {@code --redis redis://host:port} (the chat room shared through Redis; in memory without it).
 *
 * <pre>
 *   mvn -B -q -pl example -am -Dmaven.test.skip=true package exec:java
 *   curl -i http://127.0.0.1:8888/
 * </pre>
 *
 * <p>Its routes show every way of writing a non-blocking handler: plain ({@link MainHandler},
 * {@link EchoHandler}), callback style ({@link CallbackHandler}) and coroutines ({@link
 * CoroutineHandler}, {@link SleepHandler}, {@link AggregateHandler}).
 */
public final class ExampleServer {
  private ExampleServer() {}

  /**
   * The application: its routes and settings. The handlers that fetch share one {@link
   * AsyncHTTPClient}, given to their {@code initialize} (Tornado's {@code dict(client=client)}).
   */
  public static Application makeApp() {
    return makeApp(new InMemoryChatRoom(IOLoop.current()), newCookieSecret());
  }

  /**
   * The application, its chat on {@code room} (in memory, or shared through Redis), its login
   * cookies signed with {@code cookieSecret}.
   */
  public static Application makeApp(ChatRoom room, String cookieSecret) {
    Map<String, Object> withClient = Map.of("client", new AsyncHTTPClient());
    Map<String, Object> staticFiles =
        Map.of(
            "path", StaticFiles.directory(ExampleServer.class.getClassLoader()),
            "defaultFilename", "index.html");
    return new Application(
        List.of(
            url("/", MainHandler.class),
            url("/callback", CallbackHandler.class, withClient),
            url("/coroutine", CoroutineHandler.class, withClient),
            url("/sleep", SleepHandler.class),
            url("/aggregate", AggregateHandler.class, withClient),
            url("/echo", EchoHandler.class),
            url("/chat", ChatPage.class),
            url("/chat/socket", ChatSocket.class, Map.of("room", room)),
            url("/login", LoginHandler.class),
            url("/logout", LogoutHandler.class),
            url("/notes", NotesHandler.class, Map.of("notes", new Notes())),
            url("/static/(.*)", StaticFileHandler.class, staticFiles)),
        AppSettings.builder()
            .cookieSecret(cookieSecret)
            .xsrfCookies(true) // every POST carries its form's _xsrf token (EchoHandler opts out)
            .loginUrl("/login")
            .build());
  }

  /**
   * A random cookie secret, for a server started without {@code --cookie-secret}: its logins end
   * when it stops. Servers behind one load balancer share one secret instead.
   */
  static String newCookieSecret() {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return java.util.Base64.getEncoder().encodeToString(key);
  }

  /** Starts serving {@link #makeApp()} on {@code address:port} (0: a free port) and returns the server. */
  public static HTTPServer start(int port, String address) {
    return makeApp().listen(port, address);
  }

  /** Parses the options, starts the server, prints one line, and runs until the process ends. */
  public static void main(String[] args) {
    int port = 8888;
    String address = "127.0.0.1";
    String redis = null;
    String cookieSecret = System.getenv("CYCLONE_COOKIE_SECRET");
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (value == null && (name.equals("--port") || name.equals("--address") || name.equals("--redis")
          || name.equals("--cookie-secret"))) {
        if (i + 1 >= args.length) {
          usage("missing value for " + name);
        }
        value = args[++i];
      }
      switch (name) {
        case "--port" -> port = parsePort(value);
        case "--address" -> address = value;
        case "--redis" -> redis = value;
        case "--cookie-secret" -> cookieSecret = value;
        default -> usage("unknown option " + arg);
      }
    }
    ChatRoom room = redis == null
        ? new InMemoryChatRoom(IOLoop.current())
        : RedisChatRoom.connect(redis, IOLoop.current());
    HTTPServer server =
        makeApp(room, cookieSecret != null ? cookieSecret : newCookieSecret()).listen(port, address);
    // The one "ready" line goes to stdout: under `mvn -q exec:java` the logging backend is Maven's
    // own, which -q silences.
    System.out.println("Cyclone example listening on http://" + address + ":" + server.port() + "/");
    IOLoop.current().start();
  }

  private static int parsePort(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port < 0 || port > 65535) {
        usage("--port must be between 0 and 65535, got " + value);
      }
      return port;
    } catch (NumberFormatException e) {
      usage("--port must be a number, got " + value);
      return -1;
    }
  }

  private static void usage(String problem) {
    System.err.println("ExampleServer: " + problem);
    System.err.println("usage: ExampleServer [--port N] [--address HOST] [--redis redis://HOST:PORT]"
        + " [--cookie-secret SECRET (default: $CYCLONE_COOKIE_SECRET, else random)]");
    System.exit(2);
  }
}

package ${package};

import static dev.cyclone.web.URLSpec.url;

import dev.cyclone.httpserver.HTTPServer;
import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.web.AppSettings;
import dev.cyclone.web.Application;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server: {@code java -jar target/${artifactId}-${version}.jar [--port N] [--address HOST]
 * [--debug]} (defaults: 8888 and 127.0.0.1; {@code --port 0} picks a free port; {@code --debug}:
 * development mode, with stack traces in error pages and a restart whenever the classes under
 * {@code target/classes} are rebuilt).
 */
public final class App {
  private static final Logger log = LoggerFactory.getLogger(App.class);

  private App() {}

  /** The routes: each path pattern and the handler that answers it. Tests serve this too. */
  public static Application makeApp() {
    return makeApp(false);
  }

  /** The routes, in development mode ({@code AppSettings.debug}: autoreload) when {@code debug}. */
  public static Application makeApp(boolean debug) {
    return new Application(
        List.of(
            url("/", MainHandler.class),
            url("/sleep", SleepHandler.class)),
        AppSettings.builder().debug(debug).build());
  }

  /** Parses the options, starts serving, and runs the event loop until the process ends. */
  public static void main(String[] args) {
    int port = 8888;
    String address = "127.0.0.1";
    boolean debug = false;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("--debug")) {
        debug = true;
        continue;
      }
      String value;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        usage("missing value for " + name);
        return;
      }
      switch (name) {
        case "--port" -> port = parsePort(value);
        case "--address" -> address = value;
        default -> usage("unknown option " + name);
      }
    }
    HTTPServer server = makeApp(debug).listen(port, address);
    log.info("listening on http://{}:{}/", address, server.port());
    IOLoop.current().start();
  }

  private static int parsePort(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    usage("--port must be a number in 0..65535, got " + value);
    return -1;
  }

  private static void usage(String problem) {
    System.err.println(problem);
    System.err.println("usage: App [--port N] [--address HOST] [--debug]");
    System.exit(2);
  }
}

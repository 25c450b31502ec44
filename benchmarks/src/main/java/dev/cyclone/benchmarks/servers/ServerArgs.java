package dev.cyclone.benchmarks.servers;

import java.util.HashMap;
import java.util.Map;

/**
 * The command line shared by the benchmark servers: {@code --port N --loops N [--NAME VALUE]...}.
 * Every server listens on 127.0.0.1 only and prints two lines once it accepts connections, {@code
 * transport <name>} and {@code ready <port>} (the scripts wait for the second).
 */
final class ServerArgs {
  /** The hello-world body every server answers with. */
  static final String HELLO = "Hello, World!";

  final int port;
  final int loops;
  private final Map<String, String> options;

  private ServerArgs(int port, int loops, Map<String, String> options) {
    this.port = port;
    this.loops = loops;
    this.options = options;
  }

  /** Parses {@code args}; exits with status 2 and a usage line on a bad one. */
  static ServerArgs parse(String server, String[] args, String... allowed) {
    Map<String, String> options = new HashMap<>();
    options.put("port", "8080");
    options.put("loops", "1");
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        usage(server, "unexpected argument " + arg, allowed);
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        usage(server, "missing value for --" + name, allowed);
        return null;
      }
      if (!name.equals("port") && !name.equals("loops") && !java.util.List.of(allowed).contains(name)) {
        usage(server, "unknown option --" + name, allowed);
      }
      options.put(name, value);
    }
    try {
      int port = Integer.parseInt(options.get("port"));
      int loops = Integer.parseInt(options.get("loops"));
      if (loops < 1) {
        usage(server, "--loops must be at least 1", allowed);
      }
      return new ServerArgs(port, loops, options);
    } catch (NumberFormatException e) {
      usage(server, "--port and --loops take numbers: " + e.getMessage(), allowed);
      return null;
    }
  }

  /** The value of {@code --name}, or {@code defaultValue}. */
  String get(String name, String defaultValue) {
    return options.getOrDefault(name, defaultValue);
  }

  /** Tells the script that started this server that it is listening, and on which transport. */
  static void ready(int port, Object transport) {
    System.out.println("transport " + transport);
    System.out.println("ready " + port);
    System.out.flush();
  }

  private static void usage(String server, String problem, String... allowed) {
    StringBuilder extra = new StringBuilder();
    for (String name : allowed) {
      extra.append(" [--").append(name).append(" VALUE]");
    }
    System.err.println(server + ": " + problem);
    System.err.println("usage: " + server + " [--port N] [--loops N]" + extra);
    System.exit(2);
  }
}
